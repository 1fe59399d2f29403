/** The real CLI as a child process: `kubelab web generate`, `kubelab web serve`, SIGTERM mid-download. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseResponse, waitFor, waitForRefused } from './test-helpers.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const kubelab = join(repo, 'bin', 'kubelab');

function run(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [kubelab, ...args], {
    cwd: repo,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

test('kubelab web generate, serve, and SIGTERM during a slow download', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kubelab-web-cli-'));
  t.after(() => rm(dir, { recursive: true, force: true }));

  const gen = run(['web', 'generate', '--out', dir], {
    HOSTNAME: 'web-5948c498d7-h7pv2',
    POD_IP: '127.244.0.5',
    POD_NAMESPACE: 'default',
    NODE_NAME: 'kubelab',
  });
  assert.equal(await exitOf(gen), 0);
  const info = JSON.parse(await readFile(join(dir, 'info.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(info.hostname, 'web-5948c498d7-h7pv2');
  assert.equal(info.podIP, '127.244.0.5');
  const big = randomBytes(24 * 1024 * 1024);
  await writeFile(join(dir, 'big.bin'), big);

  const serve = run(['web', 'serve', '--root', dir, '--port', '0', '--host', '127.0.0.1']);
  t.after(() => void serve.kill('SIGKILL'));
  let stderr = '';
  serve.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const lines: Record<string, unknown>[] = [];
  createInterface({ input: serve.stdout! }).on('line', (l) =>
    lines.push(JSON.parse(l) as Record<string, unknown>),
  );
  await waitFor(() => lines.length > 0, `the listening line (stderr: ${stderr})`, 20_000);
  const listening = lines[0];
  assert.equal(listening?.event, 'listening');
  const port = Number(listening?.port);
  assert.ok(port > 0);

  const page = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
    get(`http://127.0.0.1:${port}/index.html`, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    }).on('error', reject);
  });
  assert.equal(page.status, 200);
  assert.ok(page.body.includes("export HOSTNAME='web-5948c498d7-h7pv2'"));
  assert.ok(page.body.includes('IP <b>127.244.0.5</b>'));

  // A slow download: read one chunk, then stop reading while the server is told to terminate.
  const socket = connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  socket.on('data', (c: Buffer) => {
    if (chunks.push(c) === 1) socket.pause();
  });
  const ended = new Promise<void>((r) => socket.on('end', r));
  socket.write('GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n');
  await waitFor(() => chunks.length > 0, 'the first bytes of the download');

  serve.kill('SIGTERM');
  await waitFor(() => lines.some((l) => l.event === 'shutdown'), 'the shutdown line');
  await waitForRefused(port);
  assert.equal(serve.exitCode, null, 'the server waits for the download');
  socket.resume();
  await ended;
  assert.equal(await exitOf(serve), 0);

  const res = parseResponse(Buffer.concat(chunks));
  assert.equal(res.status, 200);
  assert.ok(res.body.equals(big), 'download is byte-complete');
  const access = lines.filter((l) => l.event === 'access').map((l) => [l.path, l.status, l.bytes]);
  assert.deepEqual(access, [
    ['/index.html', 200, page.body.length],
    ['/big.bin', 200, big.length],
  ]);
  assert.equal(lines.at(-1)?.event, 'stopped');
});

test('kubelab web serve: a port in use is one line saying what to do, exit 1', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kubelab-web-cli-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const { createServer } = await import('node:net');
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => blocker.close(() => r())));
  const port = (blocker.address() as { port: number }).port;

  const serve = run(['web', 'serve', '--root', dir, '--port', String(port), '--host', '127.0.0.1']);
  let stderr = '';
  serve.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  assert.equal(await exitOf(serve), 1);
  assert.equal(
    stderr.trim(),
    `kubelab: 127.0.0.1:${port} is already in use: stop the other server or pick another --port (0 picks a free one)`,
  );

  const missing = run(['web', 'serve', '--root', join(dir, 'nope'), '--port', '0']);
  let err2 = '';
  missing.stderr?.on('data', (c: Buffer) => (err2 += c.toString()));
  assert.equal(await exitOf(missing), 1);
  assert.match(err2, /does not exist: run `kubelab web generate --out .*nope` first/);
});
