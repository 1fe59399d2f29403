/** Field paths: formatting them like Kubernetes does and reading values and lines at a path. */
import { isRecord } from '../core/index.ts';
import type { ManifestObject, PathSegment } from './types.ts';

/** `['spec','rules',0,'http']` → `spec.rules[0].http` (the form of Kubernetes' field errors). */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

export function getAt(value: unknown, path: readonly PathSegment[]): unknown {
  let cur = value;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[seg] as unknown;
    } else {
      if (!isRecord(cur)) return undefined;
      cur = cur[seg];
    }
  }
  return cur;
}

/** 1-based line of the node at `path`, or of its closest existing ancestor. */
export function lineOf(obj: ManifestObject, path: readonly PathSegment[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node: unknown = obj.yaml.getIn(path.slice(0, n), true);
    const range = isRecord(node) ? node['range'] : undefined;
    if (Array.isArray(range) && typeof range[0] === 'number') {
      return obj.lines.linePos(range[0]).line;
    }
  }
  return undefined;
}

export function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
