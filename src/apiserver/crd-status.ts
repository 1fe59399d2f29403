/**
 * The status kube's apiextensions controllers give a CRD at once: NamesAccepted and Established
 * conditions, acceptedNames and storedVersions (k8s: apiextensions-apiserver/pkg/controller/status).
 */
import { isRecord } from '../core/index.ts';
import type { KubeObject } from '../core/index.ts';

export function crdStatus(crd: KubeObject, now: Date): Record<string, unknown> {
  const spec = isRecord(crd.spec) ? crd.spec : {};
  const old = isRecord(crd.status) ? crd.status : {};
  const oldConditions = Array.isArray(old.conditions) ? old.conditions.filter(isRecord) : [];
  const time = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const cond = (type: string, reason: string, message: string): Record<string, unknown> => ({
    type,
    status: 'True',
    lastTransitionTime: oldConditions.find((c) => c.type === type)?.lastTransitionTime ?? time,
    reason,
    message,
  });
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isRecord) : [];
  const storage = versions.find((v) => v.storage === true)?.name;
  const stored = Array.isArray(old.storedVersions)
    ? old.storedVersions.filter((v) => typeof v === 'string')
    : [];
  if (typeof storage === 'string' && !stored.includes(storage)) stored.push(storage);
  return {
    conditions: [
      cond('NamesAccepted', 'NoConflicts', 'no conflicts found'),
      cond('Established', 'InitialNamesAccepted', 'the initial names have been accepted'),
    ],
    acceptedNames: isRecord(spec.names) ? spec.names : {},
    storedVersions: stored,
  };
}
