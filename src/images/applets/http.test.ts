/** wget and curl: real HTTP on loopback works; anything else fails the way an offline busybox does. */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { TestContext } from 'node:test';
import { createContainerNetwork } from '../net.ts';
import { run, sh, tempDir } from '../test-helpers.ts';

const PAGE = '<html>web-pod</html>\n';

/** A real HTTP server on 127.0.0.1, port 0, closed after the test. */
async function startServer(t: TestContext): Promise<number> {
  const server = createServer((req, res) => {
    if (req.url === '/index.html')
      res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Length': PAGE.length }).end(PAGE);
    else if (req.url === '/redirect') res.writeHead(302, { Location: '/index.html' }).end();
    else if (req.url === '/ua') res.end(`${req.headers['user-agent']}\n`);
    else if (req.url === '/ip') res.end(`${req.socket.remoteAddress}\n`);
    else res.writeHead(404).end('nope\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => server.close(resolve)));
  return (server.address() as AddressInfo).port;
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('offline: names that do not resolve and addresses off loopback', () => {
  const rows = [
    {
      desc: "the lab's init fetch alone fails like offline busybox wget",
      script: 'wget -O- https://tinyurl.com/otus-k8s-intro',
      stderr: "wget: bad address 'tinyurl.com'\n",
      code: 1,
    },
    {
      // ash gives a pipeline the status of its last command: `sh` reads an empty script and
      // exits 0, so on a real offline node this init container completes with nothing generated.
      desc: "the lab's `wget … | sh` prints the error; the pipeline's status is sh's (0)",
      script: 'wget -O- https://tinyurl.com/otus-k8s-intro | sh',
      stderr: "wget: bad address 'tinyurl.com'\n",
      code: 0,
    },
    {
      desc: 'with pipefail the failed download is the status',
      script: 'set -o pipefail; wget -O- https://tinyurl.com/otus-k8s-intro | sh',
      stderr: "wget: bad address 'tinyurl.com'\n",
      code: 1,
    },
    {
      desc: 'wget to an address off loopback: no packet is sent',
      script: 'wget -q -O- http://8.8.8.8/',
      stderr: "wget: can't connect to remote host (8.8.8.8): Network is unreachable\n",
      code: 1,
    },
    {
      desc: 'curl: unresolvable name',
      script: 'curl https://tinyurl.com/otus-k8s-intro',
      stderr: 'curl: (6) Could not resolve host: tinyurl.com\n',
      code: 6,
    },
    { desc: 'curl -s hides the error', script: 'curl -s http://tinyurl.com/', code: 6 },
    {
      desc: 'wget: not http',
      script: 'wget ftp2://x/',
      stderr: 'wget: not an http or ftp url: ftp2://x/\n',
      code: 1,
    },
  ];
  for (const row of rows) {
    test(row.desc, async () => {
      assert.deepEqual(await sh(row.script), { code: row.code, stdout: '', stderr: row.stderr ?? '' });
    });
  }

  test('the network refuses non-loopback connects before dialling', async () => {
    const net = createContainerNetwork({ podIP: '127.244.0.7' });
    await assert.rejects(net.connect('10.0.0.1', 80), { code: 'ENETUNREACH' });
    assert.deepEqual(await net.resolve('tinyurl.com'), []);
    assert.deepEqual(await net.resolve('localhost'), ['127.0.0.1']);
  });
});

describe('wget on loopback', () => {
  test('wget -O- writes the body to stdout with busybox progress on stderr', async (t) => {
    const port = await startServer(t);
    const r = await sh(`wget -O- http://127.0.0.1:${port}/index.html`);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, PAGE);
    assert.equal(
      r.stderr,
      `Connecting to 127.0.0.1:${port} (127.0.0.1:${port})\nwriting to stdout\n` +
        `-                    100% |********************************|    21  0:00:00 ETA\nwritten to stdout\n`,
    );
  });

  test('wget -q -O FILE saves into a volume', async (t) => {
    const port = await startServer(t);
    const dir = await tempDir(t);
    const r = await sh(
      `wget -q -O /app/page.html http://127.0.0.1:${port}/index.html && cat /app/page.html`,
      {
        mounts: [{ mountPath: '/app', hostPath: dir }],
      },
    );
    assert.deepEqual(r, { code: 0, stdout: PAGE, stderr: '' });
    assert.equal(await readFile(join(dir, 'page.html'), 'utf8'), PAGE);
  });

  test('wget without -O names the file after the URL', async (t) => {
    const port = await startServer(t);
    const dir = await tempDir(t);
    const r = await sh(`cd /app && wget http://127.0.0.1:${port}/index.html`, {
      mounts: [{ mountPath: '/app', hostPath: dir }],
    });
    assert.equal(r.code, 0);
    assert.match(r.stderr, /saving to 'index.html'\n.*\n'index.html' saved\n$/);
    assert.equal(await readFile(join(dir, 'index.html'), 'utf8'), PAGE);
  });

  test('wget into the read-only root fails', async (t) => {
    const port = await startServer(t);
    const r = await sh(`wget -q http://127.0.0.1:${port}/index.html`);
    assert.deepEqual(r, {
      code: 1,
      stdout: '',
      stderr: "wget: can't open 'index.html': Read-only file system\n",
    });
  });

  const rows = [
    {
      desc: 'HTTP error',
      path: '/missing',
      stderr: 'wget: server returned error: HTTP/1.1 404 Not Found\n',
      code: 1,
      stdout: '',
    },
    { desc: 'redirects are followed', path: '/redirect', stderr: '', code: 0, stdout: PAGE },
    { desc: 'busybox user agent', path: '/ua', stderr: '', code: 0, stdout: 'Wget\n' },
    { desc: 'connections come from the pod IP', path: '/ip', stderr: '', code: 0, stdout: '127.244.0.7\n' },
  ];
  for (const row of rows) {
    test(row.desc, async (t) => {
      const port = await startServer(t);
      assert.deepEqual(await sh(`wget -q -O- http://127.0.0.1:${port}${row.path}`), {
        code: row.code,
        stdout: row.stdout,
        stderr: row.stderr,
      });
    });
  }

  test('connection refused', async () => {
    const closed = await closedPort();
    assert.deepEqual(await sh(`wget -q -O- http://127.0.0.1:${closed}/`), {
      code: 1,
      stdout: '',
      stderr: "wget: can't connect to remote host (127.0.0.1): Connection refused\n",
    });
  });

  test('names resolve through the injected resolver (the DNS component later)', async (t) => {
    const port = await startServer(t);
    const resolve = (name: string) => Promise.resolve(name === 'web-svc' ? ['127.0.0.1'] : []);
    const r = await run(['wget', '-q', '-O-', `http://web-svc:${port}/index.html`], { resolve });
    assert.deepEqual(r, { code: 0, stdout: PAGE, stderr: '' });
  });
});

describe('curl on loopback', () => {
  const rows = [
    { desc: 'body to stdout', args: '/index.html', stdout: PAGE, code: 0 },
    { desc: 'an HTTP error without -f is still exit 0', args: '/missing', stdout: 'nope\n', code: 0 },
    {
      desc: '-f fails with 22',
      args: '-f /missing',
      stderr: 'curl: (22) The requested URL returned error: 404\n',
      code: 22,
    },
    { desc: '-sf is silent', args: '-sf /missing', code: 22 },
    {
      desc: '-sSf shows the error',
      args: '-sSf /missing',
      stderr: 'curl: (22) The requested URL returned error: 404\n',
      code: 22,
    },
    { desc: '-L follows redirects', args: '-sL /redirect', stdout: PAGE, code: 0 },
  ];
  for (const row of rows) {
    test(row.desc, async (t) => {
      const port = await startServer(t);
      const [flags, path] = row.args.includes(' ') ? row.args.split(' ') : ['', row.args];
      const r = await sh(`curl ${flags} http://127.0.0.1:${port}${path}`);
      assert.deepEqual(r, { code: row.code, stdout: row.stdout ?? '', stderr: row.stderr ?? '' });
    });
  }

  test('-I prints the response head', async (t) => {
    const port = await startServer(t);
    const r = await sh(`curl -sI http://127.0.0.1:${port}/index.html`);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^HTTP\/1\.1 200 OK\r\n/);
    assert.match(r.stdout, /\r\nContent-Type: text\/html\r\n/);
    assert.ok(r.stdout.endsWith('\r\n\r\n'));
  });

  test('connection refused is exit 7', async () => {
    const closed = await closedPort();
    const r = await sh(`curl http://127.0.0.1:${closed}/`);
    assert.equal(r.code, 7);
    assert.match(
      r.stderr,
      new RegExp(
        `^curl: \\(7\\) Failed to connect to 127\\.0\\.0\\.1 port ${closed} after \\d+ ms: Couldn't connect to server\\n$`,
      ),
    );
  });
});
