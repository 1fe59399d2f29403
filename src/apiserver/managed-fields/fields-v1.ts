/**
 * The FieldsV1 wire encoding of a field set (k8s: structured-merge-diff fieldpath/serialize.go):
 * a trie of path elements where `{}` is a leaf member and `.: {}` marks a member with children;
 * and the path text conflict messages print (fieldpath/path.go String).
 */
import { isRecord } from '../../core/index.ts';
import { join, SEP } from './field-set.ts';
import type { FieldSet } from './field-set.ts';

interface Trie {
  member: boolean;
  children: Map<string, Trie>;
}

const RANK: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

/** serialize.go writes `.` first, then elements in PathElement order (fields, keys, values, indexes: element.go Compare). */
function order(a: string, b: string): number {
  const ra = RANK[a[0] ?? ''] ?? 9;
  const rb = RANK[b[0] ?? ''] ?? 9;
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function toFieldsV1(set: FieldSet): Record<string, unknown> {
  const root: Trie = { member: false, children: new Map() };
  for (const path of set) {
    let node = root;
    for (const pe of path.split(SEP)) {
      let next = node.children.get(pe);
      if (!next) {
        next = { member: false, children: new Map() };
        node.children.set(pe, next);
      }
      node = next;
    }
    node.member = true;
  }
  return encode(root);
}

function encode(node: Trie): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (node.member && node.children.size > 0) out['.'] = {};
  for (const pe of [...node.children.keys()].sort(order)) out[pe] = encode(node.children.get(pe)!);
  return out;
}

/** Decodes FieldsV1; anything malformed yields undefined (the entry is then invalid). */
export function fromFieldsV1(fields: unknown): FieldSet | undefined {
  if (!isRecord(fields)) return undefined;
  const out: FieldSet = new Set();
  const walk = (node: Record<string, unknown>, path: string): boolean => {
    for (const [pe, child] of Object.entries(node)) {
      if (!isRecord(child)) return false;
      if (pe === '.') {
        if (path !== '') out.add(path);
        continue;
      }
      if (!/^[fkvi]:/.test(pe)) return false;
      const p = join(path, pe);
      if (Object.keys(child).length === 0) out.add(p);
      else if (!walk(child, p)) return false;
    }
    return true;
  };
  return walk(fields, '') ? out : undefined;
}

/** `.spec.template.spec.containers[name="web"].image`, as fieldpath.Path String(). */
export function pathText(path: string): string {
  let out = '';
  for (const pe of path.split(SEP)) {
    const body = pe.slice(2);
    switch (pe[0]) {
      case 'f':
        out += `.${body}`;
        break;
      case 'i':
        out += `[${body}]`;
        break;
      case 'v':
        out += `[=${body}]`;
        break;
      default: {
        const key = JSON.parse(body) as Record<string, unknown>;
        out += `[${Object.entries(key)
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(',')}]`;
      }
    }
  }
  return out;
}
