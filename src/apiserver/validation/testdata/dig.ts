/** Test helpers to read and write nested fields of plain JSON objects by a dotted path (`spec.ports.0.nodePort`). */
import { isRecord } from '../../../core/index.ts';

function step(cur: unknown, key: string): unknown {
  if (Array.isArray(cur)) return cur[Number(key)];
  return isRecord(cur) ? cur[key] : undefined;
}

export function get(obj: unknown, path: string): unknown {
  return path.split('.').reduce(step, obj);
}

function parentOf(obj: unknown, path: string): { parent: unknown; key: string } {
  const keys = path.split('.');
  const key = keys.pop() ?? '';
  return { parent: keys.reduce(step, obj), key };
}

export function set(obj: unknown, path: string, value: unknown): void {
  const { parent, key } = parentOf(obj, path);
  if (Array.isArray(parent)) parent[Number(key)] = value;
  else if (isRecord(parent)) parent[key] = value;
  else throw new Error(`no parent object at ${path}`);
}

export function del(obj: unknown, path: string): void {
  const { parent, key } = parentOf(obj, path);
  if (isRecord(parent)) delete parent[key];
}

/** Maps each element of the list at `path` through `pick`. */
export function pluck(obj: unknown, path: string, pick: string): unknown[] {
  const list = get(obj, path);
  return Array.isArray(list) ? list.map((item) => get(item, pick)) : [];
}
