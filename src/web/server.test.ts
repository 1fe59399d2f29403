/** startWebServer over real sockets: status codes, content types, containment, access log, close. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { Agent, get } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebServer } from './index.ts';
import type { AccessLogEntry, WebServer } from './index.ts';
import { parseResponse, rawRequest, readAll, waitFor, waitForRefused } from './test-helpers.ts';

interface Fixture {
  server: WebServer;
  root: string;
  secret: string;
  big: Buffer;
  logs: AccessLogEntry[];
}

async function fixture(t: { after(fn: () => Promise<void>): void }): Promise<Fixture> {
  const base = await mkdtemp(join(tmpdir(), 'kubelab-web-srv-'));
  t.after(() => rm(base, { recursive: true, force: true }));
  const root = join(base, 'root');
  const secret = `TOP-SECRET-${randomUUID()}`;
  const big = randomBytes(24 * 1024 * 1024);
  await mkdir(join(root, 'sub'), { recursive: true });
  await writeFile(join(base, 'secret.txt'), secret);
  await writeFile(join(root, 'index.html'), '<html>hello from the index</html>\n');
  await writeFile(join(root, 'info.json'), '{"hostname":"web-1"}\n');
  await writeFile(join(root, 'blob.xyz'), 'opaque');
  await writeFile(join(root, 'big.bin'), big);
  await writeFile(join(root, 'sub', 'index.html'), 'sub index');
  await symlink('../secret.txt', join(root, 'link-out.txt'));
  await symlink(base, join(root, 'dir-out'));
  await symlink('/etc/passwd', join(root, 'passwd'));
  await symlink('index.html', join(root, 'link-in.html'));
  const logs: AccessLogEntry[] = [];
  const server = await startWebServer({ root, port: 0, host: '127.0.0.1', log: (e) => logs.push(e) });
  t.after(() => server.close({ graceMs: 0 }));
  return { server, root, secret, big, logs };
}

test('serves files with the right status, content type and access log', async (t) => {
  const f = await fixture(t);
  const rows = [
    {
      desc: '/ is index.html',
      target: '/',
      status: 200,
      type: 'text/html; charset=utf-8',
      body: 'hello from the index',
    },
    {
      desc: 'index.html',
      target: '/index.html',
      status: 200,
      type: 'text/html; charset=utf-8',
      body: 'hello',
    },
    {
      desc: 'json',
      target: '/info.json',
      status: 200,
      type: 'application/json; charset=utf-8',
      body: 'web-1',
    },
    {
      desc: 'unknown extension',
      target: '/blob.xyz',
      status: 200,
      type: 'application/octet-stream',
      body: 'opaque',
    },
    {
      desc: 'symlink inside the root',
      target: '/link-in.html',
      status: 200,
      type: 'text/html; charset=utf-8',
      body: 'hello',
    },
    {
      desc: 'directory index',
      target: '/sub/',
      status: 200,
      type: 'text/html; charset=utf-8',
      body: 'sub index',
    },
    {
      desc: 'missing file',
      target: '/nope.html',
      status: 404,
      type: 'text/plain; charset=utf-8',
      body: '404 Not Found',
    },
    {
      desc: 'missing directory',
      target: '/nope/x.html',
      status: 404,
      type: 'text/plain; charset=utf-8',
      body: '404',
    },
  ];
  for (const row of rows) {
    const res = await rawRequest(f.server.port, row.target);
    assert.equal(res.status, row.status, row.desc);
    assert.equal(res.headers['content-type'], row.type, row.desc);
    assert.ok(res.body.toString().includes(row.body), row.desc);
    assert.equal(Number(res.headers['content-length']), res.body.length, row.desc);
  }
  const redirect = await rawRequest(f.server.port, '/sub');
  assert.equal(redirect.status, 301);
  assert.equal(redirect.headers.location, '/sub/');

  await waitFor(() => f.logs.length === rows.length + 1, 'one access-log line per request');
  const entry = f.logs.find((e) => e.path === '/info.json');
  assert.ok(entry);
  assert.deepEqual(
    { method: entry.method, status: entry.status, bytes: entry.bytes, remote: entry.remote },
    { method: 'GET', status: 200, bytes: 21, remote: '127.0.0.1' },
  );
  assert.ok(!Number.isNaN(Date.parse(entry.time)) && entry.ms >= 0);
});

test('HEAD sends the headers of GET and no body; other methods get 405 with Allow', async (t) => {
  const f = await fixture(t);
  const head = await rawRequest(f.server.port, '/index.html', 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.headers['content-type'], 'text/html; charset=utf-8');
  assert.equal(head.headers['content-length'], '34');
  assert.equal(head.body.length, 0);
  for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
    const res = await rawRequest(f.server.port, '/index.html', method);
    assert.equal(res.status, 405, method);
    assert.equal(res.headers.allow, 'GET, HEAD', method);
  }
});

test('no request target returns a byte from outside the root', async (t) => {
  const f = await fixture(t);
  const rows = [
    { desc: 'dot-dot (curl --path-as-is)', target: '/../../etc/passwd' },
    { desc: 'dot-dot to the sibling secret', target: '/../secret.txt' },
    { desc: 'encoded dots', target: '/%2e%2e/%2e%2e/etc/passwd' },
    { desc: 'encoded dots to the secret', target: '/%2e%2e/secret.txt' },
    { desc: 'half-encoded dots', target: '/.%2e/secret.txt' },
    { desc: 'encoded slashes', target: '/..%2f..%2fetc/passwd' },
    { desc: 'encoded slash to the secret', target: '/..%2fsecret.txt' },
    { desc: 'encoded backslashes', target: '/..%5c..%5cetc%5cpasswd' },
    { desc: 'backslash to the secret', target: '/..%5csecret.txt' },
    { desc: 'encoded NUL', target: '/secret.txt%00.html' },
    { desc: 'double-encoded dots', target: '/%252e%252e/secret.txt' },
    { desc: 'absolute path', target: '/etc/passwd' },
    { desc: 'double slash', target: '//etc/passwd' },
    { desc: 'absolute-form climbing', target: 'http://localhost/../secret.txt' },
    { desc: 'symlink to a file outside', target: '/link-out.txt' },
    { desc: 'symlink to an absolute path outside', target: '/passwd' },
    { desc: 'symlinked directory outside', target: '/dir-out/secret.txt' },
    { desc: 'symlinked directory outside, encoded', target: '/dir-out%2fsecret.txt' },
    { desc: 'climb after a symlinked directory', target: '/dir-out/../../secret.txt' },
  ];
  for (const row of rows) {
    const res = await rawRequest(f.server.port, row.target);
    const body = res.body.toString('latin1');
    assert.ok([400, 403, 404].includes(res.status), `${row.desc}: status ${res.status}`);
    assert.ok(!body.includes(f.secret), `${row.desc}: leaked the secret`);
    assert.ok(!body.includes('root:'), `${row.desc}: leaked /etc/passwd`);
  }
  // A raw NUL or space in the request line never reaches the file system: the parser rejects it.
  const socket = connect(f.server.port, '127.0.0.1');
  socket.write('GET /\0../secret.txt HTTP/1.1\r\nHost: x\r\n\r\n');
  const res = parseResponse(await readAll(socket));
  assert.equal(res.status, 400);
});

test('close lets a slow download finish byte-complete and refuses new connections', async (t) => {
  const f = await fixture(t);
  const socket = connect(f.server.port, '127.0.0.1');
  const chunks: Buffer[] = [];
  let first!: () => void;
  const gotFirst = new Promise<void>((r) => (first = r));
  socket.on('data', (c: Buffer) => {
    // A slow reader: stop after the first chunk so the rest backs up in the server.
    if (chunks.push(c) === 1) socket.pause();
    first();
  });
  const ended = new Promise<void>((r) => socket.on('end', r));
  socket.write('GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n');
  await gotFirst;

  // Loopback socket buffers hold a few MB at most: the server is still sending.
  assert.ok(!f.logs.some((e) => e.path === '/big.bin'), 'download is still in flight');
  let closed = false;
  const closing = f.server.close().then(() => (closed = true));
  await waitForRefused(f.server.port);
  assert.equal(closed, false, 'close must wait for the download in flight');

  socket.resume();
  await ended;
  await closing;
  const res = parseResponse(Buffer.concat(chunks));
  assert.equal(res.status, 200);
  assert.equal(res.body.length, f.big.length);
  assert.ok(res.body.equals(f.big), 'download is byte-complete');
  await waitFor(() => f.logs.some((e) => e.path === '/big.bin'), 'access log of the download');
  const entry = f.logs.find((e) => e.path === '/big.bin');
  assert.equal(entry?.bytes, f.big.length);
  assert.equal(entry?.error, undefined);
});

test('close closes idle keep-alive connections and resolves', async (t) => {
  const f = await fixture(t);
  const agent = new Agent({ keepAlive: true });
  t.after(() => agent.destroy());
  const body = await new Promise<string>((resolve, reject) => {
    get(`${f.server.url}index.html`, { agent }, (res) => {
      let s = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (s += c));
      res.on('end', () => resolve(s));
    }).on('error', reject);
  });
  assert.match(body, /hello/);
  const idle = Object.values(agent.freeSockets).flat();
  assert.equal(idle.length, 1, 'the client keeps one idle connection');
  const socketClosed = new Promise<void>((r) => idle[0]?.once('close', () => r()));
  await f.server.close();
  await socketClosed;
});

test('close with graceMs cuts a download that does not finish in time', async (t) => {
  const f = await fixture(t);
  const socket = connect(f.server.port, '127.0.0.1');
  let received = 0;
  socket.on('data', (c: Buffer) => {
    // This client stops reading after its first chunk.
    received += c.length;
    socket.pause();
  });
  socket.on('error', () => {});
  const closedSocket = new Promise<void>((r) => socket.on('close', () => r()));
  socket.write('GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n');
  await waitFor(() => received > 0, 'the first bytes');
  await f.server.close({ graceMs: 50 });
  // Read what the kernel still holds; the stream then ends short of the file.
  socket.removeAllListeners('data');
  socket.on('data', (c: Buffer) => (received += c.length));
  socket.resume();
  await closedSocket;
  assert.ok(received < f.big.length, 'the download was cut');
  await waitFor(() => f.logs.some((e) => e.path === '/big.bin'), 'access log of the cut download');
  assert.match(
    f.logs.find((e) => e.path === '/big.bin')?.error ?? '',
    /closed before the response was complete/,
  );
});
