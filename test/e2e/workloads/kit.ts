/**
 * Shared pieces of the workloads e2e files: a bare kubelab per file, applying inline YAML, long-running
 * kubectl watches whose output is kept with timestamps, and plain HTTP clients for pod IPs.
 */
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { join } from 'node:path';
import { makeLab, tempDir, testPlanArgs, waitFor, type Lab } from '../lab.ts';

export { waitFor };
export type { Lab };

export const FIXTURES = join(import.meta.dirname, 'fixtures');

export interface UpLab {
  lab: Lab;
  plan: ReturnType<typeof testPlanArgs>;
  /** `kubectl apply -f -` of the given YAML; asserts success. */
  apply: (yaml: string) => string;
}

/** `kubelab up --detach --bare` (plus `extra` options) on a fresh data dir and loopback range, torn down after the test. */
export function upLab(t: TestContext, extra: string[] = []): UpLab {
  const dataDir = tempDir('kubelab-wl-');
  const lab = makeLab(dataDir);
  t.after(() => lab.dispose());
  const plan = testPlanArgs();
  const up = lab.kubelab([
    'up',
    '--detach',
    '--bare',
    '--data-dir',
    dataDir,
    '--no-kubeconfig',
    ...plan.args,
    ...extra,
  ]);
  assert.equal(up.status, 0, up.stderr);
  return {
    lab,
    plan,
    apply(yaml) {
      const r = lab.kubectl(['apply', '-f', '-'], { input: yaml });
      assert.equal(r.status, 0, r.stderr);
      return r.stdout;
    },
  };
}

export interface Watch {
  /** Every complete line so far, with the time it arrived. */
  lines: { at: number; text: string }[];
  text(): string;
  stop(): void;
}

/** Spawns a long-running kubectl (`get -w`, `logs -f`, `get events --watch`); killed after the test. */
export function watch(t: TestContext, lab: Lab, args: string[]): Watch {
  const child = lab.kubectlSpawn(args);
  const lines: Watch['lines'] = [];
  let partial = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => {
    const parts = (partial + c.toString()).split('\n');
    partial = parts.pop() ?? '';
    for (const text of parts) lines.push({ at: Date.now(), text });
  });
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  t.after(stop);
  return {
    lines,
    text: () => lines.map((l) => l.text).join('\n') + (stderr ? `\n[stderr] ${stderr}` : ''),
    stop,
  };
}

export interface HttpResult {
  status: number;
  body: string;
}

/** One GET without keep-alive; rejects with the socket error (ECONNREFUSED, ECONNRESET ...). */
export function httpGet(url: string, timeoutMs = 5000): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

/** `kubectl get pod NAME -o jsonpath=...` trimmed. */
export function jsonpath(lab: Lab, args: string[], path: string): string {
  return lab.kubectl(['get', ...args, '-o', `jsonpath=${path}`]).stdout.trim();
}

/** The `kubectl get pods --no-headers` row of one pod split into columns (NAME READY STATUS RESTARTS AGE). */
export function podRow(lab: Lab, name: string): string[] | undefined {
  const r = lab.kubectl(['get', 'pod', name, '--no-headers']);
  if (r.status !== 0) return undefined;
  return r.stdout.trim().split(/\s{2,}/);
}

/** The count of an aggregated event line: `(x19 over 4m7s)` → 19, no marker → 1. */
export function eventCount(line: string): number {
  const m = /\(x(\d+) over [^)]+\)/.exec(line);
  return m ? Number(m[1]) : 1;
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
