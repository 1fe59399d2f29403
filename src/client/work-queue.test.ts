import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FakeClock } from '../core/index.ts';
import { RateLimiter } from './rate-limiter.ts';
import { createWorkQueue } from './work-queue.ts';
import { runWorkers } from './workers.ts';
import { waitFor } from './testing/scripted-api.ts';

/** Resolves `p` if it has settled by the next macrotask, else 'pending'. */
async function peek<T>(p: Promise<T>): Promise<T | 'pending'> {
  return Promise.race([p, new Promise<'pending'>((r) => setImmediate(() => r('pending')))]);
}

describe('work queue (client-go workqueue semantics)', () => {
  test('a key is queued once however often it is added', async () => {
    const q = createWorkQueue();
    q.add('a');
    q.add('b');
    q.add('a');
    assert.equal(q.len(), 2);
    assert.equal(await q.get(), 'a');
    assert.equal(await q.get(), 'b');
    assert.equal(q.len(), 0);
  });

  test('a key added while processing is queued again after done, once', async () => {
    const q = createWorkQueue();
    q.add('a');
    assert.equal(await q.get(), 'a');
    q.add('a');
    q.add('a');
    assert.equal(q.len(), 0, 'not handed to a second worker while the first has it');
    const second = q.get();
    assert.equal(await peek(second), 'pending');
    q.done('a');
    assert.equal(await second, 'a');
    q.done('a');
    assert.equal(q.len(), 0);
  });

  test('get waits for an add', async () => {
    const q = createWorkQueue();
    const next = q.get();
    assert.equal(await peek(next), 'pending');
    q.add('x');
    assert.equal(await next, 'x');
  });

  test('addAfter waits on the clock; the earlier of two times wins', async () => {
    const clock = new FakeClock();
    const q = createWorkQueue({ clock });
    q.addAfter('a', 1000);
    q.addAfter('a', 5000);
    q.addAfter('b', 3000);
    q.addAfter('b', 2000);
    clock.advance(999);
    assert.equal(q.len(), 0);
    clock.advance(1);
    assert.equal(q.len(), 1);
    assert.equal(await q.get(), 'a');
    clock.advance(1000);
    assert.equal(await q.get(), 'b');
    clock.advance(10_000);
    assert.equal(q.len(), 0, 'the later times were dropped');
  });

  test('shutdown: queued keys drain, then get returns undefined; adds and timers are dropped', async () => {
    const clock = new FakeClock();
    const q = createWorkQueue({ clock });
    const idle = createWorkQueue({ clock });
    const waiting = idle.get();
    idle.shutdown();
    assert.equal(await waiting, undefined);

    q.add('a');
    q.addAfter('later', 10);
    q.shutdown();
    q.add('b');
    clock.advance(10);
    assert.equal(q.isShuttingDown(), true);
    assert.equal(await q.get(), 'a');
    assert.equal(await q.get(), undefined);
  });

  test('shutdownWithDrain resolves once the keys being processed are done', async () => {
    const q = createWorkQueue();
    q.add('a');
    await q.get();
    const drained = q.shutdownWithDrain();
    assert.equal(await peek(drained), 'pending');
    q.done('a');
    assert.equal(await drained, undefined);
  });
});

describe('rate limiter (DefaultControllerRateLimiter)', () => {
  const rows: { desc: string; steps: { key: string; want?: number; forget?: true }[] }[] = [
    {
      desc: 'per-key delays double from 5 ms',
      steps: [
        { key: 'a', want: 5 },
        { key: 'a', want: 10 },
        { key: 'a', want: 20 },
        { key: 'a', want: 40 },
        { key: 'b', want: 5 },
      ],
    },
    {
      desc: 'forget starts the key over',
      steps: [
        { key: 'a', want: 5 },
        { key: 'a', want: 10 },
        { key: 'a', forget: true },
        { key: 'a', want: 5 },
      ],
    },
  ];
  for (const row of rows) {
    test(row.desc, () => {
      const limiter = new RateLimiter<string>(new FakeClock());
      for (const step of row.steps) {
        if (step.forget) limiter.forget(step.key);
        else assert.equal(limiter.when(step.key), step.want);
      }
    });
  }

  test('the per-key delay caps at 1000 s', () => {
    const limiter = new RateLimiter<string>(new FakeClock());
    let last = 0;
    for (let i = 0; i < 40; i++) last = limiter.when('a');
    assert.equal(last, 1_000_000);
    assert.equal(limiter.numRequeues('a'), 40);
  });

  test('the overall bucket (10 qps, burst 100) slows the 101st retry to 100 ms', () => {
    const limiter = new RateLimiter<number>(new FakeClock());
    for (let i = 0; i < 100; i++) assert.equal(limiter.when(i), 5);
    assert.equal(Math.round(limiter.when(100)), 100);
  });
});

describe('runWorkers', () => {
  test('failures are retried with backoff, success forgets the key, requeueAfterMs looks again later', async () => {
    const clock = new FakeClock();
    const q = createWorkQueue({ clock });
    const calls: string[] = [];
    let failures = 2;
    const errors: string[] = [];
    const done = runWorkers(
      q,
      (key) => {
        calls.push(key);
        if (key === 'flaky' && failures-- > 0) return Promise.reject(new Error('boom'));
        if (key === 'slow' && calls.filter((k) => k === 'slow').length === 1)
          return Promise.resolve({ requeueAfterMs: 10_000 });
        return Promise.resolve();
      },
      { workers: 2, onError: (err, key) => errors.push(`${key}: ${(err as Error).message}`) },
    );
    q.add('flaky');
    q.add('slow');
    await waitFor(() => calls.length === 2 && errors.length === 1, 'first round');
    assert.equal(q.numRequeues('flaky'), 1);
    clock.advance(5);
    await waitFor(() => errors.length === 2, 'second failure after 5 ms');
    clock.advance(9);
    assert.equal(calls.filter((k) => k === 'flaky').length, 2, 'third try waits 10 ms');
    clock.advance(1);
    await waitFor(() => calls.filter((k) => k === 'flaky').length === 3, 'third try');
    await waitFor(() => q.numRequeues('flaky') === 0, 'forget after success');
    clock.advance(10_000);
    await waitFor(() => calls.filter((k) => k === 'slow').length === 2, 'slow looked at again');
    q.shutdown();
    await done;
    assert.deepEqual(errors, ['flaky: boom', 'flaky: boom']);
  });
});

describe('runWorkers keeps the event loop turning', () => {
  test('a reconcile that resolves at once and requeues itself at once does not starve timers and I/O', async () => {
    const q = createWorkQueue<string>();
    const BOUND = 200_000; // so a regression ends (late) instead of hanging the suite
    let reconciles = 0;
    const done = runWorkers(q, () => {
      reconciles++;
      return Promise.resolve(reconciles < BOUND ? { requeueAfterMs: 0 } : undefined);
    });
    q.add('spin');
    // Only a macrotask sees this timer fire: without yields it would wait for all BOUND reconciles.
    const seenAt = await new Promise<number>((resolve) => setTimeout(() => resolve(reconciles), 1));
    q.shutdown();
    await done;
    assert.ok(seenAt > 0 && seenAt < BOUND, `a timer ran while the key spun (after ${seenAt} reconciles)`);
  });

  test('requeueRateLimited goes through the backoff after the success forgot the key (5 ms, not 0)', async () => {
    const clock = new FakeClock();
    const q = createWorkQueue<string>({ clock });
    let reconciles = 0;
    const done = runWorkers(q, () => {
      reconciles++;
      return Promise.resolve({ requeueRateLimited: true });
    });
    q.add('stuck');
    await waitFor(() => reconciles === 1, 'first reconcile');
    assert.equal(q.len(), 0, 'not queued again at once');
    clock.advance(5);
    await waitFor(() => reconciles === 2, 'again after the base delay');
    q.shutdown();
    await done;
  });
});
