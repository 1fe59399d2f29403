/**
 * API benchmark (issue 3): the time from `kubelab up` to a ready API (fresh data dir vs resume), and the
 * p50/p99/max latency and ops/s of get, list (JSON and Table), create and server-side apply over HTTPS, on
 * the lmdb and memory store drivers, each against a floor: a bare HTTPS server replaying the same bytes.
 * Usage: node --import tsx bench/apiserver.ts [--quick] [--json]
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKubeconfig } from '../src/client/index.ts';
import { cases, seed, type Scale } from './lib/api-cases.ts';
import { startFloor, type Floor } from './lib/floor.ts';
import { requester, type Answer, type Endpoint } from './lib/https-client.ts';
import {
  cliStartMs,
  down,
  PLAN,
  stepTimes,
  stop,
  stopIfRunning,
  up,
  type StoreDriver,
  type UpTiming,
} from './lib/kubelab-cli.ts';
import { stopProcessesNaming } from './lib/leftovers.ts';
import { kubectlRuns, type KubectlFigure } from './lib/kubectl-runs.ts';
import { printReport, type StartupRun } from './lib/report.ts';
import { runSuite, type CaseResult } from './lib/suite.ts';

const argv = process.argv.slice(2);
if (argv.includes('--help')) {
  process.stdout.write('usage: node --import tsx bench/apiserver.ts [--quick] [--json]\n');
  process.exit(0);
}
const QUICK = argv.includes('--quick');
const JSON_OUT = argv.includes('--json');
const IN_FLIGHT = 16;
/** [one at a time, 16 in flight] request counts per case. */
const SCALE: Scale = QUICK
  ? { get: [100, 240], list100: [20, 48], list1000: [8, 32], create: [40, 160], apply: [30, 64] }
  : { get: [500, 1500], list100: [100, 200], list1000: [30, 64], create: [200, 600], apply: [100, 192] };
const UP_RUNS = QUICK ? 1 : 2;
const KUBECTL_RUNS = QUICK ? 2 : 5;
/** Each case runs in this many turns per target, so load drift on a shared machine hits all alike. */
const ROUNDS = QUICK ? 2 : 4;

const began = Date.now();
const log = (line: string) =>
  process.stderr.write(`bench [${((Date.now() - began) / 1000).toFixed(1)} s]: ${line}\n`);
const root = mkdtempSync(join(tmpdir(), 'kubelab-bench-api-'));
const dataDirs: string[] = [];
let floor: Floor | undefined;

function cleanup(): void {
  floor?.child.kill('SIGTERM');
  for (const dir of dataDirs) stopIfRunning(dir);
  // A kubelab still starting has no pid file yet, and would outlive the data dir removed under it.
  stopProcessesNaming(root);
  rmSync(root, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping kubelab and removing ${root}`);
    cleanup();
    process.exit(130);
  });
}

function endpointOf(dir: string): Endpoint {
  const k = loadKubeconfig(join(dir, 'kubeconfig'));
  if (!k.ca) throw new Error(`${dir}/kubeconfig has no CA`);
  return { server: k.server, ca: k.ca, ...(k.token ? { token: k.token } : {}) };
}

/** up (fresh), down, up (resume), down — UP_RUNS times; the last resumed kubelab stays up and is returned. */
async function startup(runs: StartupRun[], cliStart: number[]): Promise<string> {
  let last = '';
  for (let r = 0; r < UP_RUNS; r++) {
    log(`kubelab --help (reference, run ${r + 1}/${UP_RUNS})`);
    cliStart.push(await cliStartMs());
    const dir = join(root, `up-${r}`);
    dataDirs.push(dir);
    for (const kind of ['fresh', 'resume'] as const) {
      log(`kubelab up (${kind}, run ${r + 1}/${UP_RUNS})`);
      const timing: UpTiming = await up(dir, 'lmdb');
      const keep = kind === 'resume' && r === UP_RUNS - 1;
      const downMs = keep ? undefined : await down(dir);
      runs.push({ kind, ...timing, ...(downMs !== undefined ? { downMs } : {}), steps: stepTimes(dir) });
    }
    last = dir;
  }
  return last;
}

async function seedRun(dir: string, driver: StoreDriver): Promise<void> {
  const client = requester(endpointOf(dir));
  try {
    log(`${driver}: seeding 1,100 ConfigMaps`);
    await seed(client, IN_FLIGHT);
  } finally {
    client.close();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const loadAtStart = loadavg()[0] ?? NaN;
  const startupRuns: StartupRun[] = [];
  const cliStart: number[] = [];
  const lmdbDir = await startup(startupRuns, cliStart);

  // The memory kubelab (on the next port) and the floor start while the lmdb one is seeded, which is
  // not a figure; all three then stay up, so the cases can take turns on them.
  const memDir = join(root, 'memory');
  dataDirs.push(memDir);
  log('kubelab up --store memory, and the floor server (in the background)');
  const memoryUp = up(memDir, 'memory', PLAN.apiPort + 1);
  memoryUp.catch(() => undefined); // awaited below; an early failure must not go unhandled meanwhile
  const pkiDir = join(lmdbDir, 'pki');
  const floorServer = startFloor(PLAN.apiHost, pkiDir, root);
  floor = floorServer;
  await seedRun(lmdbDir, 'lmdb');
  await memoryUp;
  await seedRun(memDir, 'memory');

  const answers = new Map<string, Answer>();
  const lmdbClient = requester(endpointOf(lmdbDir));
  const memoryClient = requester(endpointOf(memDir));
  const floorClient = requester({
    server: `https://${PLAN.apiHost}:${await floorServer.port}`,
    ca: readFileSync(join(pkiDir, 'ca.crt')),
  });
  let api: Record<string, CaseResult[]>;
  try {
    log(`measuring lmdb, memory and the floor in turns (${ROUNDS} rounds per case)`);
    api = await runSuite(
      [
        { name: 'lmdb', client: lmdbClient, capture: answers },
        { name: 'memory', client: memoryClient },
        { name: 'floor', client: floorClient },
      ],
      cases(SCALE, IN_FLIGHT, 'run'),
      { inFlight: IN_FLIGHT, rounds: ROUNDS, captured: () => floorServer.setAnswers(answers) },
    );
  } finally {
    for (const c of [lmdbClient, memoryClient, floorClient]) c.close();
  }
  await floorServer.stop();
  floor = undefined;
  await stop(memDir);

  log(`kubectl (${KUBECTL_RUNS} runs per command)`);
  const home = join(root, 'kubectl-home');
  mkdirSync(home);
  const kubectl: KubectlFigure[] = await kubectlRuns(join(lmdbDir, 'kubeconfig'), home, KUBECTL_RUNS);
  await stop(lmdbDir);
  // The kept run's last log line may have come after `up` returned: read its steps now that it stopped.
  const kept = startupRuns[startupRuns.length - 1];
  if (kept) kept.steps = stepTimes(lmdbDir);

  printReport(
    {
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpu: cpus()[0]?.model ?? '?',
        node: process.version,
        loadAverage: { atStart: loadAtStart, atEnd: loadavg()[0] ?? NaN },
      },
      quick: QUICK,
      inFlight: IN_FLIGHT,
      totalSeconds: (Date.now() - started) / 1000,
      startup: startupRuns,
      cliStartMs: cliStart,
      api: { lmdb: api.lmdb ?? [], memory: api.memory ?? [], floor: api.floor ?? [] },
      kubectl,
    },
    JSON_OUT,
  );
}

try {
  await main();
} catch (err) {
  process.stderr.write(`bench: failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
} finally {
  cleanup();
}
