/**
 * Test harness: an API server on a memory store (plain HTTP, port 0), a temp kubeconfig and a
 * per-test discovery cache, and a runner for the real kubectl binaries.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { startApiServer } from '../../src/apiserver/index.ts';
import type { ApiServer, ApiServerConfig } from '../../src/apiserver/index.ts';
import { openStore } from '../../src/store/index.ts';
import type { KubeConfig } from '@kubernetes/client-node';

export const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';
/** The official install manifests, vendored unchanged in manifests/upstream (a test checks they match ../shared). */
export const UPSTREAM = new URL('../../manifests/upstream', import.meta.url).pathname;

export function kubectlBinary(minor: number): string {
  return `/usr/lib/google-cloud-sdk/bin/kubectl.1.${minor}`;
}

export interface Lab {
  server: ApiServer;
  dir: string;
  kubeconfig: string;
  /** Runs kubectl; resolves with its output even on a non-zero exit. */
  kubectl(
    args: string[],
    opts?: { input?: string; env?: Record<string, string>; bin?: string },
  ): Promise<KubectlResult>;
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function startLab(t: TestContext, extra: Partial<ApiServerConfig> = {}): Promise<Lab> {
  const store = await openStore({ driver: 'memory' });
  const server = await startApiServer({
    store,
    plainHttp: true,
    listen: { host: '127.0.0.1', port: 0 },
    ...extra,
  });
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-apiserver-'));
  t.after(async () => {
    await server.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      `clusters: [{name: local, cluster: {server: "${server.url}", insecure-skip-tls-verify: true}}]`,
      'contexts: [{name: local, context: {cluster: local, user: local, namespace: default}}]',
      'current-context: local',
      'users: [{name: local, user: {}}]',
      '',
    ].join('\n'),
  );
  const kubectl = (
    args: string[],
    opts: { input?: string; env?: Record<string, string>; bin?: string } = {},
  ): Promise<KubectlResult> =>
    new Promise((resolve) => {
      const child = execFile(
        opts.bin ?? KUBECTL,
        [`--kubeconfig=${kubeconfig}`, `--cache-dir=${join(dir, 'cache')}`, ...args],
        { env: { ...process.env, HOME: dir, ...opts.env }, timeout: 60_000 },
        (err, stdout, stderr) =>
          resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
      if (opts.input !== undefined) child.stdin?.end(opts.input);
      else child.stdin?.end();
    });
  return { server, dir, kubeconfig, kubectl };
}

/** Spawns a long-running kubectl (e.g. `get -w`) and resolves when a line matches, or rejects at the deadline. */
export function waitForLine(
  lab: Lab,
  args: string[],
  match: RegExp,
  timeoutMs: number,
  onStarted?: () => void,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      KUBECTL,
      [`--kubeconfig=${lab.kubeconfig}`, `--cache-dir=${join(lab.dir, 'cache')}`, ...args],
      {
        env: { ...process.env, HOME: lab.dir },
      },
    );
    let out = '';
    let started = false;
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`no line matching ${String(match)} within ${timeoutMs}ms; got:\n${out}`));
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!started && out.includes('\n')) {
        started = true;
        onStarted?.();
      }
      const line = out.split('\n').find((l) => match.test(l));
      if (line !== undefined) {
        clearTimeout(timer);
        child.kill();
        resolve(line);
      }
    });
  });
}

/** Polls until `check` returns a value, or throws at the deadline. */
export async function waitFor<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A @kubernetes/client-node KubeConfig for the lab (it refuses http:// unless skipTLSVerify is set; dependencies.md §5). */
export async function clientNodeConfig(lab: Lab): Promise<KubeConfig> {
  const k8s = await import('@kubernetes/client-node');
  writeFileSync(
    lab.kubeconfig,
    readFileSync(lab.kubeconfig, 'utf8').replace(
      'insecure-skip-tls-verify: true',
      'skipTLSVerify: true, insecure-skip-tls-verify: true',
    ),
  );
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(lab.kubeconfig);
  return kc;
}
