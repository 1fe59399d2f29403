/** The shell reading its input as it arrives: interactive on a terminal (prompts, ^C, errors) and streaming from a pipe. */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import type { TestContext } from 'node:test';
import { Capture, testContainer } from '../test-helpers.ts';
import { Tty } from '../tty/tty.ts';
import { parseAvailable } from './parser.ts';

/** Polls until `cond` holds, failing after `ms` with what was seen. */
async function until(cond: () => boolean, what: () => string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) assert.fail(`timed out; saw ${JSON.stringify(what())}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** `sh` on a terminal, as `kubectl exec -it POD -- sh` runs it. */
function terminalSession(t: TestContext, argv = ['sh']) {
  let screen = '';
  const c = testContainer();
  t.after(() => c.abort.abort('SIGKILL'));
  const interrupt = new AbortController();
  const tty = new Tty(
    (b) => (screen += b.toString('utf8')),
    (sig) => interrupt.abort(sig),
  );
  const code = c.image.run(
    {
      ...c.ctx,
      stdin: tty.openReader(),
      stdout: tty.output,
      stderr: tty.output,
      signal: AbortSignal.any([c.ctx.signal, interrupt.signal]),
    },
    argv,
  );
  let mark = 0;
  return {
    code,
    screen: () => screen,
    type: (keys: string) => tty.input(Buffer.from(keys)),
    /** Waits for `text` to appear after what earlier waits consumed; returns the screen up to it. */
    async see(text: string): Promise<string> {
      await until(
        () => screen.indexOf(text, mark) >= 0,
        () => screen.slice(mark),
      );
      const end = screen.indexOf(text, mark) + text.length;
      const seen = screen.slice(mark, end);
      mark = end;
      return seen;
    },
    hangup: () => tty.hangup(),
  };
}

describe('interactive sh on a terminal', () => {
  test('prompt, echo of the command, its output, the next prompt; exit ends with its code', async (t) => {
    const s = terminalSession(t);
    assert.equal(await s.see('/ # '), '/ # ');
    s.type('echo hi\r');
    assert.equal(await s.see('/ # '), 'echo hi\r\nhi\r\n/ # ');
    s.type('cd /tmp\r');
    assert.equal(await s.see('/tmp # '), 'cd /tmp\r\n/tmp # ');
    s.type('exit 3\r');
    assert.equal(await s.code, 3);
  });

  test('an incomplete command prompts PS2 and runs once complete', async (t) => {
    const s = terminalSession(t);
    await s.see('/ # ');
    s.type('for i in 1 2\r');
    assert.equal(await s.see('> '), 'for i in 1 2\r\n> ');
    s.type('do echo n$i\r');
    await s.see('> ');
    s.type('done\r');
    assert.equal(await s.see('/ # '), 'done\r\nn1\r\nn2\r\n/ # ');
    s.type("echo 'a\r");
    await s.see('> ');
    s.type("b'\r");
    assert.equal(await s.see('/ # '), "b'\r\na\r\nb\r\n/ # ");
  });

  test('errors end only the command; a syntax error too', async (t) => {
    const s = terminalSession(t);
    await s.see('/ # ');
    s.type('echo ${nope?}; echo not-run\r');
    assert.match(await s.see('/ # '), /sh: nope: parameter not set\r\n\/ # $/);
    s.type('echo $?\r');
    assert.equal(await s.see('/ # '), 'echo $?\r\n2\r\n/ # ');
    s.type('fi\r');
    assert.match(await s.see('/ # '), /syntax error: unexpected "fi"\r\n\/ # $/);
    s.type('echo still here\r');
    assert.match(await s.see('/ # '), /still here/);
  });

  test('^C abandons the line being typed; $? is 130', async (t) => {
    const s = terminalSession(t);
    await s.see('/ # ');
    s.type('echo abc\x03');
    assert.equal(await s.see('/ # '), 'echo abc^C\r\n/ # ');
    s.type('echo $?\r');
    assert.equal(await s.see('/ # '), 'echo $?\r\n130\r\n/ # ');
  });

  test('^C interrupts the foreground command and the rest of its line', async (t) => {
    const s = terminalSession(t);
    await s.see('/ # ');
    s.type('sleep 100; echo after\r');
    await s.see('sleep 100; echo after\r\n');
    const started = Date.now();
    s.type('\x03');
    assert.equal(await s.see('/ # '), '^C\r\n/ # ');
    assert.ok(Date.now() - started < 2000);
    s.type('echo $?\r');
    assert.equal(await s.see('/ # '), 'echo $?\r\n130\r\n/ # ');
  });

  test('cat reads the terminal until ^D, then the shell prompts again', async (t) => {
    const s = terminalSession(t);
    await s.see('/ # ');
    s.type('cat\r');
    await s.see('cat\r\n');
    s.type('line one\r');
    assert.equal(await s.see('line one\r\n'), 'line one\r\n');
    assert.equal(await s.see('line one\r\n'), 'line one\r\n');
    s.type('\x04');
    assert.equal(await s.see('/ # '), '/ # ');
  });

  test('^D at the prompt ends the shell with the last status', async (t) => {
    const s = terminalSession(t);
    await s.see('/ # ');
    s.type('false\r');
    await s.see('/ # ');
    s.type('\x04');
    assert.equal(await s.code, 1);
  });

  test('read on the terminal; ^D mid-line sends the text so far without a new prompt', async (t) => {
    const s = terminalSession(t);
    await s.see('/ # ');
    s.type('read x; echo "got $x"\r');
    await s.see('read x; echo "got $x"\r\n');
    s.type('typed\r');
    assert.equal(await s.see('/ # '), 'typed\r\ngot typed\r\n/ # ');
    s.type('echo a\x04');
    await s.see('echo a');
    s.type('b\r');
    assert.equal(await s.see('/ # '), 'b\r\nab\r\n/ # ');
  });

  test('the EXIT trap runs when the session ends, also after an interrupted command', async (t) => {
    const s = terminalSession(t);
    await s.see('/ # ');
    s.type("trap 'echo bye' EXIT\r");
    await s.see('/ # ');
    s.type('sleep 100\r');
    await s.see('sleep 100\r\n');
    s.type('\x03');
    await s.see('/ # ');
    s.type('\x04');
    assert.equal(await s.see('bye\r\n'), '\r\nbye\r\n');
    assert.equal(await s.code, 130);
  });

  test('set -e ends even an interactive shell', async (t) => {
    const s = terminalSession(t);
    await s.see('/ # ');
    s.type('set -e\r');
    await s.see('/ # ');
    s.type('false\r');
    assert.equal(await s.code, 1);
  });

  test('a program on the terminal without a shell dies of ^C (130)', async (t) => {
    const s = terminalSession(t, ['cat']);
    s.type('x\r');
    await s.see('x\r\nx\r\n');
    s.type('\x03');
    assert.equal(await s.code, 130);
  });
});

describe('sh reading a pipe', () => {
  test('runs each command as its line arrives, before stdin ends', async (t) => {
    const stdin = new PassThrough();
    const c = testContainer({ stdin });
    t.after(() => c.abort.abort('SIGKILL'));
    const code = c.image.run(c.ctx, ['sh']);
    stdin.write('echo one\nif true\n');
    await until(
      () => c.stdout.text === 'one\n',
      () => c.stdout.text,
    );
    stdin.write('then echo two; fi\nexit 4\n');
    assert.equal(await code, 4);
    assert.equal(c.stdout.text, 'one\ntwo\n');
  });

  test('a syntax error ends a script read from a pipe after the commands before it ran', async () => {
    const c = testContainer({ stdinText: 'echo before\nfi\necho after\n' });
    assert.equal(await c.image.run(c.ctx, ['sh']), 2);
    assert.equal(c.stdout.text, 'before\n');
    assert.equal(c.stderr.text, 'sh: syntax error: unexpected "fi"\n');
  });

  test('sh -i prompts on stdout even without a terminal', async () => {
    const out = new Capture();
    const c = testContainer({ stdinText: 'echo hi\n', stdout: out });
    assert.equal(await c.image.run(c.ctx, ['sh', '-i']), 0);
    assert.equal(out.text, '/ # hi\n/ # ');
  });
});

describe('what a shell reading its input can run now (parseAvailable)', () => {
  const rows = [
    { desc: 'complete lines run', src: 'echo a; echo b\necho c\n', run: 3, rest: '' },
    {
      desc: 'an open if waits; the line before it runs',
      src: 'echo a\nif true\n',
      run: 1,
      rest: 'if true\n',
    },
    { desc: 'an open here-document waits', src: 'cat <<EOF\nbody\n', run: 0, rest: 'cat <<EOF\nbody\n' },
    { desc: 'a closed here-document runs', src: 'cat <<EOF\nbody\nEOF\n', run: 1, rest: '' },
    { desc: 'an open quote waits', src: "echo 'a\n", run: 0, rest: "echo 'a\n" },
    { desc: 'a trailing && waits', src: 'true &&\n', run: 0, rest: 'true &&\n' },
    {
      desc: 'the commands before a syntax error run first',
      src: 'echo a\nfi\necho b\n',
      run: 1,
      rest: 'fi\necho b\n',
    },
    {
      desc: 'a syntax error first is reported',
      src: 'fi\necho b\n',
      run: 0,
      rest: '',
      error: 'syntax error: unexpected "fi"',
    },
  ];
  for (const row of rows) {
    test(row.desc, () => {
      const got = parseAvailable(row.src, false);
      assert.equal(got.list?.items.length ?? 0, row.run);
      assert.equal(got.rest, row.rest);
      assert.equal(got.error?.message, row.error);
    });
  }
  test('at the end of the input an open construct is an error', () => {
    assert.equal(
      parseAvailable('if true\n', true).error?.message,
      'syntax error: unexpected end of file (expecting "then")',
    );
  });
});
