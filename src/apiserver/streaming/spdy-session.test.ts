import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { describe, test } from 'node:test';
import type { TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { portForwardStreams } from './portforward.ts';
import { remoteCommandStreams } from './remotecommand-spdy.ts';
import { FLAG_FIN, FrameType, dataFrames, pingFrame, splitFrames, synStreamFrame } from './spdy-frames.ts';
import type { Frame } from './spdy-frames.ts';
import { SpdySession } from './spdy-session.ts';
import type { StreamHandler } from './spdy-session.ts';
import { HeaderDeflater } from './spdy-zlib.ts';
import type { ByteTransport } from './transport.ts';

/** A client speaking to a SpdySession through an in-memory transport, as spdystream would. */
function connect(
  t: TestContext,
  handler: (session: () => SpdySession) => StreamHandler,
  backedUp: () => boolean = () => false,
) {
  const received: Frame[] = [];
  const drainListeners: (() => void)[] = [];
  let rest: Buffer = Buffer.alloc(0);
  let toServer: ((b: Buffer) => void) | undefined;
  let closed = false;
  const closeListeners: (() => void)[] = [];
  const transport: ByteTransport = {
    write(b) {
      const split = splitFrames(Buffer.concat([rest, b]));
      rest = split.rest;
      received.push(...split.frames);
      return !backedUp();
    },
    onDrain: (l) => void drainListeners.push(l),
    end() {
      closed = true;
      for (const l of closeListeners) l();
    },
    onData: (l) => (toServer = l),
    onClose: (l) => void closeListeners.push(l),
  };
  const ref: { s?: SpdySession } = {};
  ref.s = new SpdySession(
    transport,
    handler(() => ref.s!),
  );
  const deflater = new HeaderDeflater();
  t.after(() => {
    deflater.close();
    ref.s?.close();
  });
  const send = (b: Buffer): void => toServer!(b);
  return {
    received,
    isClosed: () => closed,
    drain: () => drainListeners.forEach((l) => l()),
    async open(id: number, headers: Record<string, string>, fin = false): Promise<void> {
      const block = await deflater.compress(new Map(Object.entries(headers).map(([k, v]) => [k, [v]])));
      send(synStreamFrame(id, block, fin));
    },
    send,
    /** The concatenated data the server sent on a stream, and whether it ended it. */
    stream(id: number): { data: string; fin: boolean } {
      const frames = received.filter((f) => f.kind === 'data' && f.streamId === id);
      return {
        data: Buffer.concat(frames.map((f) => (f.kind === 'data' ? f.data : Buffer.alloc(0)))).toString(),
        fin: frames.some((f) => f.flags & FLAG_FIN),
      };
    },
    control(type: number): Frame[] {
      return received.filter((f) => f.kind === 'control' && f.type === type);
    },
  };
}

async function until<T>(what: string, check: () => T | undefined | false, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

function replyIds(frames: Frame[]): number[] {
  return frames.map((f) => (f.kind === 'control' ? f.payload.readUInt32BE(0) & 0x7fffffff : -1));
}

/** A TCP server on 127.0.0.1 that answers each chunk in upper case. */
async function upperServer(t: TestContext): Promise<number> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('data', (c: Buffer) => s.write(c.toString().toUpperCase()));
    s.on('end', () => s.end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => {
    for (const s of sockets) s.destroy();
    server.close();
  });
  return (server.address() as AddressInfo).port;
}

function dialLoopback(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    void import('node:net').then(({ connect }) => {
      const s = connect({ host: '127.0.0.1', port }, () => resolve(s));
      s.once('error', reject);
    });
  });
}

describe('SPDY session: port-forward', () => {
  test('error + data streams of one request id reach the pod port; FIN closes both ways', async (t) => {
    const port = await upperServer(t);
    const c = connect(t, () => portForwardStreams(() => dialLoopback(port)));
    await c.open(1, { streamtype: 'error', port: '8000', requestid: '0' });
    await c.open(3, { streamtype: 'data', port: '8000', requestid: '0' });
    await until('both SYN_REPLYs', () => c.control(FrameType.SYN_REPLY).length === 2);
    assert.deepEqual(replyIds(c.control(FrameType.SYN_REPLY)), [1, 3]);
    c.send(dataFrames(3, Buffer.from('hello '), false));
    c.send(dataFrames(3, Buffer.from('pod'), true));
    await until('the data stream to end', () => c.stream(3).fin);
    assert.equal(c.stream(3).data, 'HELLO POD');
    await until('the error stream to end', () => c.stream(1).fin);
    assert.equal(c.stream(1).data, '', 'no error');
  });

  test('a pod that answers faster than the connection drains is paused until it drains', async (t) => {
    const total = 4 * 1024 * 1024;
    const server = createServer((s) => s.end(Buffer.alloc(total, 'x')));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    t.after(() => server.close());
    const port = (server.address() as AddressInfo).port;
    let backedUp = true;
    let pod: Socket | undefined;
    const dial = () => dialLoopback(port).then((s) => (pod = s));
    const c = connect(
      t,
      () => portForwardStreams(dial),
      () => backedUp,
    );
    await c.open(1, { streamtype: 'error', port: '8000', requestid: '0' });
    await c.open(3, { streamtype: 'data', port: '8000', requestid: '0' });
    await until('the pod socket to pause', () => pod?.isPaused());
    assert.ok(c.stream(3).data.length < total, 'not everything yet');
    backedUp = false;
    c.drain();
    await until('all of it', () => c.stream(3).fin);
    assert.equal(c.stream(3).data.length, total);
  });

  test('a failed dial is written on the error stream and both streams end', async (t) => {
    const c = connect(t, () =>
      portForwardStreams(() =>
        Promise.reject(new Error('error forwarding port 8000 to pod x, uid : refused')),
      ),
    );
    await c.open(1, { streamtype: 'error', port: '8000', requestid: '7' });
    await c.open(3, { streamtype: 'data', port: '8000', requestid: '7' });
    await until('the error stream to end', () => c.stream(1).fin && c.stream(3).fin);
    assert.equal(c.stream(1).data, 'error forwarding port 8000 to pod x, uid : refused');
    assert.equal(c.isClosed(), false, 'the connection stays up for the next forwarded connection');
  });

  test('a stream without a port header is reset, not answered', async (t) => {
    const c = connect(t, () => portForwardStreams(() => Promise.reject(new Error('unused'))));
    await c.open(1, { streamtype: 'error', requestid: '0' });
    await until('RST_STREAM', () => c.control(FrameType.RST_STREAM).length === 1);
    assert.equal(c.control(FrameType.SYN_REPLY).length, 0);
  });

  test('the client’s PING is answered with the same id', async (t) => {
    const c = connect(t, () => portForwardStreams(() => Promise.reject(new Error('unused'))));
    c.send(pingFrame(1));
    const [ping] = await until(
      'PING',
      () => c.control(FrameType.PING).length === 1 && c.control(FrameType.PING),
    );
    assert.equal(ping?.kind === 'control' && ping.payload.readUInt32BE(0), 1);
  });
});

describe('SPDY session: exec (v4.channel.k8s.io)', () => {
  test('stdin, stdout, stderr streams; the exit code as a v4 Status on the error stream; GOAWAY', async (t) => {
    const c = connect(t, (session) =>
      remoteCommandStreams(
        session,
        { stdin: true, stdout: true, stderr: true, tty: false },
        async (stdio) => {
          let input = '';
          for await (const chunk of stdio.stdin!) input += chunk.toString();
          stdio.stdout(Buffer.from(`read ${input}`));
          stdio.stderr(Buffer.from('oops'));
          return 3;
        },
      ),
    );
    await c.open(1, { streamtype: 'error' });
    await c.open(3, { streamtype: 'stdin' });
    await c.open(5, { streamtype: 'stdout' });
    await c.open(7, { streamtype: 'stderr' });
    c.send(dataFrames(3, Buffer.from('abc'), true));
    await until('GOAWAY', () => c.control(FrameType.GOAWAY).length === 1);
    assert.deepEqual(c.stream(5), { data: 'read abc', fin: true });
    assert.deepEqual(c.stream(7), { data: 'oops', fin: true });
    const status = JSON.parse(c.stream(1).data) as Record<string, unknown>;
    assert.equal(status.reason, 'NonZeroExitCode');
    assert.deepEqual(status.details, { causes: [{ reason: 'ExitCode', message: '3' }] });
    assert.equal(c.isClosed(), true);
  });

  test('nothing runs before every expected stream exists; success is a Success status', async (t) => {
    let ran = 0;
    const c = connect(t, (session) =>
      remoteCommandStreams(session, { stdin: false, stdout: true, stderr: true, tty: false }, (stdio) => {
        ran++;
        stdio.stdout(Buffer.from('ok'));
        return Promise.resolve(0);
      }),
    );
    await c.open(1, { streamtype: 'error' });
    await c.open(3, { streamtype: 'stdout' });
    await until('two replies', () => c.control(FrameType.SYN_REPLY).length === 2);
    assert.equal(ran, 0);
    await c.open(5, { streamtype: 'stderr' });
    await until('GOAWAY', () => c.control(FrameType.GOAWAY).length === 1);
    assert.equal(ran, 1);
    assert.equal(c.stream(3).data, 'ok');
    assert.deepEqual(JSON.parse(c.stream(1).data), { metadata: {}, status: 'Success' });
  });
});
