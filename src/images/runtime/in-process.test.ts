/**
 * Stopping a container of the in-process runtime as a real node does: SIGTERM to pid 1, which only a
 * handler notices, and SIGKILL (137, Error) for everything once the grace period has passed.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { FakeClock } from '../../core/index.ts';
import { busyboxImage } from '../busybox/index.ts';
import { createWebImage } from '../kubelab-web/index.ts';
import { createImageRegistry } from '../registry.ts';
import { createInProcessRuntime } from './in-process.ts';
import type { InProcessContainer, RuntimeExit } from './in-process.ts';

const stubWeb = createWebImage({
  generatePage: () => Promise.resolve(),
  async startWebServer(opts) {
    const server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(opts.port, opts.host, resolve));
    return {
      port: (server.address() as AddressInfo).port,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  },
});

let lastIP = Math.floor(Math.random() * 200) + 10;

function start(clock: FakeClock, image: string, command?: string[]) {
  const runtime = createInProcessRuntime({
    registry: createImageRegistry([busyboxImage(), stubWeb]),
    clock,
  });
  const ip = `127.82.${lastIP++ % 250}.2`;
  let out = '';
  const started = runtime.startContainer(
    {
      id: 'c1',
      pod: { namespace: 'default', name: 'p', uid: 'u' },
      name: 'main',
      image,
      command,
      args: image === 'kubelab/web' ? ['serve', '--root', '/tmp', '--port', '0'] : undefined,
      env: [],
      hostname: 'p',
      podIP: ip,
      mounts: [],
    },
    { stdout: (c) => (out += c.toString()), stderr: (c) => (out += c.toString()) },
  );
  return { started, output: () => out, runtime };
}

/** The exit, or undefined if pid 1 is still running after a few event-loop turns. */
async function exitNow(c: InProcessContainer): Promise<RuntimeExit | undefined> {
  let exit: RuntimeExit | undefined;
  void c.exited.then((e) => (exit = e));
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
  return exit;
}

/** Waits (with a deadline) until `n` fake-clock timers are pending: the container is sleeping. */
async function timers(clock: FakeClock, n: number): Promise<void> {
  for (const start = Date.now(); clock.pendingTimers() < n; await new Promise((r) => setImmediate(r))) {
    assert.ok(Date.now() - start < 5000, `only ${clock.pendingTimers()} timers`);
  }
}

describe('in-process runtime stop(grace)', () => {
  const ignoring = [
    { desc: 'busybox sleep 3600', command: ['sleep', '3600'] },
    { desc: "sh -c 'sleep 3600' (sh runs sleep in its place)", command: ['sh', '-c', 'sleep 3600'] },
    { desc: 'a shell loop of sleeps', command: ['sh', '-c', 'while true; do sleep 1; done'] },
  ];
  for (const row of ignoring) {
    test(`${row.desc} ignores SIGTERM: 137 (Error) when the 2 s grace period ends`, async () => {
      const clock = new FakeClock();
      const c = await start(clock, 'busybox', row.command).started;
      await timers(clock, 1);
      const stopped = c.stop(2000);
      clock.advance(1999);
      assert.equal(await exitNow(c), undefined, 'still running just before the grace period ends');
      clock.advance(1);
      await stopped;
      assert.deepEqual(await c.exited, { exitCode: 137, reason: 'Error' });
    });
  }

  test("trap 'exit 0' TERM with a loop of sleep 1 exits 0 within a second of SIGTERM", async () => {
    const clock = new FakeClock();
    const s = start(clock, 'busybox', [
      'sh',
      '-c',
      "trap 'echo bye; exit 0' TERM; while true; do sleep 1; done",
    ]);
    const c = await s.started;
    await timers(clock, 1);
    const stopped = c.stop(30_000);
    clock.advance(1000);
    await stopped;
    assert.deepEqual(await c.exited, { exitCode: 0 });
    assert.equal(s.output(), 'bye\n');
  });

  test('web serve handles SIGTERM: it drains and exits 0 at once', async () => {
    const clock = new FakeClock();
    const s = start(clock, 'kubelab/web');
    const c = await s.started;
    for (const t0 = Date.now(); !s.output().includes('serving'); await new Promise((r) => setTimeout(r, 5)))
      assert.ok(Date.now() - t0 < 5000, `web serve did not start: ${s.output()}`);
    await c.stop(30_000);
    assert.deepEqual(await c.exited, { exitCode: 0 });
  });

  test('stop(0) is SIGKILL: 137 at once, even for web serve', async () => {
    const clock = new FakeClock();
    const s = start(clock, 'kubelab/web');
    const c = await s.started;
    await c.stop(0);
    assert.deepEqual(await c.exited, { exitCode: 137, reason: 'Error' });
  });

  test('a shorter second stop shortens the wait (force delete during a graceful one)', async () => {
    const clock = new FakeClock();
    const c = await start(clock, 'busybox', ['sleep', '3600']).started;
    await timers(clock, 1);
    void c.stop(30_000);
    assert.equal(await exitNow(c), undefined);
    await c.stop(0);
    assert.deepEqual(await c.exited, { exitCode: 137, reason: 'Error' });
  });

  test("exec'd processes die with the container when pid 1 exits", async () => {
    const clock = new FakeClock();
    const s = start(clock, 'busybox', ['sh', '-c', "trap 'exit 0' TERM; while true; do sleep 1; done"]);
    const c = await s.started;
    await timers(clock, 1);
    const exec = c.exec(['sleep', '3600'], {
      tty: false,
      signal: new AbortController().signal,
      stdout: () => undefined,
      stderr: () => undefined,
    });
    await timers(clock, 2);
    const stopped = c.stop(30_000);
    clock.advance(1000);
    await stopped;
    assert.deepEqual(await c.exited, { exitCode: 0 });
    assert.equal(await exec, 137);
  });
});
