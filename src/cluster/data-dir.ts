/** The data dir: where a kubelab keeps its store, PKI, kubeconfig, pid file and log. */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.KUBELAB_HOME ?? join(env.HOME ?? homedir(), '.kubelab'));
}

export function dataDirPaths(dir: string) {
  return {
    dir,
    store: join(dir, 'store'),
    kubelet: join(dir, 'kubelet'),
    pki: join(dir, 'pki'),
    kubeconfig: join(dir, 'kubeconfig'),
    pid: join(dir, 'kubelab.pid'),
    log: join(dir, 'kubelab.log'),
    settings: join(dir, 'settings.json'),
  };
}

export type DataDirPaths = ReturnType<typeof dataDirPaths>;

/** The pid in DIR/kubelab.pid if that process is alive, else undefined. */
export function runningPid(paths: DataDirPaths): number | undefined {
  let text: string;
  try {
    text = readFileSync(paths.pid, 'utf8');
  } catch {
    return undefined; // no pid file, or kubelab removed it as it stopped
  }
  const pid = Number(text.trim());
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}
