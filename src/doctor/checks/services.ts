/**
 * Service checks against the pod templates of the set: a selector that matches no template, and a
 * targetPort that no selected pod serves. Both skip a Service whose namespace has no pod templates in
 * the set (its pods come from elsewhere, like CoreDNS's in kube-system).
 */
import { asArray, asRecord, asString } from '../path.ts';
import type { Located, ManifestObject } from '../types.ts';
import type { PodTemplate } from '../workloads.ts';
import {
  containersOf,
  declaredPorts,
  formatSelector,
  objectLabel,
  selectorMatches,
  servedPorts,
} from '../workloads.ts';

export function checkServices(
  objects: readonly ManifestObject[],
  templates: readonly PodTemplate[],
): Located[] {
  const out: Located[] = [];
  for (const svc of objects) {
    if (svc.kind !== 'Service' || svc.apiVersion !== 'v1' || svc.unindented) continue;
    const spec = asRecord(svc.value['spec']);
    const selector = Object.fromEntries(
      Object.entries(asRecord(spec['selector'])).filter(
        (e): e is [string, string] => typeof e[1] === 'string',
      ),
    );
    if (Object.keys(selector).length === 0 || spec['type'] === 'ExternalName') continue;
    const local = templates.filter((t) => t.obj.namespace === svc.namespace);
    if (local.length === 0) continue;
    const selected = local.filter((t) => selectorMatches(selector, t.labels));
    if (selected.length === 0) {
      const offered = [
        ...new Set(local.map((t) => `${objectLabel(t.obj)} ${formatSelector(t.labels) || '(no labels)'}`)),
      ].join('; ');
      out.push({
        obj: svc,
        finding: {
          check: 'service-selector',
          severity: 'error',
          path: ['spec', 'selector'],
          message: `selector ${formatSelector(selector)} matches no pod template in namespace "${svc.namespace}" of the set, so the Service has no endpoints (templates: ${offered})`,
          fix: 'make spec.selector a subset of the pod template labels of the workload this Service fronts',
        },
      });
      continue;
    }
    asArray(spec['ports']).forEach((raw, i) => {
      const port = asRecord(raw);
      const target = port['targetPort'] ?? port['port'];
      const finding = targetPortFinding(target, selected);
      if (finding) {
        out.push({
          obj: svc,
          finding: {
            check: 'service-target-port',
            severity: 'error',
            path: ['spec', 'ports', i, 'targetPort'],
            ...finding,
          },
        });
      }
    });
  }
  return out;
}

function targetPortFinding(
  target: unknown,
  selected: readonly PodTemplate[],
): { message: string; fix: string } | undefined {
  const names = [...new Set(selected.map((t) => objectLabel(t.obj)))].join(', ');
  if (typeof target === 'string') {
    const found = selected.some((t) =>
      containersOf(t).some((c) => !c.init && declaredPorts(c.container).some((p) => p.name === target)),
    );
    if (found) return undefined;
    return {
      message: `targetPort "${target}" matches no named containerPort of the selected pods (${names}), so the endpoints have no port`,
      fix: `name a containerPort "${target}" in the pod template, or use the port number the container serves`,
    };
  }
  if (typeof target !== 'number') return undefined;
  // Judge a number only when every selected container's ports are known (declared or a known image):
  // a container may serve undeclared ports.
  const known: number[] = [];
  for (const t of selected) {
    for (const c of containersOf(t)) {
      if (c.init) continue;
      const served = servedPorts(c.container);
      const declared = declaredPorts(c.container).map((p) => p.containerPort);
      if (served === undefined && declared.length === 0) return undefined;
      known.push(...(served ?? []), ...declared);
    }
  }
  if (known.includes(target)) return undefined;
  const unique = [...new Set(known)];
  return {
    message: `targetPort ${target} is not a port the selected pods serve (${names}: ${unique.join(', ') || 'none'}): connections get "connection refused"`,
    fix: `set targetPort to ${unique[0] ?? 'the port the container listens on'}`,
  };
}

/** The Service of the set with this namespace and name (for the Ingress checks). */
export function findService(
  objects: readonly ManifestObject[],
  namespace: string,
  name: string,
): ManifestObject | undefined {
  return objects.find(
    (o) => o.kind === 'Service' && o.apiVersion === 'v1' && o.namespace === namespace && o.name === name,
  );
}

export function servicePorts(svc: ManifestObject): { port?: number; name?: string; targetPort?: unknown }[] {
  return asArray(asRecord(svc.value['spec'])['ports']).map((raw) => {
    const p = asRecord(raw);
    return {
      ...(typeof p['port'] === 'number' ? { port: p['port'] } : {}),
      ...(asString(p['name']) !== undefined ? { name: asString(p['name']) } : {}),
      targetPort: p['targetPort'] ?? p['port'],
    };
  });
}
