/** The tiny `.a.b.c` paths CRD scale subresources use (specReplicasPath and friends). */
import { isRecord } from '../core/index.ts';

function keys(path: string): string[] {
  return path
    .replace(/^\./, '')
    .split('.')
    .filter((k) => k !== '');
}

export function getPath(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const k of keys(path)) cur = isRecord(cur) ? cur[k] : undefined;
  return cur;
}

export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const ks = keys(path);
  let cur = obj;
  for (const k of ks.slice(0, -1)) {
    if (!isRecord(cur[k])) cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  const last = ks[ks.length - 1];
  if (last !== undefined) cur[last] = value;
}
