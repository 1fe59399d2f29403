/**
 * Scale benchmark (issue 4, item 4): Deployments of 100 / 500 / 1,000 of the lab's web pods on a fresh
 * kubelab each — time to all Ready, pods/s, RSS and CPU per pod, every pod answering HTTP — against the
 * floor of the same web app's servers started directly in one process, then a crash-isolation check.
 *
 *   node --import tsx bench/pods.ts [--sizes 100,500,1000] [--periods 10,1] [--quick] [--json]
 *                                   [--store lmdb|memory] [--deadline SECONDS] [--no-crash]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { apiHealth } from '../src/cluster/health.ts';
import { dataDirPaths, runningPid } from '../src/cluster/data-dir.ts';
import { readManifests } from '../src/cluster/lab.ts';
import { createClient, transportFromKubeconfig, type Client } from '../src/client/index.ts';
import { isRecord, nthAddress, type KubeObject } from '../src/core/index.ts';
import { REPO, down, stopIfRunning, up, type AddressPlan, type StoreDriver } from './lib/kubelab-cli.ts';
import { stopProcessesNaming } from './lib/leftovers.ts';
import { nowMs, percentile } from './lib/stats.ts';
import { ms, ratio, renderTable } from './lib/table.ts';

/** Loopback only, away from the lab's defaults and from bench/apiserver.ts (127.60-62). */
const PLAN: AddressPlan = {
  apiHost: '127.70.0.1',
  nodeIP: '127.70.0.2',
  podCIDR: '127.72.0.0/16',
  serviceCIDR: '127.71.0.0/24',
};
const WEB_PORT = 8000;
const HTTP_IN_FLIGHT = 32;
const CLK_TCK = 100;
const STEADY_MS = 10_000;
const IDLE_MS = 5_000; // Linux USER_HZ: /proc/<pid>/stat counts CPU time in 1/100 s.

// ---------- /proc readings ----------

function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m?.[1] ? Number(m[1]) * 1024 : NaN;
}

/** User + system CPU seconds of a process (fields 14 and 15 of /proc/<pid>/stat, after the command name). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

const mib = (bytes: number) => bytes / 1048576;
const kib = (bytes: number) => bytes / 1024;

// ---------- HTTP to every pod ----------

interface HttpCheck {
  n: number;
  ok: number;
  p50Ms: number;
  p99Ms: number;
  firstError?: string;
}

function getPage(ip: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: ip, port: WEB_PORT, path: '/index.html', agent: false, timeout: 15_000 },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`GET http://${ip}:${WEB_PORT}/index.html: no answer in 15 s`)),
    );
    req.on('error', reject);
  });
}

/** GETs /index.html on each IP with HTTP_IN_FLIGHT requests outstanding; counts the 200s. */
async function checkHttp(ips: readonly string[]): Promise<HttpCheck> {
  const latencies: number[] = [];
  let ok = 0;
  let next = 0;
  let firstError: string | undefined;
  await Promise.all(
    Array.from({ length: Math.min(HTTP_IN_FLIGHT, ips.length) }, async () => {
      while (next < ips.length) {
        const ip = ips[next++] ?? '';
        const t0 = nowMs();
        try {
          const status = await getPage(ip);
          if (status === 200) ok++;
          else firstError ??= `${ip}: HTTP ${status}`;
        } catch (err) {
          firstError ??= (err as Error).message;
        }
        latencies.push(nowMs() - t0);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    n: ips.length,
    ok,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    firstError,
  };
}

// ---------- the floor: N servers of the same web app in one process ----------

interface FloorResult {
  n: number;
  listenMs: number;
  rssBeforeMiB: number;
  rssPerPodKiB: number;
  cpuSeconds: number;
  http: HttpCheck;
}

const podIPs = (n: number) => Array.from({ length: n }, (_, i) => nthAddress(PLAN.podCIDR, i + 2));

/** The child side: waits for "go", generates N pages and serves them on the pod IPs, says "listening". */
async function floorChild(n: number, dir: string): Promise<void> {
  const { generatePage, startWebServer } = await import('../src/web/index.ts');
  const lines = createInterface({ input: process.stdin });
  const input = lines[Symbol.asyncIterator]();
  process.stdout.write('idle\n');
  await input.next();
  const ips = podIPs(n);
  const servers = await Promise.all(
    ips.map(async (ip, i) => {
      const root = join(dir, String(i));
      await generatePage({
        outDir: root,
        hostname: `floor-${i}`,
        podIP: ip,
        namespace: 'default',
        nodeName: 'kubelab',
      });
      return startWebServer({ root, port: WEB_PORT, host: ip });
    }),
  );
  process.stdout.write('listening\n');
  await input.next(); // stdin ends or says "stop"
  await Promise.all(servers.map((s) => s.close({ graceMs: 0 })));
  process.exit(0);
}

async function runFloor(n: number, root: string): Promise<FloorResult> {
  const dir = mkdtempSync(join(root, 'floor-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(REPO, 'bench', 'pods.ts'), '--floor-child', String(n), dir],
    {
      cwd: REPO,
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  try {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
    const expect = async (word: string) => {
      const line = await Promise.race([
        lines.next(),
        sleep(120_000, undefined, { ref: false }).then(() => ({ value: 'timeout' })),
      ]);
      if (line.value !== word) throw new Error(`floor child: expected "${word}", got ${String(line.value)}`);
    };
    await expect('idle');
    const pid = child.pid ?? NaN;
    const rss0 = rssBytes(pid);
    const cpu0 = cpuSeconds(pid);
    const t0 = nowMs();
    child.stdin?.write('go\n');
    await expect('listening');
    const listenMs = nowMs() - t0;
    const rss1 = rssBytes(pid);
    const cpu1 = cpuSeconds(pid);
    const httpCheck = await checkHttp(podIPs(n));
    return {
      n,
      listenMs,
      rssBeforeMiB: mib(rss0),
      rssPerPodKiB: kib((rss1 - rss0) / n),
      cpuSeconds: cpu1 - cpu0,
      http: httpCheck,
    };
  } finally {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.stdin?.end('stop\n');
  if (
    (await Promise.race([exited, sleep(10_000, undefined, { ref: false }).then(() => 'late')])) === 'late'
  ) {
    child.kill('SIGKILL');
    await exited;
  }
}

// ---------- kubelab ----------

/** The lab's web Deployment with N replicas; `period` overrides the readiness probe's periodSeconds. */
async function webDeployment(n: number, period: number | undefined): Promise<KubeObject> {
  const [deploy] = await readManifests(['kubernetes-networks/web-deploy.yaml']);
  if (!deploy) throw new Error('web-deploy.yaml has no Deployment');
  const spec = deploy.spec as {
    replicas: number;
    template: { spec: { containers: { readinessProbe?: Record<string, unknown> }[] } };
  };
  spec.replicas = n;
  const probe = spec.template.spec.containers[0]?.readinessProbe;
  if (period !== undefined && probe) probe.periodSeconds = period;
  return deploy;
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

async function deploymentStatus(client: Client): Promise<{ replicas: number; available: number }> {
  const d = await client.deployments.get('web', { namespace: 'default' });
  const s = isRecord(d.status) ? d.status : {};
  return { replicas: num(s.replicas), available: num(s.availableReplicas) };
}

interface PodTimes {
  /** IPs of the Ready pods. */
  ips: string[];
  /** Seconds from the apply to the last pod's creationTimestamp (server clock, 1 s resolution). */
  lastCreatedS?: number;
  /** Seconds from the apply to each pod's Ready transition, sorted. */
  readyS: number[];
  /** Seconds from each pod's creation to its Ready transition, sorted. */
  createdToReadyS: number[];
}

/**
 * One list after the run, read from the pods' own timestamps, so the run itself is not slowed by
 * polling lists of 1,000 pods; the timestamps have 1 s resolution.
 */
async function podTimes(client: Client, applyWallMs: number): Promise<PodTimes> {
  const pods = await client.pods.list({ namespace: 'default', labelSelector: 'app=web' });
  const times: PodTimes = { ips: [], readyS: [], createdToReadyS: [] };
  for (const p of pods.items) {
    const created = Date.parse(p.metadata.creationTimestamp ?? '');
    const sinceApply = (created - applyWallMs) / 1000;
    if (Number.isFinite(sinceApply))
      times.lastCreatedS = Math.max(times.lastCreatedS ?? -Infinity, sinceApply);
    const s = isRecord(p.status) ? p.status : {};
    const ready = (Array.isArray(s.conditions) ? s.conditions : []).find(
      (c) => isRecord(c) && c.type === 'Ready' && c.status === 'True',
    ) as { lastTransitionTime?: string } | undefined;
    if (!ready) continue;
    if (typeof s.podIP === 'string') times.ips.push(s.podIP);
    const at = Date.parse(ready.lastTransitionTime ?? '');
    if (Number.isFinite(at)) {
      times.readyS.push((at - applyWallMs) / 1000);
      if (Number.isFinite(created)) times.createdToReadyS.push((at - created) / 1000);
    }
  }
  times.readyS.sort((a, b) => a - b);
  times.createdToReadyS.sort((a, b) => a - b);
  return times;
}

/** Error and fatal lines (pino levels 50, 60) in the kubelab log: a quiet log is part of the result. */
function logErrors(dir: string): { count: number; first?: string } {
  const log = dataDirPaths(dir).log;
  if (!existsSync(log)) return { count: 0 };
  const bad = readFileSync(log, 'utf8')
    .split('\n')
    .filter((l) => /"level":(50|60)/.test(l));
  return { count: bad.length, first: bad[0]?.slice(0, 300) };
}

interface KubelabRun {
  n: number;
  period: number;
  store: StoreDriver;
  upMs: number;
  rssIdleMiB: number;
  /** CPU of the empty kubelab over IDLE_MS before the apply, in % of one core. */
  idleCpuPct: number;
  /** From the pods' timestamps (1 s resolution): the last creation, the median Ready, creation to Ready. */
  lastCreatedS?: number;
  p50ReadyS: number;
  createdToReadyP50S: number;
  createdToReadyP99S: number;
  allReadyMs?: number;
  readyAtDeadline: number;
  podsPerSec: number;
  rssReadyMiB: number;
  rssPerPodKiB: number;
  cpuSeconds: number;
  cpuMsPerPod: number;
  http?: HttpCheck;
  /** CPU used while nothing happens but the probes, over STEADY_MS after the HTTP check, in % of one core. */
  steadyCpuPct: number;
  /** RSS at the end of that quiet window. */
  rssSteadyMiB: number;
  logErrors: number;
  firstLogError?: string;
  crash?: CrashCheck;
}

interface CrashCheck {
  pods: { name: string; restarts: number; reason: string }[];
  kubelabAlive: boolean;
  apiReady: boolean;
  available: number;
  http: HttpCheck;
}

const CRASHERS: KubeObject[] = [
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'crash-exit', namespace: 'default' },
    spec: { containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'echo bye; exit 1'] }] },
  },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'crash-web', namespace: 'default' },
    spec: {
      containers: [
        {
          name: 'web',
          image: 'kubelab/web:0.1.0',
          args: ['serve', '--root', '/nonexistent', '--port', '8000'],
        },
      ],
    },
  },
];

/** Two containers that fail over and over; kubelab must stay up and the web pods must keep answering. */
async function crashCheck(client: Client, dir: string, pid: number): Promise<CrashCheck> {
  for (const pod of CRASHERS) await client.pods.create(pod);
  const deadline = nowMs() + 90_000;
  let pods: CrashCheck['pods'] = [];
  while (nowMs() < deadline) {
    pods = await Promise.all(
      CRASHERS.map(async (c) => {
        const p = await client.pods.get(c.metadata.name ?? '', { namespace: 'default' });
        const cs = (
          isRecord(p.status) && Array.isArray(p.status.containerStatuses) ? p.status.containerStatuses : []
        )[0] as
          | {
              restartCount?: number;
              state?: { waiting?: { reason?: string }; terminated?: { reason?: string } };
            }
          | undefined;
        return {
          name: c.metadata.name ?? '',
          restarts: cs?.restartCount ?? 0,
          reason: cs?.state?.waiting?.reason ?? cs?.state?.terminated?.reason ?? 'Running',
        };
      }),
    );
    if (pods.every((p) => p.restarts >= 2)) break;
    await sleep(1000);
  }
  const { ips } = await podTimes(client, Date.now());
  return {
    pods,
    kubelabAlive: runningPid(dataDirPaths(dir)) === pid,
    apiReady: (await apiHealth(dir)).ok,
    available: (await deploymentStatus(client)).available,
    http: await checkHttp(ips),
  };
}

async function runKubelab(
  n: number,
  period: number,
  opts: Options,
  root: string,
  withCrash: boolean,
): Promise<KubelabRun> {
  const dir = mkdtempSync(join(root, `kubelab-${n}-`));
  active.add(dir);
  try {
    const upMs = (await up(dir, opts.store, 6443, PLAN)).commandMs;
    const pid = runningPid(dataDirPaths(dir));
    if (pid === undefined) throw new Error(`kubelab up returned but ${dir} has no running kubelab`);
    const client = createClient(transportFromKubeconfig(dataDirPaths(dir).kubeconfig));
    await sleep(2000); // let start-up garbage settle before the baseline
    // What an empty kubelab burns (informers, leases, resyncs): the quiet CPU below is measured against it.
    const cpuIdle = cpuSeconds(pid);
    const tIdle = nowMs();
    await sleep(IDLE_MS);
    const idleCpuPct = ((cpuSeconds(pid) - cpuIdle) * 100_000) / (nowMs() - tIdle);
    const rss0 = rssBytes(pid);
    const cpu0 = cpuSeconds(pid);
    const deploy = await webDeployment(n, period === 10 ? undefined : period);
    const t0 = nowMs();
    const t0Wall = Date.now();
    await client.deployments.patch('web', 'apply', deploy, {
      namespace: 'default',
      fieldManager: 'bench',
      force: true,
    });
    const deadline = t0 + opts.deadlineS(n) * 1000;
    let allReadyMs: number | undefined;
    let available = 0;
    let lastReport = t0;
    while (nowMs() < deadline) {
      const s = await deploymentStatus(client);
      available = s.available;
      if (s.available >= n) {
        allReadyMs = nowMs() - t0;
        break;
      }
      if (nowMs() - lastReport > 10_000) {
        lastReport = nowMs();
        progress(
          `  ${n} pods, period ${period}s: ${s.replicas} created, ${s.available} available after ${((lastReport - t0) / 1000).toFixed(0)} s`,
        );
      }
      await sleep(250);
    }
    const rss1 = rssBytes(pid);
    const cpu1 = cpuSeconds(pid);
    const took = allReadyMs ?? nowMs() - t0;
    const times = await podTimes(client, t0Wall);
    const result: KubelabRun = {
      n,
      period,
      store: opts.store,
      upMs,
      rssIdleMiB: mib(rss0),
      idleCpuPct,
      lastCreatedS: times.lastCreatedS,
      p50ReadyS: percentile(times.readyS, 50),
      createdToReadyP50S: percentile(times.createdToReadyS, 50),
      createdToReadyP99S: percentile(times.createdToReadyS, 99),
      allReadyMs,
      readyAtDeadline: available,
      podsPerSec: (available * 1000) / took,
      rssReadyMiB: mib(rss1),
      rssPerPodKiB: kib((rss1 - rss0) / Math.max(1, available)),
      cpuSeconds: cpu1 - cpu0,
      cpuMsPerPod: ((cpu1 - cpu0) * 1000) / Math.max(1, available),
      http: await checkHttp(times.ips),
      steadyCpuPct: NaN,
      rssSteadyMiB: NaN,
      logErrors: 0,
    };
    const cpuQuiet = cpuSeconds(pid);
    const tQuiet = nowMs();
    await sleep(STEADY_MS);
    result.steadyCpuPct = ((cpuSeconds(pid) - cpuQuiet) * 100_000) / (nowMs() - tQuiet);
    result.rssSteadyMiB = mib(rssBytes(pid));
    if (withCrash) result.crash = await crashCheck(client, dir, pid);
    const errors = logErrors(dir);
    result.logErrors = errors.count;
    result.firstLogError = errors.first;
    await down(dir);
    return result;
  } finally {
    stopIfRunning(dir);
    active.delete(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------- driver ----------

interface Options {
  sizes: number[];
  periods: number[];
  store: StoreDriver;
  json: boolean;
  crash: boolean;
  deadlineS: (n: number) => number;
}

const active = new Set<string>();
const progress = (line: string) => process.stderr.write(`${line}\n`);

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string' },
      periods: { type: 'string', default: '10,1' },
      quick: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      store: { type: 'string', default: 'lmdb' },
      deadline: { type: 'string' },
      'no-crash': { type: 'boolean', default: false },
    },
  });
  const list = (s: string) =>
    s
      .split(',')
      .map((x) => Number(x.trim()))
      .filter((x) => Number.isInteger(x) && x > 0);
  const fixed = values.deadline ? Number(values.deadline) : undefined;
  return {
    sizes: list(values.sizes ?? (values.quick ? '100' : '100,500,1000')),
    periods: list(values.periods),
    store: storeDriver(values.store),
    json: values.json,
    crash: !values['no-crash'],
    // Generous enough for a loaded 2-core machine; a run that passes it reports how many were Ready.
    deadlineS: (n) => fixed ?? 60 + 0.3 * n,
  };
}

function report(
  floors: Map<number, FloorResult>,
  runs: KubelabRun[],
  started: Date,
  load0: number[],
): string {
  const c = cpus();
  const out: string[] = [
    `kubelab pods benchmark: ${started.toISOString()}, ${c.length} cores (${(c[0]?.model ?? '?').trim()}), node ${process.version}, ` +
      `load average ${load0[0]?.toFixed(1)} at start and ${loadavg()[0]?.toFixed(1)} at end, ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s`,
    '',
  ];
  out.push(
    renderTable(
      'Floor: N servers of src/web (generatePage + startWebServer) in one process on the same pod IPs',
      ['pods', 'listening ms', 'RSS base MiB', 'RSS/pod KiB', 'CPU s', 'HTTP 200', 'p50 ms', 'p99 ms'],
      [...floors.values()].map((f) => [
        f.n,
        ms(f.listenMs),
        f.rssBeforeMiB.toFixed(0),
        f.rssPerPodKiB.toFixed(0),
        f.cpuSeconds.toFixed(2),
        `${f.http.ok}/${f.http.n}`,
        ms(f.http.p50Ms),
        ms(f.http.p99Ms),
      ]),
    ),
  );
  const secs = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(1));
  out.push(
    renderTable(
      `kubelab, time: a fresh kubelab per row (store ${runs[0]?.store ?? '?'}), the lab's web Deployment with N replicas, ` +
        `seconds from the apply; x = all Ready / floor listening`,
      [
        'pods',
        'probe period',
        'up s',
        'last created',
        'p50 Ready',
        'all Ready',
        'pods/s',
        'x floor',
        'created→Ready p50',
        'p99',
      ],
      runs.map((r) => {
        const f = floors.get(r.n);
        return [
          r.n,
          `${r.period}s`,
          secs(r.upMs / 1000),
          secs(r.lastCreatedS),
          secs(r.p50ReadyS),
          r.allReadyMs === undefined
            ? `not all Ready (${r.readyAtDeadline}/${r.n})`
            : secs(r.allReadyMs / 1000),
          r.podsPerSec.toFixed(1),
          f && r.allReadyMs !== undefined ? ratio(r.allReadyMs / f.listenMs) : '-',
          secs(r.createdToReadyP50S),
          secs(r.createdToReadyP99S),
        ];
      }),
    ),
  );
  out.push(
    renderTable(
      'kubelab, resources (RSS at all Ready against just before the apply; CPU from the apply to all Ready) and HTTP to every pod IP; ' +
        'x = kubelab / floor; idle = the empty kubelab over 5 s before the apply, quiet = the 10 s after the HTTP check (probes only); CPU in % of one core',
      [
        'pods',
        'probe period',
        'RSS idle MiB',
        'RSS Ready MiB',
        'RSS/pod KiB',
        'x floor',
        'CPU s',
        'CPU ms/pod',
        'HTTP 200',
        'p50 ms',
        'p99 ms',
        'idle CPU %',
        'quiet CPU %',
        'quiet RSS MiB',
        'log errors',
      ],
      runs.map((r) => {
        const f = floors.get(r.n);
        return [
          r.n,
          `${r.period}s`,
          r.rssIdleMiB.toFixed(0),
          r.rssReadyMiB.toFixed(0),
          r.rssPerPodKiB.toFixed(0),
          f ? ratio(r.rssPerPodKiB / f.rssPerPodKiB) : '-',
          r.cpuSeconds.toFixed(1),
          r.cpuMsPerPod.toFixed(1),
          r.http ? `${r.http.ok}/${r.http.n}` : '-',
          r.http ? ms(r.http.p50Ms) : '-',
          r.http ? ms(r.http.p99Ms) : '-',
          r.idleCpuPct.toFixed(0),
          r.steadyCpuPct.toFixed(0),
          r.rssSteadyMiB.toFixed(0),
          r.logErrors,
        ];
      }),
    ),
  );
  for (const r of runs) {
    if (r.http?.firstError) out.push(`  ${r.n} pods/${r.period}s: first HTTP failure: ${r.http.firstError}`);
    if (r.firstLogError) out.push(`  ${r.n} pods/${r.period}s: first log error: ${r.firstLogError}`);
  }
  const crashed = runs.find((r) => r.crash);
  if (crashed?.crash) {
    const c = crashed.crash;
    const pass =
      c.kubelabAlive &&
      c.apiReady &&
      c.available >= crashed.n &&
      c.http.ok === crashed.n &&
      c.pods.every((p) => p.restarts >= 2);
    out.push(
      `Crash isolation (beside ${crashed.n} web pods): ${c.pods.map((p) => `${p.name} restarts ${p.restarts} (${p.reason})`).join(', ')}; ` +
        `kubelab ${c.kubelabAlive ? 'still running' : 'GONE'}, /readyz ${c.apiReady ? '200' : 'failing'}, ` +
        `${c.available}/${crashed.n} available, ${c.http.ok}/${c.http.n} pages 200 (p50 ${ms(c.http.p50Ms)} ms): ${pass ? 'PASS' : 'FAIL'}`,
    );
    if (c.http.firstError) out.push(`  first HTTP failure: ${c.http.firstError}`);
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  const opts = parseOptions();
  const started = new Date();
  const load0 = loadavg();
  const root = mkdtempSync(join(tmpdir(), 'kubelab-bench-pods-'));
  const cleanup = () => {
    for (const dir of active) stopIfRunning(dir);
    stopProcessesNaming(root);
    rmSync(root, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cleanup();
      process.exit(130);
    });
  }
  const floors = new Map<number, FloorResult>();
  const runs: KubelabRun[] = [];
  try {
    for (const n of opts.sizes) {
      progress(`floor: ${n} servers`);
      floors.set(n, await runFloor(n, root));
      for (const period of opts.periods) {
        const last = n === opts.sizes.at(-1) && period === opts.periods.at(-1);
        progress(
          `kubelab: ${n} pods, readiness period ${period}s${last && opts.crash ? ', then the crash check' : ''}`,
        );
        runs.push(await runKubelab(n, period, opts, root, last && opts.crash));
      }
    }
  } finally {
    cleanup();
  }
  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify({ started: started.toISOString(), cores: cpus().length, load: [load0, loadavg()], floors: [...floors.values()], runs }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(`${report(floors, runs, started, load0)}\n`);
  }
}

if (process.argv[2] === '--floor-child') {
  void floorChild(Number(process.argv[3]), process.argv[4] ?? tmpdir());
} else {
  main().catch((err: unknown) => {
    process.stderr.write(`bench/pods.ts: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  });
}

function storeDriver(value: string): StoreDriver {
  if (value === 'lmdb' || value === 'memory') return value;
  throw new Error(`--store takes lmdb or memory, not ${value}`);
}
