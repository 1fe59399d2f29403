/**
 * Drives the real CLI for benchmarks: `kubelab up --detach` (timing the command and the first 200 from
 * /readyz separately), `kubelab down`, the start-up step times from DIR/kubelab.log, and a last-resort stop.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { apiHealth } from '../../src/cluster/health.ts';
import { dataDirPaths, runningPid } from '../../src/cluster/data-dir.ts';
import { nowMs } from './stats.ts';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const KUBELAB = join(REPO, 'bin', 'kubelab');

/** The address plan every benchmark kubelab uses: loopback only, away from the lab's defaults. */
export interface AddressPlan {
  apiHost: string;
  nodeIP: string;
  podCIDR: string;
  serviceCIDR: string;
}

export const PLAN = {
  apiHost: '127.60.0.1',
  apiPort: 6443,
  nodeIP: '127.60.0.2',
  podCIDR: '127.61.0.0/24',
  serviceCIDR: '127.62.0.0/24',
};

export type StoreDriver = 'lmdb' | 'memory';

export interface UpTiming {
  /** From spawning `kubelab up --detach` until it exited (it returns once the API answers). */
  commandMs: number;
  /** From spawning it until /readyz first answered 200 (polled every 20 ms by this process). */
  readyMs: number;
}

interface Run {
  code: number | null;
  output: string;
}

function run(args: string[], onExit?: () => void): { done: Promise<Run> } {
  const child = spawn(KUBELAB, args, {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: '1' },
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return {
    done: new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => {
        onExit?.();
        resolve({ code, output });
      });
    }),
  };
}

function logTail(dir: string): string {
  const log = dataDirPaths(dir).log;
  return existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-15).join('\n') : '(no log)';
}

export async function up(
  dir: string,
  store: StoreDriver,
  apiPort = PLAN.apiPort,
  plan: AddressPlan = PLAN,
): Promise<UpTiming> {
  const args = [
    'up',
    '--detach',
    '--bare',
    '--data-dir',
    dir,
    '--no-kubeconfig',
    '--api-host',
    plan.apiHost,
    '--api-port',
    String(apiPort),
    '--node-ip',
    plan.nodeIP,
    '--pod-cidr',
    plan.podCIDR,
    '--service-cidr',
    plan.serviceCIDR,
    '--store',
    store,
  ];
  const started = nowMs();
  let exitedAt: number | undefined;
  const command = run(args, () => (exitedAt = nowMs()));
  let readyAt: number | undefined;
  const poll = (async () => {
    // Until the command has exited and 2 s more: a command that returns 0 with the API down is a failure.
    while (exitedAt === undefined || nowMs() - exitedAt < 2000) {
      if ((await apiHealth(dir)).ok) {
        readyAt = nowMs();
        return;
      }
      await sleep(20);
    }
  })();
  const result = await command.done;
  if (result.code !== 0) {
    await poll;
    throw new Error(`kubelab up exited with ${result.code}:\n${result.output}\n${logTail(dir)}`);
  }
  await poll;
  if (readyAt === undefined)
    throw new Error(`kubelab up returned but /readyz never answered 200:\n${logTail(dir)}`);
  return { commandMs: (exitedAt ?? nowMs()) - started, readyMs: readyAt - started };
}

/** The reference for start-up: `kubelab --help` loads the CLI's whole module graph and does nothing else. */
export async function cliStartMs(): Promise<number> {
  const started = nowMs();
  const result = await run(['--help']).done;
  if (result.code !== 0) throw new Error(`kubelab --help exited with ${result.code}:\n${result.output}`);
  return nowMs() - started;
}

/** `kubelab down`; returns how long the command took. */
export async function down(dir: string): Promise<number> {
  const started = nowMs();
  const result = await run(['down', '--data-dir', dir]).done;
  const took = nowMs() - started;
  if (result.code !== 0) {
    // `down` can lose a race with the exiting kubelab removing its pid file between runningPid()'s
    // existsSync and readFileSync (src/cluster/data-dir.ts); the stop itself happened, so count it.
    const raced = result.output.includes('ENOENT') && runningPid(dataDirPaths(dir)) === undefined;
    if (!raced) throw new Error(`kubelab down exited with ${result.code}:\n${result.output}`);
    process.stderr.write(`bench: kubelab down lost the pid-file race (known; kubelab did stop)\n`);
  }
  return took;
}

/**
 * What `kubelab down` does (SIGTERM to DIR/kubelab.pid, wait for it to go) without starting the CLI: for
 * the instances the latency runs use, whose stop time is not a figure.
 */
export async function stop(dir: string): Promise<void> {
  const paths = dataDirPaths(dir);
  const pid = runningPid(paths);
  if (pid === undefined) return;
  process.kill(pid, 'SIGTERM');
  const deadline = nowMs() + 30_000;
  while (runningPid(paths) === pid) {
    if (nowMs() > deadline) throw new Error(`kubelab (pid ${pid}) did not stop within 30 s`);
    await sleep(20);
  }
}

/** Stops whatever kubelab still runs on `dir`, synchronously (for cleanup on failure or a signal). */
export function stopIfRunning(dir: string): void {
  const paths = dataDirPaths(dir);
  const pid = runningPid(paths);
  if (pid === undefined) return;
  spawnSync(KUBELAB, ['down', '--data-dir', dir], { cwd: REPO, stdio: 'ignore', timeout: 40_000 });
  if (runningPid(paths) === pid) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
}

/** The start-up steps of the last `up` in DIR/kubelab.log: title → ms. */
export function stepTimes(dir: string): Record<string, number> {
  const log = dataDirPaths(dir).log;
  if (!existsSync(log)) return {};
  const lines = readFileSync(log, 'utf8').split('\n');
  const lastStart = lines.findLastIndex((l) => l.startsWith('Preparing the data dir ...'));
  const steps: Record<string, number> = {};
  for (const line of lines.slice(Math.max(0, lastStart))) {
    const m = /^(.+): done \((\d+) ms\)$/.exec(line);
    if (m?.[1] && m[2]) steps[m[1]] = Number(m[2]);
  }
  return steps;
}
