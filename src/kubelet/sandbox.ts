/**
 * The pod sandbox (CRI RunPodSandbox): the pod's loopback IP from IPAM, its volumes, and the
 * kubelet-managed /etc/hosts, /etc/hostname and /etc/resolv.conf files its containers mount.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isRecord } from '../core/index.ts';
import { hostsFile, podHostname, resolvConf } from './hosts.ts';
import type { PodWorker } from './pod-worker.ts';
import type { Mount } from './runtime.ts';
import { podDir, setUpVolumes } from './volumes.ts';

export interface Sandbox {
  ip: string;
  hostname: string;
  volumes: Map<string, string>;
  /** The managed files every container gets. */
  files: Mount[];
}

export async function setUpSandbox(w: PodWorker): Promise<Sandbox> {
  const pod = w.pod;
  const status = isRecord(pod.status) ? pod.status : {};
  const known = typeof status.podIP === 'string' ? status.podIP : '';
  // A pod that already has an IP (kubelet restart) keeps it when it is still free.
  const ip = known && w.deps.ipam.adopt(w.uid, known) ? known : w.deps.ipam.allocate(w.uid);
  const volumes = await setUpVolumes(w.deps.rootDir, pod, {
    configMap: w.deps.configMap,
    secret: w.deps.secret,
  });
  const dir = join(podDir(w.deps.rootDir, w.uid), 'etc');
  await mkdir(dir, { recursive: true });
  const hostname = podHostname(pod);
  const file = async (name: string, content: string): Promise<Mount> => {
    const hostPath = join(dir, name);
    await writeFile(hostPath, content);
    return { name: `etc-${name}`, mountPath: `/etc/${name}`, hostPath, kind: 'file', readOnly: false };
  };
  const files = [
    await file('hosts', hostsFile(pod, ip, w.deps.clusterDomain)),
    await file('hostname', `${hostname}\n`),
    await file('resolv.conf', resolvConf(pod, w.deps.clusterDNS, w.deps.clusterDomain)),
  ];
  return { ip, hostname, volumes, files };
}

/** A container's mounts: its volumeMounts (subPath joined) plus the managed files. */
export function containerMounts(sandbox: Sandbox, container: Record<string, unknown>): Mount[] {
  const out: Mount[] = [];
  const list = Array.isArray(container.volumeMounts) ? container.volumeMounts.filter(isRecord) : [];
  for (const m of list) {
    const base = sandbox.volumes.get(String(m.name));
    if (!base) continue;
    const sub =
      typeof m.subPath === 'string' && m.subPath
        ? m.subPath.replace(/^\/+/, '').replace(/\.\.(\/|$)/g, '')
        : '';
    const mount: Mount = {
      name: String(m.name),
      mountPath: String(m.mountPath),
      hostPath: sub ? join(base, sub) : base,
      kind: 'dir',
      readOnly: m.readOnly === true,
    };
    if (sub) mount.subPath = sub;
    out.push(mount);
  }
  const mounted = new Set(out.map((m) => m.mountPath));
  for (const f of sandbox.files) if (!mounted.has(f.mountPath)) out.push(f);
  return out;
}
