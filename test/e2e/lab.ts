/**
 * End-to-end helpers: start a kubelab on its own loopback range (so e2e files can run side by side,
 * and beside a user's kubelab), run the real kubectl against it, wait for conditions with deadlines.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const ROOT = resolve(import.meta.dirname, '../..');
export const KUBELAB = join(ROOT, 'bin/kubelab');
export const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';

/** A range of loopback addresses no other test (and no default kubelab) uses: 127.<50..59>.<n>.x. */
export function testPlanArgs(): {
  args: string[];
  apiHost: string;
  nodeIP: string;
  serviceCIDR: string;
  podCIDR: string;
} {
  const n = (process.pid * 7 + Math.floor(Math.random() * 1000)) % 250;
  const apiHost = `127.50.${n}.1`;
  const nodeIP = `127.50.${n}.2`;
  const podCIDR = `127.51.${n}.0/24`;
  const serviceCIDR = `127.52.${n}.0/24`;
  return {
    apiHost,
    nodeIP,
    podCIDR,
    serviceCIDR,
    args: ['--node-ip', nodeIP, '--pod-cidr', podCIDR, '--service-cidr', serviceCIDR, '--api-host', apiHost],
  };
}

export interface Lab {
  dataDir: string;
  kubeconfig: string;
  /** Runs the real kubectl against this lab; never throws, returns status and output. */
  kubectl(args: string[], options?: { input?: string; env?: NodeJS.ProcessEnv; bin?: string }): KubectlResult;
  /** Starts a long-running kubectl (e.g. `get -w`); the caller kills it. */
  kubectlSpawn(args: string[]): ChildProcess;
  kubelab(args: string[]): KubectlResult;
  dispose(): void;
}

export interface KubectlResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function makeLab(dataDir: string): Lab {
  const kubeconfig = join(dataDir, 'kubeconfig');
  const cacheDir = join(dataDir, 'kubectl-cache');
  const env = (extra?: NodeJS.ProcessEnv) => ({
    ...process.env,
    KUBECONFIG: kubeconfig,
    HOME: dataDir,
    ...extra,
  });
  const run = (bin: string, args: string[], options?: { input?: string; env?: NodeJS.ProcessEnv }) => {
    const r = spawnSync(bin, args, {
      env: env(options?.env),
      input: options?.input,
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? (r.error ? String(r.error) : '') };
  };
  return {
    dataDir,
    kubeconfig,
    kubectl: (args, options) => run(options?.bin ?? KUBECTL, ['--cache-dir', cacheDir, ...args], options),
    kubectlSpawn: (args) => spawn(KUBECTL, ['--cache-dir', cacheDir, ...args], { env: env() }),
    kubelab: (args) => run(KUBELAB, args),
    dispose: () => {
      run(KUBELAB, ['down', '--data-dir', dataDir]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns a value (not undefined/false) or the deadline passes. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}
