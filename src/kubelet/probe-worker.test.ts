import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../core/index.ts';
import { parseProbe } from './probe-spec.ts';
import type { ProbeKind, ProbeResult } from './probe-spec.ts';
import { ProbeWorker } from './probe-worker.ts';
import type { ProbedContainer } from './probe-worker.ts';

interface Row {
  desc: string;
  kind: ProbeKind;
  probe?: Record<string, unknown>;
  /** Handler results, one per tick; each tick is 10 s after the previous one. */
  results: Array<ProbeResult | undefined>;
  container?: Partial<ProbedContainer>;
  /** Published results after each tick (`-` = nothing new). */
  want: string[];
  wantOnHold?: boolean;
}

const rows: Row[] = [
  {
    desc: 'readiness starts as Failure and turns Success on the first success',
    kind: 'readiness',
    results: ['Success', 'Success'],
    // The worker republishes every result over the threshold; the results manager drops repeats.
    want: ['Failure,Success', 'Success'],
  },
  {
    desc: 'readiness needs failureThreshold (3) failures to go back to Failure',
    kind: 'readiness',
    results: ['Success', 'Failure', 'Failure', 'Failure'],
    want: ['Failure,Success', '-', '-', 'Failure'],
  },
  {
    desc: 'successThreshold 2 needs two successes',
    kind: 'readiness',
    probe: { successThreshold: 2 },
    results: ['Success', 'Success'],
    want: ['Failure', 'Success'],
  },
  {
    desc: 'liveness starts as Success; the 3rd failure publishes Failure and holds',
    kind: 'liveness',
    results: ['Failure', 'Failure', 'Failure', 'Failure'],
    want: ['Success', '-', 'Failure', '-'],
    wantOnHold: true,
  },
  {
    desc: 'failureThreshold 1 kills on the first failure',
    kind: 'liveness',
    probe: { failureThreshold: 1 },
    results: ['Failure'],
    want: ['Success,Failure'],
    wantOnHold: true,
  },
  {
    desc: 'a success in between resets the failure run',
    kind: 'liveness',
    results: ['Failure', 'Failure', 'Success', 'Failure', 'Failure'],
    want: ['Success', '-', 'Success', '-', '-'],
  },
  {
    desc: 'initialDelaySeconds skips probing (keeps the initial result)',
    kind: 'readiness',
    probe: { initialDelaySeconds: 15 },
    results: ['Success', 'Success', 'Success'],
    want: ['Failure', '-', 'Success'],
  },
  {
    desc: 'liveness waits for the startup probe',
    kind: 'liveness',
    container: { started: false },
    results: ['Failure', 'Failure', 'Failure'],
    want: ['Success', '-', '-'],
  },
  {
    desc: 'startup stops probing once started',
    kind: 'startup',
    container: { started: true },
    results: ['Failure'],
    want: ['Unknown'],
  },
  {
    desc: 'a prober error throws the result away',
    kind: 'readiness',
    results: [undefined, 'Success'],
    want: ['Failure', 'Success'],
  },
  {
    desc: 'a pod being deleted: liveness reports Success and stops',
    kind: 'liveness',
    container: { podDeleting: true },
    results: ['Failure'],
    want: ['Success,Success'],
  },
  {
    desc: 'a container that is not running reads as Failure',
    kind: 'readiness',
    container: { running: false, terminated: true },
    results: ['Success'],
    want: ['Failure,Failure'],
  },
];

test('probe worker (k8s pkg/kubelet/prober/worker.go doProbe)', async (t) => {
  for (const r of rows) {
    await t.test(r.desc, async () => {
      const clock = new FakeClock();
      const startedAt = clock.now();
      const spec = parseProbe(r.kind, { tcpSocket: { port: 80 }, ...r.probe })!;
      const published: string[] = [];
      const queue = [...r.results];
      const c: ProbedContainer = {
        id: 'c1',
        running: true,
        startedAt,
        started: true,
        terminated: false,
        restartPolicyNever: false,
        podTerminal: false,
        podDeleting: false,
        ...r.container,
      };
      const w = new ProbeWorker({
        spec,
        clock,
        container: () => c,
        probe: () => Promise.resolve(queue.shift()),
        setResult: (_id, result) => published.push(result),
      });
      const got: string[] = [];
      for (let i = 0; i < r.results.length; i++) {
        published.length = 0;
        await w.doProbe();
        got.push(published.length ? published.join(',') : '-');
        clock.advance(10_000);
      }
      assert.deepEqual(got, r.want);
      if (r.wantOnHold !== undefined) assert.equal(w.onHold, r.wantOnHold);
    });
  }
});

test('a new container id resumes a held liveness worker with the initial result', async () => {
  const clock = new FakeClock();
  const spec = parseProbe('liveness', { exec: { command: ['false'] }, failureThreshold: 1 })!;
  const c: ProbedContainer = {
    id: 'c1',
    running: true,
    startedAt: clock.now(),
    started: true,
    terminated: false,
    restartPolicyNever: false,
    podTerminal: false,
    podDeleting: false,
  };
  const published: string[] = [];
  const w = new ProbeWorker({
    spec,
    clock,
    container: () => c,
    probe: () => Promise.resolve('Failure'),
    setResult: (id, result) => published.push(`${id}:${result}`),
  });
  await w.doProbe();
  assert.equal(w.onHold, true);
  c.id = 'c2';
  await w.doProbe();
  assert.deepEqual(published, ['c1:Success', 'c1:Failure', 'c2:Success', 'c2:Failure']);
});

test('probe defaults (SetDefaults_Probe)', () => {
  assert.deepEqual(parseProbe('readiness', { httpGet: { port: 80 } }), {
    kind: 'readiness',
    initialDelaySeconds: 0,
    periodSeconds: 10,
    timeoutSeconds: 1,
    successThreshold: 1,
    failureThreshold: 3,
    handler: { type: 'http', scheme: 'HTTP', host: '', port: 80, path: '/', headers: [] },
  });
});
