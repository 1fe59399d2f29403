/**
 * The strict decoding check behind `fieldValidation=Strict|Warn`: every field of a built-in object that its
 * kind does not have, as sigs.k8s.io/json reports them (`unknown field "spec.foo"`), in document order.
 * kube-apiserver joins them: `strict decoding error: unknown field "a", unknown field "b"`
 * (k8s: staging/src/k8s.io/apimachinery/pkg/runtime/serializer/json/json.go, sigs.k8s.io/json).
 */
import { isRecord } from '../../../core/index.ts';
import type { TypeTable } from './schemas.ts';
import { fieldSchemas } from './schemas.ts';

/** Root type for an apiVersion/kind, or undefined for kinds without a table (custom resources). */
export function rootTypeOf(apiVersion: string, kind: string): string | undefined {
  return fieldSchemas().kinds[`${apiVersion}/${kind}`];
}

/** Unknown-field paths of a built-in object; [] for kinds the table does not know. */
export function unknownFieldPaths(obj: Record<string, unknown>): string[] {
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  const root = rootTypeOf(apiVersion, kind);
  if (!root) return [];
  const out: string[] = [];
  walk(obj, root, '', fieldSchemas().types, out);
  return out;
}

function walk(value: unknown, typeName: string, path: string, types: TypeTable, out: string[]): void {
  const fields = types[typeName];
  if (!fields || !isRecord(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    const spec = fields[key];
    if (spec === undefined) {
      out.push(`unknown field "${childPath}"`);
      continue;
    }
    if (spec === '') continue;
    if (spec.startsWith('[]')) {
      if (Array.isArray(child))
        child.forEach((item, i) => walk(item, spec.slice(2), `${childPath}[${i}]`, types, out));
    } else if (spec.startsWith('{}')) {
      if (isRecord(child))
        for (const [k, v] of Object.entries(child)) walk(v, spec.slice(2), `${childPath}[${k}]`, types, out);
    } else {
      walk(child, spec, childPath, types, out);
    }
  }
}
