/**
 * Removes the fields an applier dropped from its configuration (SMD typed.RemoveItems as used by
 * merge/update.go prune): a field path deletes the field, a key path deletes the list item, a value
 * path deletes the set member. Returns a new object.
 */
import type { KubeObject } from '../../core/index.ts';
import { isRecord } from '../../core/index.ts';
import { itemElement, SEP } from './field-set.ts';
import type { FieldSet } from './field-set.ts';
import type { TypeNode } from './type-schema.ts';
import { DEDUCED } from './type-schema.ts';

export function removePaths(obj: KubeObject, paths: FieldSet, t: TypeNode): KubeObject {
  const out = structuredClone(obj);
  // Deepest first, so removing a parent never hides a child removal that follows.
  const sorted = [...paths].map((p) => p.split(SEP)).sort((a, b) => b.length - a.length);
  for (const path of sorted) removeOne(out, path, t);
  return out;
}

function child(t: TypeNode, field: string): TypeNode {
  if (t.kind === 'struct') return t.child(field);
  if (t.kind === 'map') return t.elem;
  return DEDUCED;
}

function removeOne(root: unknown, path: string[], rootType: TypeNode): void {
  let node: unknown = root;
  let t = rootType;
  for (let i = 0; i < path.length; i++) {
    const pe = path[i]!;
    const last = i === path.length - 1;
    if (pe.startsWith('f:')) {
      if (!isRecord(node)) return;
      const name = pe.slice(2);
      if (last) {
        delete node[name];
        return;
      }
      node = node[name];
      t = child(t, name);
      continue;
    }
    if (!Array.isArray(node)) return;
    const list = node;
    const at = list.findIndex((item, idx) =>
      pe.startsWith('v:')
        ? JSON.stringify(item) === pe.slice(2)
        : itemElement(item, t.kind === 'list' ? t.keys : [], idx) === pe,
    );
    if (at < 0) return;
    if (last) {
      list.splice(at, 1);
      return;
    }
    node = list[at];
    t = t.kind === 'list' ? t.elem : DEDUCED;
  }
}
