/** Test helpers: a container context with captured output, and running a command in it. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import type { TestContext } from 'node:test';
import { Worker } from 'node:worker_threads';
import { busyboxImage } from './busybox/index.ts';
import { createContainerContext } from './context.ts';
import type { ContainerContextInput } from './context.ts';
import type { ContainerContext, ImageImplementation } from './types.ts';

export class Capture extends Writable {
  chunks: Buffer[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.chunks.push(chunk);
    done();
  }
  get text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

export interface TestContainer {
  ctx: ContainerContext;
  stdout: Capture;
  stderr: Capture;
  abort: AbortController;
  image: ImageImplementation;
}

export function testContainer(
  opts: Partial<ContainerContextInput> & { stdinText?: string } = {},
): TestContainer {
  const stdout = new Capture();
  const stderr = new Capture();
  const abort = new AbortController();
  const image = opts.image ?? busyboxImage().implementation;
  const ctx = createContainerContext({
    hostname: 'web',
    podIP: '127.244.0.7',
    env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOSTNAME: 'web' },
    stdout,
    stderr,
    signal: abort.signal,
    ...opts,
    image,
    stdin: opts.stdinText === undefined ? opts.stdin : Readable.from([Buffer.from(opts.stdinText)]),
  });
  return { ctx, stdout, stderr, abort, image };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs argv as a process of a fresh (or given) test container. */
export async function run(
  argv: string[],
  opts: Parameters<typeof testContainer>[0] & { container?: TestContainer } = {},
): Promise<RunResult> {
  const c = opts.container ?? testContainer(opts);
  const code = await c.image.run(c.ctx, argv);
  return { code, stdout: c.stdout.text, stderr: c.stderr.text };
}

/** `sh -c SCRIPT` in a fresh test container. */
export function sh(script: string, opts: Parameters<typeof run>[1] = {}): Promise<RunResult> {
  return run(['sh', '-c', script], opts);
}

/** A temporary host directory removed after the test. */
export async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kubelab-images-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A starved event loop cannot fail a test (no timer or deadline check runs again), so a worker
 * thread — its own event loop — kills the process after `ms`: a regression that freezes kubelab
 * fails the test file instead of hanging it.
 */
export function watchdog(t: TestContext, ms = 30_000): void {
  const code = `setTimeout(() => { require('node:fs').writeSync(2, 'watchdog: event loop starved for ${ms} ms\\n'); process.kill(process.pid, 'SIGKILL'); }, ${ms});`;
  const w = new Worker(code, { eval: true });
  w.unref();
  t.after(() => w.terminate());
}
