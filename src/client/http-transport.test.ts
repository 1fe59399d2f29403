import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import type { WatchEvent } from '../core/index.ts';
import { ClientConfigError } from './errors.ts';
import { httpTransport } from './http-transport.ts';
import { waitFor } from './testing/scripted-api.ts';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

/** A one-off server whose every request runs `handler`; closed when the test ends. */
async function serve(t: { after(fn: () => Promise<void>): void }, handler: Handler): Promise<string> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => handler(req, res, body));
  });
  t.after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function collect() {
  const events: WatchEvent[] = [];
  const closes: (Error | undefined)[] = [];
  return {
    events,
    closes,
    onEvent: (e: WatchEvent) => events.push(e),
    onClose: (e?: Error) => closes.push(e),
  };
}

describe('httpTransport requests', () => {
  test('sends JSON with the bearer token and query, decodes the JSON answer', async (t) => {
    let seen: { method?: string; url?: string; auth?: string; type?: string; body?: string } = {};
    const url = await serve(t, (req, res, body) => {
      seen = {
        method: req.method,
        url: req.url,
        auth: req.headers.authorization,
        type: req.headers['content-type'],
        body,
      };
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end('{"kind":"Pod","apiVersion":"v1","metadata":{"name":"web"}}');
    });
    const transport = httpTransport({ server: `${url}/prefix/`, token: 'sekret' });
    t.after(() => transport.close());
    const res = await transport.request({
      method: 'POST',
      path: '/api/v1/namespaces/default/pods',
      query: { dryRun: 'All', fieldManager: ['a', 'b'] },
      body: { metadata: { name: 'web' } },
    });
    assert.equal(res.status, 201);
    assert.deepEqual(res.body, { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'web' } });
    assert.deepEqual(seen, {
      method: 'POST',
      url: '/prefix/api/v1/namespaces/default/pods?dryRun=All&fieldManager=a&fieldManager=b',
      auth: 'Bearer sekret',
      type: 'application/json',
      body: '{"metadata":{"name":"web"}}',
    });
  });

  test('a caller-set content-type (PATCH) wins', async (t) => {
    let type: string | undefined;
    const url = await serve(t, (req, res) => {
      type = req.headers['content-type'];
      res.end('{}');
    });
    const transport = httpTransport({ server: url });
    t.after(() => transport.close());
    await transport.request({
      method: 'PATCH',
      path: '/x',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: {},
    });
    assert.equal(type, 'application/merge-patch+json');
  });

  const errorRows: {
    desc: string;
    status: number;
    type: string;
    body: string;
    want: Record<string, unknown>;
  }[] = [
    {
      desc: 'a Status body comes back as it is, not thrown',
      status: 404,
      type: 'application/json',
      body: '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \\"nginx\\" not found","reason":"NotFound","details":{"name":"nginx","kind":"pods"},"code":404}',
      want: {
        code: 404,
        reason: 'NotFound',
        message: 'pods "nginx" not found',
        details: { name: 'nginx', kind: 'pods' },
      },
    },
    {
      desc: 'a text error page becomes a Status worded as client-go does',
      status: 502,
      type: 'text/html',
      body: 'bad gateway',
      want: {
        code: 502,
        reason: 'InternalError',
        message: 'an error on the server ("bad gateway") has prevented the request from succeeding',
      },
    },
    {
      desc: 'a bare 404 reads as the server could not find the resource',
      status: 404,
      type: 'text/plain',
      body: '404 page not found',
      want: { code: 404, reason: 'NotFound', message: 'the server could not find the requested resource' },
    },
  ];
  for (const row of errorRows) {
    test(row.desc, async (t) => {
      const url = await serve(t, (_req, res) => {
        res.writeHead(row.status, { 'content-type': row.type });
        res.end(row.body);
      });
      const transport = httpTransport({ server: url });
      t.after(() => transport.close());
      const res = await transport.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/nginx' });
      assert.equal(res.status, row.status);
      assert.equal((res.body as { kind: string }).kind, 'Status');
      for (const [k, v] of Object.entries(row.want))
        assert.deepEqual((res.body as Record<string, unknown>)[k], v, k);
    });
  }

  test('a connection failure rejects (there is no HTTP status to return)', async (t) => {
    const url = await serve(t, (req) => req.socket.destroy());
    const transport = httpTransport({ server: url });
    t.after(() => transport.close());
    await assert.rejects(transport.request({ method: 'GET', path: '/api' }));
  });

  const configRows: { desc: string; server: string }[] = [
    { desc: 'not a URL', server: '127.0.0.1:6443' },
    { desc: 'not http(s)', server: 'ftp://127.0.0.1/' },
  ];
  for (const row of configRows) {
    test(`config is refused at once: ${row.desc}`, () => {
      assert.throws(() => httpTransport({ server: row.server }), ClientConfigError);
    });
  }
});

describe('httpTransport watch', () => {
  test('parses events whose lines and UTF-8 characters are split across chunks', async (t) => {
    const lines = [
      '{"type":"ADDED","object":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","resourceVersion":"1"},"data":{"k":"häß"}}}\n',
      '{"type":"MODIFIED","object":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","resourceVersion":"2"}}}\n',
      '\n',
      '{"type":"DELETED","object":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","resourceVersion":"3"}}}\n',
    ];
    const bytes = Buffer.from(lines.join(''));
    let url = '';
    const serverUrl = await serve(t, (req, res) => {
      url = req.url ?? '';
      res.writeHead(200, { 'content-type': 'application/json' });
      res.flushHeaders();
      // Cut the stream into 7-byte pieces: mid-line, mid-"ä" (2 bytes), mid-newline pairs.
      let offset = 0;
      const next = () => {
        if (offset >= bytes.length) return res.end();
        res.write(bytes.subarray(offset, offset + 7));
        offset += 7;
        setImmediate(next);
      };
      next();
    });
    const transport = httpTransport({ server: serverUrl });
    t.after(() => transport.close());
    const c = collect();
    transport.watch(
      { method: 'GET', path: '/api/v1/configmaps', query: { resourceVersion: '0' } },
      c.onEvent,
      c.onClose,
    );
    await waitFor(() => c.closes.length > 0, 'the watch to end');
    assert.equal(url, '/api/v1/configmaps?resourceVersion=0&watch=true');
    assert.deepEqual(
      c.events.map((e) => [e.type, e.object.metadata.resourceVersion]),
      [
        ['ADDED', '1'],
        ['MODIFIED', '2'],
        ['DELETED', '3'],
      ],
    );
    assert.deepEqual((c.events[0]?.object as { data?: unknown }).data, { k: 'häß' });
    assert.deepEqual(c.closes, [undefined], 'onClose exactly once, without error, at the end of the stream');
  });

  test('stop() closes the stream, calls onClose once, and delivers nothing after', async (t) => {
    let serverRes: http.ServerResponse | undefined;
    let serverSawClose = false;
    const url = await serve(t, (_req, res) => {
      serverRes = res;
      res.on('close', () => (serverSawClose = true));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"type":"ADDED","object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"}}}\n');
    });
    const transport = httpTransport({ server: url });
    t.after(() => transport.close());
    const c = collect();
    const handle = transport.watch({ method: 'GET', path: '/api/v1/pods' }, c.onEvent, c.onClose);
    await waitFor(() => c.events.length === 1, 'the first event');
    handle.stop();
    handle.stop();
    serverRes?.write('{"type":"ADDED","object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"b"}}}\n');
    await waitFor(() => serverSawClose, 'the server to see the stream close');
    assert.equal(c.events.length, 1);
    assert.deepEqual(c.closes, [undefined]);
  });

  test('a refused watch reads as one ERROR event with the Status, then onClose(err)', async (t) => {
    const url = await serve(t, (_req, res) => {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(
        '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods is forbidden","reason":"Forbidden","code":403}',
      );
    });
    const transport = httpTransport({ server: url });
    t.after(() => transport.close());
    const c = collect();
    transport.watch({ method: 'GET', path: '/api/v1/pods' }, c.onEvent, c.onClose);
    await waitFor(() => c.closes.length > 0, 'onClose');
    assert.equal(c.events.length, 1);
    assert.equal(c.events[0]?.type, 'ERROR');
    assert.equal((c.events[0]?.object as unknown as { reason: string }).reason, 'Forbidden');
    assert.equal(c.closes.length, 1);
    assert.match(String(c.closes[0]?.message), /403 pods is forbidden/);
  });

  test('a garbled line ends the watch with an error, once', async (t) => {
    const url = await serve(t, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(
        '{"type":"ADDED","object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"}}}\n{"type":\n',
      );
    });
    const transport = httpTransport({ server: url });
    t.after(() => transport.close());
    const c = collect();
    transport.watch({ method: 'GET', path: '/api/v1/pods' }, c.onEvent, c.onClose);
    await waitFor(() => c.closes.length > 0, 'onClose');
    assert.equal(c.events.length, 1);
    assert.equal(c.closes.length, 1);
    assert.match(String(c.closes[0]?.message), /bad JSON/);
  });

  test('a connection dropped mid-stream ends the watch with an error', async (t) => {
    const url = await serve(t, (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"type":"ADDED","object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"}}}\n', () =>
        setImmediate(() => req.socket.destroy()),
      );
    });
    const transport = httpTransport({ server: url });
    t.after(() => transport.close());
    const c = collect();
    transport.watch({ method: 'GET', path: '/api/v1/pods' }, c.onEvent, c.onClose);
    await waitFor(() => c.closes.length > 0, 'onClose');
    assert.equal(c.events.length, 1);
    assert.equal(c.closes.length, 1);
    assert.ok(c.closes[0] instanceof Error);
  });
});
