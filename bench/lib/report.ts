/** The API benchmark's report: readable tables on stdout, or the same figures as JSON with --json. */
import type { KubectlFigure } from './kubectl-runs.ts';
import { median, type Summary } from './stats.ts';
import type { CaseResult } from './suite.ts';
import { ms, rate, ratio, renderTable, type Cell } from './table.ts';

export interface StartupRun {
  kind: 'fresh' | 'resume';
  commandMs: number;
  readyMs: number;
  downMs?: number;
  steps: Record<string, number>;
}

export interface Report {
  date: string;
  /** loadAverage: the 1-minute load average; other work on the machine shows in every figure. */
  machine: { cpus: number; cpu: string; node: string; loadAverage: { atStart: number; atEnd: number } };
  quick: boolean;
  inFlight: number;
  totalSeconds: number;
  startup: StartupRun[];
  /** `kubelab --help`: the CLI's start-up alone, the reference for `up` and `down`. */
  cliStartMs: number[];
  api: { lmdb: CaseResult[]; memory: CaseResult[]; floor: CaseResult[] };
  kubectl: KubectlFigure[];
}

const range = (values: number[]) =>
  values.length > 1
    ? `${ms(median(values))} (${ms(Math.min(...values))}-${ms(Math.max(...values))})`
    : ms(values[0] ?? NaN);

function startupTable(runs: StartupRun[], cliStart: number[]): string {
  const ref = median(cliStart);
  const rows: Cell[][] = (['fresh', 'resume'] as const).map((kind) => {
    const of = runs.filter((r) => r.kind === kind);
    const step = (title: string) => ms(median(of.map((r) => r.steps[title] ?? NaN)));
    const downs = of.flatMap((r) => (r.downMs !== undefined ? [r.downMs] : []));
    return [
      kind === 'fresh' ? 'fresh data dir (makes the CA)' : 'resume (same data dir)',
      of.length,
      range(of.map((r) => r.readyMs)),
      ratio(median(of.map((r) => r.readyMs)) / ref),
      range(of.map((r) => r.commandMs)),
      step('Making certificates'),
      step('Opening the store'),
      step('Starting the API server'),
      range(downs),
      ratio(median(downs) / ref),
    ];
  });
  rows.push([
    'reference: kubelab --help',
    cliStart.length,
    range(cliStart),
    ratio(1),
    '',
    '',
    '',
    '',
    '',
    '',
  ]);
  return renderTable(
    'kubelab up --detach --bare (lmdb): ms, median (min-max); x = times the CLI start-up alone (--help)',
    ['start', 'runs', 'to /readyz 200', 'x', 'command', 'certs', 'store', 'API server', 'kubelab down', 'x'],
    rows,
  );
}

type Mode = 'sequential' | 'parallel';

function find(results: CaseResult[], name: string, mode: Mode): Summary | undefined {
  return results.find((r) => r.name === name)?.[mode];
}

function apiTable(report: Report): string {
  const rows: Cell[][] = [];
  const { lmdb, memory, floor } = report.api;
  for (const mode of ['sequential', 'parallel'] as const) {
    for (const c of lmdb) {
      const floorSummary = find(floor, c.name, mode);
      let first = true;
      for (const [target, results] of [
        ['lmdb', lmdb],
        ['memory', memory],
        ['floor', floor],
      ] as const) {
        const s = find(results, c.name, mode);
        if (!s) continue;
        rows.push([
          first ? c.name : '',
          first ? (mode === 'sequential' ? 1 : report.inFlight) : '',
          target,
          s.n,
          ms(s.p50Ms),
          ms(s.p99Ms),
          ms(s.maxMs),
          rate(s.opsPerSec),
          target === 'floor' || !floorSummary ? '' : ratio(s.p50Ms / floorSummary.p50Ms),
        ]);
        first = false;
      }
    }
  }
  return renderTable(
    'API over HTTPS (keep-alive, bearer token): latency in ms; floor = bare node:https replaying the same bytes',
    ['case', 'in flight', 'target', 'n', 'p50', 'p99', 'max', 'ops/s', 'p50 vs floor'],
    rows,
  );
}

function durabilityTable(report: Report): string {
  const rows: Cell[][] = [];
  for (const mode of ['sequential', 'parallel'] as const) {
    for (const c of report.api.lmdb) {
      const l = c[mode];
      const m = find(report.api.memory, c.name, mode);
      if (!l || !m) continue;
      rows.push([
        c.name,
        mode === 'sequential' ? 1 : report.inFlight,
        ratio(l.p50Ms / m.p50Ms),
        ratio(l.p99Ms / m.p99Ms),
        ratio(m.opsPerSec / l.opsPerSec),
      ]);
    }
  }
  return renderTable(
    'What durability costs: lmdb (fsync per write) against --store memory',
    ['case', 'in flight', 'p50 lmdb/memory', 'p99 lmdb/memory', 'ops/s memory/lmdb'],
    rows,
  );
}

function kubectlTable(figures: KubectlFigure[]): string {
  const base = figures[0]?.summary.p50Ms ?? NaN;
  return renderTable(
    'The real kubectl, one process per command (ms; first row = its start-up alone)',
    ['command', 'runs', 'p50', 'max', 'p50 vs version', 'p50 minus version'],
    figures.map((f, i) => [
      f.name,
      f.summary.n,
      ms(f.summary.p50Ms),
      ms(f.summary.maxMs),
      i === 0 ? '' : ratio(f.summary.p50Ms / base),
      i === 0 ? '' : `+${ms(f.summary.p50Ms - base)}`,
    ]),
  );
}

export function printReport(report: Report, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const m = report.machine;
  process.stdout.write(
    [
      `kubelab API benchmark${report.quick ? ' (--quick)' : ''}: ${report.date}, ${m.cpus} cores (${m.cpu}), node ${m.node}, load average ${m.loadAverage.atStart.toFixed(1)} at start and ${m.loadAverage.atEnd.toFixed(1)} at end, ${report.totalSeconds.toFixed(0)} s`,
      '',
      startupTable(report.startup, report.cliStartMs),
      apiTable(report),
      durabilityTable(report),
      kubectlTable(report.kubectl),
    ].join('\n'),
  );
}
