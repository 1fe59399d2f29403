/**
 * A busy container must not freeze kubelab: while a shell loop or a long applet runs, timers keep
 * firing (so the API server, other pods and the kubelet's SIGKILL still run) and a kill ends it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TestContext } from 'node:test';
import { sh, tempDir, testContainer, watchdog } from '../test-helpers.ts';
import type { TestContainer } from '../test-helpers.ts';

/** Resolves once a 1 ms interval has fired `n` times: the event loop runs beside the container. */
async function ticks(n: number, deadlineMs = 10_000): Promise<void> {
  const start = Date.now();
  let count = 0;
  const timer = setInterval(() => count++, 1);
  try {
    while (count < n) {
      assert.ok(Date.now() - start < deadlineMs, `only ${count} ticks in ${deadlineMs} ms`);
      await new Promise((r) => setTimeout(r, 1));
    }
  } finally {
    clearInterval(timer);
  }
}

/** Starts `sh -c script` as pid 1 of a fresh container; `exited` is its exit code. */
async function busy(t: TestContext, script: string): Promise<{ c: TestContainer; exited: Promise<number> }> {
  const c = testContainer({ mounts: [{ mountPath: '/tmp', hostPath: await tempDir(t) }] });
  const exited = c.image.run(c.ctx, ['sh', '-c', script]);
  return { c, exited };
}

const BUSY = [
  { desc: 'an empty shell loop', script: 'while true; do :; done' },
  { desc: 'until with a builtin test', script: 'i=0; until false; do i=$((i+1)); done' },
  { desc: 'seq with a huge count', script: 'seq 1 1000000000 > /dev/null' },
  { desc: 'echo in a loop to /dev/null', script: 'while :; do echo x; done > /dev/null' },
  { desc: 'echo appending to a file in a loop', script: 'while :; do echo x >> /tmp/f; done' },
  {
    desc: 'a for loop calling a function',
    script: 'f() { :; }; while :; do for i in 1 2 3; do f; done; done',
  },
  { desc: 'a pipeline in a loop', script: 'while :; do echo x | cat; done > /dev/null' },
];

describe('a busy container leaves the event loop running', () => {
  for (const row of BUSY) {
    test(`${row.desc}: timers fire meanwhile, SIGKILL ends it with 137`, async (t) => {
      watchdog(t);
      const { c, exited } = await busy(t, row.script);
      await ticks(5);
      c.abort.abort('SIGKILL');
      assert.equal(await exited, 137);
    });
  }

  test('a busy loop as pid 1 ignores SIGTERM and keeps running until SIGKILL', async (t) => {
    watchdog(t);
    const { c, exited } = await busy(t, 'while true; do :; done');
    await ticks(5);
    c.ctx.processes.kill(1, 'SIGTERM');
    await ticks(5);
    assert.deepEqual(
      c.ctx.processes.list().map((p) => p.pid),
      [1],
      'still running',
    );
    c.abort.abort('SIGKILL');
    assert.equal(await exited, 137);
  });

  test("an exec'd busy loop ends with 143 when its own signal aborts (its client went away)", async (t) => {
    watchdog(t);
    const c = testContainer();
    const client = new AbortController();
    const exited = c.image.run({ ...c.ctx, signal: client.signal }, ['sh', '-c', 'while :; do :; done']);
    await ticks(5);
    client.abort();
    assert.equal(await exited, 143);
  });

  test('two busy containers both run, and timers still fire', async (t) => {
    watchdog(t);
    const a = await busy(t, 'while :; do echo a >> /tmp/a; done');
    const b = await busy(t, 'while :; do :; done');
    await ticks(5);
    a.c.abort.abort('SIGKILL');
    b.c.abort.abort('SIGKILL');
    assert.deepEqual(await Promise.all([a.exited, b.exited]), [137, 137]);
  });
});

describe('function recursion', () => {
  const rows = [
    {
      desc: 'endless recursion stops at the nesting limit (kubelab message; ash overflows its stack)',
      script: 'f() { f; }; f; echo not reached',
      stderr: 'sh: f: maximum function nesting level exceeded (1000)\n',
      code: 2,
    },
    {
      desc: 'recursion through a subshell is bounded too',
      script: 'f() { (f); }; f',
      stderr: 'sh: f: maximum function nesting level exceeded (1000)\n',
      code: 2,
    },
    {
      desc: 'recursion within the limit works',
      script: 'f() { if [ $1 -lt 900 ]; then f $(($1 + 1)); else echo depth $1; fi; }; f 1',
      stdout: 'depth 900\n',
      code: 0,
    },
  ];
  for (const row of rows) {
    test(row.desc, async (t) => {
      watchdog(t);
      const r = await sh(row.script);
      assert.equal(r.stderr, row.stderr ?? '');
      assert.equal(r.stdout, row.stdout ?? '');
      assert.equal(r.code, row.code);
    });
  }
});

describe('an endless writer into head ends when head has read enough (SIGPIPE)', () => {
  const rows = [
    { desc: 'seq 1 1000000000 | head -3', script: 'seq 1 1000000000 | head -3', stdout: '1\n2\n3\n' },
    {
      desc: 'a shell loop of echo ends when its reader is gone (echo is an ash builtin: the subshell dies)',
      script: 'while :; do echo x; done | head -n 1; echo "status $?"',
      stdout: 'x\nstatus 0\n',
    },
    {
      desc: 'head -c from an endless pipe',
      script: 'while :; do echo abc; done | head -c 5',
      stdout: 'abc\na',
    },
  ];
  for (const row of rows) {
    test(row.desc, async (t) => {
      watchdog(t);
      assert.deepEqual(await sh(row.script), { code: 0, stdout: row.stdout, stderr: '' });
    });
  }
});

test('cat passes an endless pipe through as it comes (no buffering) until it is killed', async (t) => {
  watchdog(t);
  const c = testContainer();
  const exited = c.image.run(c.ctx, ['sh', '-c', 'while :; do echo x; done | cat']);
  // Output arrives while the writer still runs: cat does not wait for the end of its input.
  for (const start = Date.now(); c.stdout.text.length < 1000; await new Promise((r) => setTimeout(r, 1))) {
    assert.ok(Date.now() - start < 10_000, 'no output from cat');
  }
  c.abort.abort('SIGKILL');
  assert.equal(await exited, 137);
});
