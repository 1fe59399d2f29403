/**
 * The runtime's terminals and pid 1's stdin: `kubectl exec -it` through a tty, `kubectl attach` to a
 * `stdin`/`tty` container (stdinOnce), and a container without `stdin` reading end of file.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TestContext } from 'node:test';
import { busyboxImage } from '../busybox/index.ts';
import { createImageRegistry } from '../registry.ts';
import { createInProcessRuntime } from './in-process.ts';
import type { RuntimeContainerSpec } from './in-process.ts';

let lastIP = Math.floor(Math.random() * 200) + 10;

async function until(cond: () => boolean, what: () => string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) assert.fail(`timed out; saw ${JSON.stringify(what())}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A queue a test pushes keystrokes into: what a client's stdin channel delivers. */
function keyboard() {
  const chunks: Buffer[] = [];
  let done = false;
  let wake: (() => void) | undefined;
  return {
    type(s: string) {
      chunks.push(Buffer.from(s));
      wake?.();
    },
    close() {
      done = true;
      wake?.();
    },
    iterable: {
      async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
        for (;;) {
          const next = chunks.shift();
          if (next) yield next;
          else if (done) return;
          else await new Promise<void>((r) => (wake = r));
        }
      },
    },
  };
}

async function startBusybox(t: TestContext, spec: Partial<RuntimeContainerSpec>) {
  const runtime = createInProcessRuntime({ registry: createImageRegistry([busyboxImage()]) });
  t.after(() => runtime.close());
  let log = '';
  const c = await runtime.startContainer(
    {
      id: 'c1',
      pod: { namespace: 'default', name: 'bb', uid: 'u' },
      name: 'bb',
      image: 'busybox',
      env: [],
      hostname: 'bb',
      podIP: `127.83.${lastIP++ % 250}.2`,
      mounts: [],
      ...spec,
    },
    { stdout: (b) => (log += b.toString()), stderr: (b) => (log += b.toString()) },
  );
  return { c, log: () => log };
}

describe('exec with a tty', () => {
  test('kubectl exec -it -- sh: prompt, echo, CR NL output, exit code', async (t) => {
    const { c } = await startBusybox(t, { command: ['sleep', '3600'] });
    const keys = keyboard();
    let screen = '';
    const abort = new AbortController();
    t.after(() => abort.abort());
    const code = c.exec(['sh'], {
      stdin: keys.iterable,
      tty: true,
      signal: abort.signal,
      stdout: (b) => (screen += b.toString()),
      stderr: (b) => (screen += `[stderr]${b.toString()}`),
    });
    await until(
      () => screen === '/ # ',
      () => screen,
    );
    keys.type('echo $((6*7)); ls /nope\r');
    await until(
      () => screen.endsWith('\r\n/ # '),
      () => screen,
    );
    assert.equal(
      screen,
      '/ # echo $((6*7)); ls /nope\r\n42\r\nls: /nope: No such file or directory\r\n/ # ',
      'stderr comes on the one terminal output',
    );
    keys.type('exit 7\r');
    assert.equal(await code, 7);
  });
});

describe('attach to pid 1', () => {
  test('stdin + tty + stdinOnce (kubectl run -it): the shell waits for the client, then EOF ends it', async (t) => {
    const { c, log } = await startBusybox(t, { stdin: true, stdinOnce: true, tty: true });
    // Before anyone attaches, the shell has prompted (into the log) and waits.
    await until(
      () => log() === '/ # ',
      () => log(),
    );
    const keys = keyboard();
    let screen = '';
    const abort = new AbortController();
    const attached = c.attach({
      stdin: keys.iterable,
      tty: true,
      signal: abort.signal,
      stdout: (b) => (screen += b.toString()),
      stderr: (b) => (screen += b.toString()),
    });
    keys.type('echo attached\r');
    await until(
      () => screen.endsWith('attached\r\n/ # '),
      () => screen,
    );
    assert.equal(screen, 'echo attached\r\nattached\r\n/ # ');
    keys.close();
    const exit = await c.exited;
    assert.equal(exit.exitCode, 0, 'the shell read end of file once the only client closed stdin');
    await attached;
    assert.match(log(), /attached\r\n/, 'the log has what the client saw');
  });

  test('stdin without stdinOnce stays open for the next client; output is plain without tty', async (t) => {
    const { c } = await startBusybox(t, { stdin: true, command: ['sh'] });
    const first = keyboard();
    let out1 = '';
    const a1 = new AbortController();
    const attach1 = c.attach({
      stdin: first.iterable,
      tty: false,
      signal: a1.signal,
      stdout: (b) => (out1 += b.toString()),
      stderr: (b) => (out1 += b.toString()),
    });
    first.type('echo one\n');
    await until(
      () => out1 === 'one\n',
      () => out1,
    );
    first.close();
    a1.abort();
    await attach1;
    const second = keyboard();
    let out2 = '';
    void c.attach({
      stdin: second.iterable,
      tty: false,
      signal: new AbortController().signal,
      stdout: (b) => (out2 += b.toString()),
      stderr: (b) => (out2 += b.toString()),
    });
    second.type('echo two; exit 5\n');
    assert.equal((await c.exited).exitCode, 5);
    assert.equal(out2, 'two\n');
  });

  test('without stdin, pid 1 reads end of file: busybox sh exits 0 at once', async (t) => {
    const { c } = await startBusybox(t, {});
    assert.equal((await c.exited).exitCode, 0);
  });
});
