/** The strict unknown-field pass, worded like the API server's strict decoding errors. */
import { isRecord } from '../core/index.ts';
import type { FieldTree } from './field-tree.ts';
import { asRecord, formatPath, getAt } from './path.ts';
import type { PathSegment, RawFinding } from './types.ts';

/** Levenshtein distance, to suggest `replicas` for `replcas`. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] ?? 0;
      row[j] = Math.min(cur + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] ?? 0;
}

function suggestion(key: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const k of known) {
    const d = distance(key.toLowerCase(), k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best;
}

export function unknownFields(value: unknown, tree: FieldTree, path: PathSegment[] = []): RawFinding[] {
  const out: RawFinding[] = [];
  walk(value, tree, path, out);
  return out;
}

function walk(value: unknown, tree: FieldTree, path: PathSegment[], out: RawFinding[]): void {
  if (tree.t === 'array' && Array.isArray(value)) {
    value.forEach((v, i) => walk(v, tree.items, [...path, i], out));
  } else if (tree.t === 'map' && isRecord(value)) {
    for (const [k, v] of Object.entries(value)) walk(v, tree.values, [...path, k], out);
  } else if (tree.t === 'object' && isRecord(value)) {
    const fields = tree.fields();
    for (const [k, v] of Object.entries(value)) {
      const sub = fields.get(k);
      if (sub) {
        walk(v, sub, [...path, k], out);
        continue;
      }
      const at = [...path, k];
      const near = suggestion(k, fields.keys());
      out.push({
        check: 'unknown-field',
        severity: 'error',
        path: at,
        // k8s: apimachinery pkg/runtime/serializer/json strict decoding: `unknown field "<path>"`
        message: `unknown field "${formatPath(at)}"`,
        fix:
          near !== undefined
            ? `did you mean "${near}"? (check spelling and indentation)`
            : `remove it, or check its spelling and indentation; fields here: ${[...fields.keys()].join(', ')}`,
      });
    }
  }
}

/**
 * v1beta1 backends in a networking.k8s.io/v1 Ingress: the same unknown-field error as the API server,
 * with the v1 spelling as the fix.
 */
export function explainV1beta1Backend(
  f: RawFinding,
  obj: Record<string, unknown>,
  apiVersion: string,
): RawFinding {
  const key = f.path[f.path.length - 1];
  const parent = f.path[f.path.length - 2];
  if (f.check !== 'unknown-field' || apiVersion !== 'networking.k8s.io/v1' || obj['kind'] !== 'Ingress')
    return f;
  if (f.path.length === 2 && f.path[0] === 'spec' && key === 'backend') {
    return {
      ...f,
      check: 'ingress-v1beta1-backend',
      message: `${f.message}: spec.backend is the networking.k8s.io/v1beta1 name (that API was removed in Kubernetes 1.22)`,
      fix: 'rename it to spec.defaultBackend and write its service as {service: {name: NAME, port: {number: PORT}}}',
    };
  }
  if (
    (key !== 'serviceName' && key !== 'servicePort') ||
    (parent !== 'backend' && parent !== 'defaultBackend')
  ) {
    return f;
  }
  const b = asRecord(getAt(obj, f.path.slice(0, -1)));
  const name = typeof b['serviceName'] === 'string' ? b['serviceName'] : 'SERVICE';
  const port = b['servicePort'];
  const portYaml =
    typeof port === 'number'
      ? `number: ${port}`
      : typeof port === 'string'
        ? `name: ${port}`
        : 'number: PORT';
  return {
    ...f,
    check: 'ingress-v1beta1-backend',
    message: `${f.message}: serviceName/servicePort are networking.k8s.io/v1beta1 fields (that API was removed in Kubernetes 1.22)`,
    fix: `write the v1 form: backend: {service: {name: ${name}, port: {${portYaml}}}} — port.number is a Service port (spec.ports[].port), not the targetPort`,
  };
}
