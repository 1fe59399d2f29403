/**
 * Ingress checks: backends naming a Service or port that is not there, an ingressClassName with no
 * IngressClass, and a canary Ingress with no main Ingress for the same host and path.
 * Backend checks skip a namespace with no Services in the set (the Services come from elsewhere).
 */
import { asArray, asRecord, asString } from '../path.ts';
import type { Located, ManifestObject, PathSegment } from '../types.ts';
import { findService, servicePorts } from './services.ts';

const CANARY = 'nginx.ingress.kubernetes.io/canary';
/** The class the upstream ingress-nginx manifests (and minikube's addon) create; accepted when the set has no IngressClass. */
const WELL_KNOWN_CLASS = 'nginx';

function isIngress(o: ManifestObject): boolean {
  return o.kind === 'Ingress' && o.apiVersion === 'networking.k8s.io/v1' && !o.unindented;
}

function isCanary(o: ManifestObject): boolean {
  return asRecord(asRecord(o.value['metadata'])['annotations'])[CANARY] === 'true';
}

interface Backend {
  path: PathSegment[];
  service: Record<string, unknown>;
}

function backendsOf(ing: ManifestObject): Backend[] {
  const spec = asRecord(ing.value['spec']);
  const out: Backend[] = [];
  const add = (b: unknown, path: PathSegment[]): void => {
    const service = asRecord(b)['service'];
    if (service !== undefined) out.push({ path: [...path, 'service'], service: asRecord(service) });
  };
  add(spec['defaultBackend'], ['spec', 'defaultBackend']);
  asArray(spec['rules']).forEach((r, i) =>
    asArray(asRecord(asRecord(r)['http'])['paths']).forEach((p, j) =>
      add(asRecord(p)['backend'], ['spec', 'rules', i, 'http', 'paths', j, 'backend']),
    ),
  );
  return out;
}

export function checkIngressBackends(objects: readonly ManifestObject[]): Located[] {
  const out: Located[] = [];
  for (const ing of objects.filter(isIngress)) {
    const hasServices = objects.some((o) => o.kind === 'Service' && o.namespace === ing.namespace);
    if (!hasServices) continue;
    for (const b of backendsOf(ing)) {
      const name = asString(b.service['name']);
      if (name === undefined) continue;
      const svc = findService(objects, ing.namespace, name);
      if (!svc) {
        out.push({
          obj: ing,
          finding: {
            check: 'ingress-backend-service',
            severity: 'error',
            path: [...b.path, 'name'],
            // the API server's NotFound wording for a Service
            message: `services "${name}" not found in namespace "${ing.namespace}": ingress-nginx answers 503 for this path`,
            fix: `point service.name at a Service of namespace "${ing.namespace}" (an Ingress reaches only its own namespace) or create "${name}"`,
          },
        });
        continue;
      }
      const port = asRecord(b.service['port']);
      const ports = servicePorts(svc);
      const list = ports.map((p) => (p.name ? `${p.name}:${p.port}` : String(p.port))).join(', ');
      if (typeof port['number'] === 'number') {
        const n = port['number'];
        if (ports.some((p) => p.port === n)) continue;
        const byTarget = ports.find((p) => p.targetPort === n);
        out.push({
          obj: ing,
          finding: byTarget
            ? {
                check: 'ingress-backend-port',
                severity: 'warning',
                path: [...b.path, 'port', 'number'],
                message: `service "${name}" has no port ${n}; ${n} is its targetPort, which ingress-nginx also accepts but the Ingress API (and other controllers) do not`,
                fix: `use port.number: ${byTarget.port ?? '?'} (the Service port; traffic still reaches the pods on ${n})`,
              }
            : {
                check: 'ingress-backend-port',
                severity: 'error',
                path: [...b.path, 'port', 'number'],
                message: `service "${name}" has no port ${n} (its ports: ${list})`,
                fix: `use one of the Service's ports: ${list}`,
              },
        });
      } else if (typeof port['name'] === 'string') {
        const pn = port['name'];
        if (ports.some((p) => p.name === pn)) continue;
        out.push({
          obj: ing,
          finding: {
            check: 'ingress-backend-port',
            severity: 'error',
            path: [...b.path, 'port', 'name'],
            message: `service "${name}" has no port named "${pn}" (its ports: ${list})`,
            fix: `use port.name of one of: ${list}, or port.number`,
          },
        });
      }
    }
  }
  return out;
}

export function checkIngressClasses(objects: readonly ManifestObject[]): Located[] {
  const classes = objects.filter((o) => o.kind === 'IngressClass').map((o) => o.name ?? '');
  const out: Located[] = [];
  for (const ing of objects.filter(isIngress)) {
    const cls = asString(asRecord(ing.value['spec'])['ingressClassName']);
    if (cls === undefined || classes.includes(cls)) continue;
    if (classes.length === 0 && cls === WELL_KNOWN_CLASS) continue;
    const offered = classes.length > 0 ? classes : [WELL_KNOWN_CLASS];
    out.push({
      obj: ing,
      finding: {
        check: 'ingress-class',
        severity: 'error',
        path: ['spec', 'ingressClassName'],
        message: `IngressClass "${cls}" not found (${classes.length > 0 ? `the set defines: ${classes.join(', ')}` : `the ingress-nginx manifest defines "${WELL_KNOWN_CLASS}"`}): no controller takes this Ingress, it gets no ADDRESS and no routes`,
        fix: `set spec.ingressClassName: ${offered[0] ?? WELL_KNOWN_CLASS}`,
      },
    });
  }
  return out;
}

interface Route {
  host: string;
  path: string;
  pathType: string;
  service?: string;
  at: PathSegment[];
}

function routesOf(ing: ManifestObject): Route[] {
  const out: Route[] = [];
  asArray(asRecord(ing.value['spec'])['rules']).forEach((r, i) => {
    const rule = asRecord(r);
    asArray(asRecord(rule['http'])['paths']).forEach((p, j) => {
      const path = asRecord(p);
      const service = asString(asRecord(asRecord(path['backend'])['service'])['name']);
      out.push({
        host: asString(rule['host']) ?? '',
        path: asString(path['path']) ?? '/',
        pathType: asString(path['pathType']) ?? '',
        ...(service !== undefined ? { service } : {}),
        at: ['spec', 'rules', i, 'http', 'paths', j],
      });
    });
  });
  return out;
}

/**
 * ingress-nginx attaches a canary only to a main location with the same host, path and pathType
 * (controller.go mergeAlternativeBackends); otherwise it logs "unable to find real backend" and drops it.
 */
export function checkCanaries(objects: readonly ManifestObject[]): Located[] {
  const ingresses = objects.filter(isIngress);
  const mains = ingresses.filter((o) => !isCanary(o)).flatMap(routesOf);
  const out: Located[] = [];
  for (const canary of ingresses.filter(isCanary)) {
    for (const r of routesOf(canary)) {
      const main = mains.find((m) => m.host === r.host && m.path === r.path && m.pathType === r.pathType);
      if (!main) {
        out.push({
          obj: canary,
          finding: {
            check: 'ingress-canary',
            severity: 'error',
            path: [...r.at, 'path'],
            message: `canary Ingress has no main Ingress with host "${r.host || '*'}", path "${r.path}" and pathType ${r.pathType || '(none)'} in the set: ingress-nginx drops it ("unable to find real backend")`,
            fix: 'create the main (non-canary) Ingress for this host and path first, or make host, path and pathType equal to the main one',
          },
        });
      } else if (main.service !== undefined && main.service === r.service) {
        out.push({
          obj: canary,
          finding: {
            check: 'ingress-canary',
            severity: 'warning',
            path: [...r.at, 'backend', 'service', 'name'],
            message: `canary and main Ingress both send "${r.path}" to service "${r.service}": ingress-nginx ignores a canary with the main backend`,
            fix: 'point the canary at the Service of the canary pods',
          },
        });
      }
    }
  }
  return out;
}
