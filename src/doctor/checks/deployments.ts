/** Workload spec checks the API server would reject: both rollout limits 0, a selector missing its template. */
import { asRecord } from '../path.ts';
import type { Located, ManifestObject } from '../types.ts';
import type { PodTemplate } from '../workloads.ts';
import { labelSelectorMatches } from '../workloads.ts';

function isZero(v: unknown): boolean {
  return v === 0 || (typeof v === 'string' && /^0+%$/.test(v));
}

/** k8s: pkg/apis/apps/validation/validation.go ValidateRollingUpdateDeployment (raw values, not resolved). */
export function checkRollouts(objects: readonly ManifestObject[]): Located[] {
  const out: Located[] = [];
  for (const d of objects) {
    if (d.kind !== 'Deployment' || d.unindented) continue;
    const strategy = asRecord(asRecord(d.value['spec'])['strategy']);
    if ((strategy['type'] ?? 'RollingUpdate') !== 'RollingUpdate') continue;
    const ru = asRecord(strategy['rollingUpdate']);
    const mu = ru['maxUnavailable'];
    if (!isZero(mu) || !isZero(ru['maxSurge'])) continue;
    out.push({
      obj: d,
      finding: {
        check: 'rollout-both-zero',
        severity: 'error',
        path: ['spec', 'strategy', 'rollingUpdate', 'maxUnavailable'],
        message: `spec.strategy.rollingUpdate.maxUnavailable: Invalid value: ${JSON.stringify(mu)}: may not be 0 when \`maxSurge\` is 0`,
        fix: 'allow a surge to roll without losing capacity (maxUnavailable: 0, maxSurge: 1 or 100%), or allow maxUnavailable: 1',
      },
    });
  }
  return out;
}

/** k8s: ValidateDeploymentSpec: `selector` does not match template `labels`. */
export function checkWorkloadSelectors(templates: readonly PodTemplate[]): Located[] {
  const out: Located[] = [];
  for (const t of templates) {
    if (t.obj.kind === 'Pod' || t.obj.kind === 'Job' || t.obj.kind === 'CronJob') continue;
    const selector = asRecord(t.obj.value['spec'])['selector'];
    if (selector === undefined || labelSelectorMatches(selector, t.labels)) continue;
    out.push({
      obj: t.obj,
      finding: {
        check: 'deployment-selector',
        severity: 'error',
        path: [...t.specPath.slice(0, -1), 'metadata', 'labels'],
        message: `spec.template.metadata.labels: Invalid value: ${JSON.stringify(t.labels)}: \`selector\` does not match template \`labels\``,
        fix: 'give the pod template every label of spec.selector.matchLabels',
      },
    });
  }
  return out;
}
