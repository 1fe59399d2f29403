/**
 * A pod's volumes as host directories under the kubelet root (k8s layout:
 * `<root>/pods/<uid>/volumes/kubernetes.io~<plugin>/<name>`): emptyDir, configMap, secret,
 * downwardAPI, projected, and hostPath confined to `<root>/host` so a manifest never reaches the
 * machine's own files. Failures are worded as MountVolume.SetUp errors.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, normalize } from 'node:path';
import { isRecord } from '../core/index.ts';
import type { KubeObject } from '../core/index.ts';

export interface VolumeSources {
  configMap: (namespace: string, name: string) => Promise<KubeObject | undefined>;
  secret: (namespace: string, name: string) => Promise<KubeObject | undefined>;
  /** A service account token for projected serviceAccountToken sources. */
  token?(pod: KubeObject): Promise<string>;
  /** kube-root-ca.crt content is read through configMap(); this is only a fallback. */
}

export class VolumeSetupError extends Error {
  override name = 'VolumeSetupError';
}

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (isRecord(v) ? v : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function podDir(root: string, uid: string): string {
  return join(root, 'pods', uid);
}

/** A relative path that stays inside its volume. */
function safeJoin(base: string, rel: string): string {
  const n = normalize(rel).replace(/^(\.\.(\/|$))+/, '');
  return join(base, n.startsWith('/') ? n.slice(1) : n);
}

async function writeItems(dir: string, data: Record<string, string>, items: unknown): Promise<void> {
  await mkdir(dir, { recursive: true });
  const list = Array.isArray(items) ? items.filter(isRecord) : [];
  const pairs: Array<[string, string]> = list.length
    ? list.filter((i) => str(i.key) in data).map((i) => [str(i.path) || str(i.key), data[str(i.key)]!])
    : Object.entries(data);
  for (const [path, value] of pairs) {
    const file = safeJoin(dir, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, value);
  }
}

function decode(obj: KubeObject, kind: 'ConfigMap' | 'Secret'): Record<string, string> {
  const out: Record<string, string> = {};
  const o = obj as Rec;
  if (kind === 'ConfigMap') {
    for (const [k, v] of Object.entries(rec(o.data))) out[k] = str(v);
    for (const [k, v] of Object.entries(rec(o.binaryData)))
      out[k] = Buffer.from(str(v), 'base64').toString('latin1');
  } else {
    for (const [k, v] of Object.entries(rec(o.data)))
      out[k] = Buffer.from(str(v), 'base64').toString('latin1');
  }
  return out;
}

function downwardItems(pod: KubeObject, items: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of Array.isArray(items) ? items.filter(isRecord) : []) {
    const path = str(rec(i.fieldRef).fieldPath);
    const m = pod.metadata;
    let v = '';
    if (path === 'metadata.name') v = m.name ?? '';
    else if (path === 'metadata.namespace') v = m.namespace ?? '';
    else if (path === 'metadata.uid') v = m.uid ?? '';
    else if (path === 'metadata.labels' || path === 'metadata.annotations') {
      const map = (path === 'metadata.labels' ? m.labels : m.annotations) ?? {};
      v = Object.keys(map)
        .sort()
        .map((k) => `${k}="${map[k]}"`)
        .join('\n');
    }
    out[str(i.path)] = v;
  }
  return out;
}

/** Creates every volume of the pod; returns volume name → host directory. */
export async function setUpVolumes(
  root: string,
  pod: KubeObject,
  src: VolumeSources,
): Promise<Map<string, string>> {
  const uid = pod.metadata.uid ?? '';
  const ns = pod.metadata.namespace ?? 'default';
  const base = join(podDir(root, uid), 'volumes');
  const out = new Map<string, string>();
  const spec = rec(pod.spec);
  for (const v of Array.isArray(spec.volumes) ? spec.volumes.filter(isRecord) : []) {
    const name = str(v.name);
    const fail = (msg: string): never => {
      throw new VolumeSetupError(`MountVolume.SetUp failed for volume "${name}" : ${msg}`);
    };
    const get = async (
      kind: 'ConfigMap' | 'Secret',
      ref: Rec,
    ): Promise<Record<string, string> | undefined> => {
      const refName = str(kind === 'ConfigMap' ? ref.name : (ref.secretName ?? ref.name));
      const obj = kind === 'ConfigMap' ? await src.configMap(ns, refName) : await src.secret(ns, refName);
      if (!obj) {
        if (ref.optional === true) return {};
        return fail(`${kind.toLowerCase()} "${refName}" not found`);
      }
      return decode(obj, kind);
    };
    let dir: string;
    if (isRecord(v.configMap)) {
      dir = join(base, 'kubernetes.io~configmap', name);
      await writeItems(dir, (await get('ConfigMap', v.configMap)) ?? {}, v.configMap.items);
    } else if (isRecord(v.secret)) {
      dir = join(base, 'kubernetes.io~secret', name);
      await writeItems(dir, (await get('Secret', v.secret)) ?? {}, v.secret.items);
    } else if (isRecord(v.downwardAPI)) {
      dir = join(base, 'kubernetes.io~downward-api', name);
      await writeItems(dir, downwardItems(pod, v.downwardAPI.items), undefined);
    } else if (isRecord(v.projected)) {
      dir = join(base, 'kubernetes.io~projected', name);
      await mkdir(dir, { recursive: true });
      for (const s of Array.isArray(v.projected.sources) ? v.projected.sources.filter(isRecord) : []) {
        if (isRecord(s.configMap))
          await writeItems(dir, (await get('ConfigMap', s.configMap)) ?? {}, s.configMap.items);
        else if (isRecord(s.secret))
          await writeItems(dir, (await get('Secret', s.secret)) ?? {}, s.secret.items);
        else if (isRecord(s.downwardAPI))
          await writeItems(dir, downwardItems(pod, s.downwardAPI.items), undefined);
        else if (isRecord(s.serviceAccountToken)) {
          const token = src.token ? await src.token(pod) : '';
          await writeItems(dir, { [str(s.serviceAccountToken.path) || 'token']: token }, undefined);
        }
      }
    } else if (isRecord(v.hostPath)) {
      // Confined: the lab's hostPath volumes are views under the kubelet root, never the real host.
      dir = safeJoin(join(root, 'host'), str(v.hostPath.path));
      await mkdir(dir, { recursive: true });
    } else {
      // emptyDir and anything unknown get an empty directory.
      dir = join(base, 'kubernetes.io~empty-dir', name);
      await mkdir(dir, { recursive: true });
    }
    out.set(name, dir);
  }
  return out;
}

/** Removes pod directories left by pods that no longer exist (kubelet's orphaned pod cleanup). */
export async function removeOrphanedPodDirs(root: string, keep: ReadonlySet<string>): Promise<number> {
  const names = await readdir(join(root, 'pods')).catch(() => [] as string[]);
  const orphans = names.filter((uid) => !keep.has(uid));
  await Promise.all(orphans.map((uid) => rm(podDir(root, uid), { recursive: true, force: true })));
  return orphans.length;
}

export async function tearDownPod(root: string, uid: string): Promise<void> {
  await rm(podDir(root, uid), { recursive: true, force: true });
}
