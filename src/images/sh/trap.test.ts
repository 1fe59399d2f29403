/** `trap` as in busybox ash: setting, listing, EXIT, and SIGTERM to pid 1 handled after the foreground command. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FakeClock } from '../../core/index.ts';
import { sh, testContainer } from '../test-helpers.ts';
import type { TestContainer } from '../test-helpers.ts';

const rows = [
  {
    desc: 'trap lists the traps set, EXIT first, quoted as ash prints them',
    script: `trap 'echo "bye"; exit 0' TERM; trap '' INT; trap 'echo it'"'"'s over' EXIT; trap; trap - EXIT`,
    stdout: `trap -- 'echo it'"'"'s over' EXIT\ntrap -- '' INT\ntrap -- 'echo "bye"; exit 0' TERM\n`,
  },
  {
    desc: 'names with or without SIG, any case, or numbers',
    script: 'trap "echo x" sigterm 2 SIGHUP; trap',
    stdout: "trap -- 'echo x' HUP\ntrap -- 'echo x' INT\ntrap -- 'echo x' TERM\n",
  },
  {
    desc: 'trap - and a leading number reset',
    script: 'trap "echo x" TERM INT HUP; trap - TERM; trap 2; trap',
    stdout: "trap -- 'echo x' HUP\n",
  },
  {
    desc: 'an unknown condition is reported, the others are still set',
    script: 'trap "echo x" NOPE TERM; echo $?; trap',
    stdout: "1\ntrap -- 'echo x' TERM\n",
    stderr: 'sh: trap: NOPE: invalid signal specification\n',
  },
  {
    desc: 'the EXIT trap runs when the script ends; $? is the script status',
    script: 'trap \'echo "exit $?"\' EXIT; echo body; false',
    stdout: 'body\nexit 1\n',
    code: 1,
  },
  {
    desc: 'the EXIT trap runs after exit N',
    script: 'trap "echo bye" EXIT; exit 3',
    stdout: 'bye\n',
    code: 3,
  },
  { desc: 'exit in the EXIT trap sets the status', script: 'trap "exit 4" EXIT; true', code: 4 },
  {
    desc: 'a subshell runs its own EXIT trap; the parent trap is not inherited',
    script: 'trap "echo parent" EXIT; (trap "echo child" EXIT; echo in); echo $(echo sub)',
    stdout: 'in\nchild\nsub\nparent\n',
  },
  {
    desc: 'exec replaces the shell: no EXIT trap',
    script: 'trap "echo bye" EXIT; exec echo hi',
    stdout: 'hi\n',
  },
];

describe('trap', () => {
  for (const row of rows) {
    test(row.desc, async () => {
      const r = await sh(row.script);
      assert.deepEqual(r, { code: row.code ?? 0, stdout: row.stdout ?? '', stderr: row.stderr ?? '' });
    });
  }
});

/** Starts `sh -c script` as pid 1 on a fake clock and waits (with a deadline) until a sleep is pending. */
async function pid1(
  script: string,
): Promise<{ c: TestContainer; clock: FakeClock; exited: Promise<number> }> {
  const clock = new FakeClock();
  const c = testContainer({ clock });
  const exited = c.image.run(c.ctx, ['sh', '-c', script]);
  await sleeping(clock);
  return { c, clock, exited };
}

async function sleeping(clock: FakeClock): Promise<void> {
  for (const start = Date.now(); clock.pendingTimers() === 0; await new Promise((r) => setImmediate(r))) {
    assert.ok(Date.now() - start < 5000, 'sleep never started');
  }
}

/** Lets the container's pending work run (a few event-loop turns). */
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

describe('SIGTERM to a shell as pid 1', () => {
  test("trap 'exit 0' TERM in a loop of sleep 1: the trap runs when the current sleep ends, exit 0", async () => {
    const { c, clock, exited } = await pid1("trap 'echo bye; exit 0' TERM; while true; do sleep 1; done");
    c.ctx.processes.kill(1, 'SIGTERM');
    await settle();
    assert.equal(c.stdout.text, '', 'the foreground sleep is not interrupted');
    clock.advance(1000);
    assert.equal(await exited, 0);
    assert.equal(c.stdout.text, 'bye\n');
  });

  test('a trap that does not exit runs and the loop goes on', async () => {
    const { c, clock, exited } = await pid1("trap 'echo caught' TERM; while true; do sleep 1; done");
    c.ctx.processes.kill(1, 'SIGTERM');
    clock.advance(1000);
    await sleeping(clock);
    await settle();
    assert.equal(c.stdout.text, 'caught\n');
    c.abort.abort('SIGKILL');
    assert.equal(await exited, 137);
  });

  test('the EXIT trap runs after a TERM trap exits', async () => {
    const { c, clock, exited } = await pid1(
      "trap 'echo cleanup' EXIT; trap 'exit 5' TERM; while :; do sleep 1; done",
    );
    c.ctx.processes.kill(1, 'SIGTERM');
    clock.advance(1000);
    assert.equal(await exited, 5);
    assert.equal(c.stdout.text, 'cleanup\n');
  });

  const ignored = [
    { desc: 'no trap: pid 1 ignores SIGTERM', script: 'while true; do sleep 1; done' },
    { desc: "trap '' TERM ignores it", script: "trap '' TERM; while true; do sleep 1; done" },
    {
      desc: 'trap - TERM restores the default, which pid 1 ignores',
      script: "trap 'exit 0' TERM; trap - TERM; while true; do sleep 1; done",
    },
    {
      desc: 'a trap set in a subshell does not catch what is sent to pid 1',
      script: "(trap 'exit 0' TERM; while true; do sleep 1; done)",
    },
  ];
  for (const row of ignored) {
    test(`${row.desc}; SIGKILL ends it with 137 and no EXIT trap runs`, async () => {
      const { c, clock, exited } = await pid1(`trap 'echo exit-trap' EXIT; ${row.script}`);
      c.ctx.processes.kill(1, 'SIGTERM');
      clock.advance(3000);
      await sleeping(clock);
      assert.deepEqual(
        c.ctx.processes
          .list()
          .map((p) => p.pid)
          .slice(0, 1),
        [1],
        'still running',
      );
      c.abort.abort('SIGKILL');
      assert.equal(await exited, 137);
      assert.equal(c.stdout.text, '');
    });
  }

  test("an exec'd process is not pid 1: SIGTERM goes to pid 1 only, SIGKILL ends both", async () => {
    const clock = new FakeClock();
    const c = testContainer({ clock });
    const main = c.image.run(c.ctx, ['sh', '-c', "trap 'exit 0' TERM; while true; do sleep 1; done"]);
    await sleeping(clock);
    const exec = c.image.run(c.ctx, ['sleep', '3600']);
    for (const start = Date.now(); clock.pendingTimers() < 2; await new Promise((r) => setImmediate(r))) {
      assert.ok(Date.now() - start < 5000, 'the exec never started');
    }
    c.ctx.processes.kill(1, 'SIGTERM');
    clock.advance(1000);
    assert.equal(await main, 0);
    c.abort.abort('SIGKILL');
    assert.equal(await exec, 137);
  });
});
