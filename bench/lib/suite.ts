/**
 * Runs the API cases against several targets (kubelab on lmdb, on memory, the floor) interleaved: each
 * case in rounds, the targets taking turns within a round, so load that comes and goes on a shared
 * machine falls on all of them alike and the ratios stay fair.
 */
import type { Case } from './api-cases.ts';
import { expectOk, type Answer, type Requester } from './https-client.ts';
import { sample, summarize, type Summary } from './stats.ts';

export interface CaseResult {
  name: string;
  sequential?: Summary;
  parallel?: Summary;
}

export interface Target {
  name: string;
  client: Requester;
  /** Collects the first answer of each case (by benchCase) for the floor server to replay. */
  capture?: Map<string, Answer>;
}

export interface SuiteOptions {
  inFlight: number;
  rounds: number;
  /** Called after each turn of a capturing target, so the floor can learn answers before its turn. */
  captured?: () => void;
}

/** Read cases warm first (JIT, TLS sessions, caches), so the first samples are not start-up costs. */
async function warm(target: Target, list: Case[]): Promise<void> {
  for (const c of list) {
    const probe = c.request(0, 0);
    if (probe.method !== 'GET') continue;
    const times = probe.path.endsWith('bench-get') ? 50 : 5;
    for (let i = 0; i < times; i++) {
      const req = c.request(i, 0);
      const answer = await expectOk(target.client, req);
      if (target.capture && !target.capture.has(req.benchCase)) target.capture.set(req.benchCase, answer);
    }
  }
}

export async function runSuite(
  targets: Target[],
  list: Case[],
  options: SuiteOptions,
): Promise<Record<string, CaseResult[]>> {
  for (const t of targets) {
    await warm(t, list);
    if (t.capture) options.captured?.();
  }
  const results: Record<string, CaseResult[]> = Object.fromEntries(targets.map((t) => [t.name, []]));
  for (const c of list) {
    const byTarget = new Map(targets.map((t): [string, CaseResult] => [t.name, { name: c.name }]));
    for (const mode of ['sequential', 'parallel'] as const) {
      const total = c[mode];
      if (total <= 0) continue;
      const inFlight = mode === 'sequential' ? 1 : options.inFlight;
      const rounds = Math.max(1, Math.min(options.rounds, Math.floor(total / inFlight)));
      const acc = new Map(targets.map((t) => [t.name, { samplesMs: [] as number[], wallMs: 0, done: 0 }]));
      for (let r = 0; r < rounds; r++) {
        // Round 0 keeps the given order (the capturing target first); later rounds rotate it.
        const order = targets.map((_, k) => targets[(k + r) % targets.length]!);
        for (const t of order) {
          const a = acc.get(t.name)!;
          const count = Math.round((total * (r + 1)) / rounds) - a.done;
          // Indices continue across rounds and modes, so created names never repeat.
          const offset = (mode === 'parallel' ? c.sequential : 0) + a.done;
          const s = await sample(count, inFlight, async (i, worker) => {
            const req = c.request(offset + i, worker);
            const answer = await expectOk(t.client, req);
            if (t.capture && !t.capture.has(req.benchCase)) t.capture.set(req.benchCase, answer);
          });
          a.samplesMs.push(...s.samplesMs);
          a.wallMs += s.wallMs;
          a.done += count;
          if (t.capture) options.captured?.();
        }
      }
      for (const [name, a] of acc) byTarget.get(name)![mode] = summarize(a.samplesMs, a.wallMs);
    }
    for (const t of targets) results[t.name]!.push(byTarget.get(t.name)!);
  }
  return results;
}
