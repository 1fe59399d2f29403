/**
 * The portforward.k8s.io protocol over a SPDY session (k8s: pkg/kubelet/cri/streaming/portforward/
 * httpstream.go): each forwarded connection is an error and a data stream sharing a `requestid`; once
 * both exist the pod's port is dialled and piped; a failure is written as text on the error stream.
 */
import type { Duplex } from 'node:stream';
import { headerValue } from './spdy-frames.ts';
import type { SpdyStream } from './spdy-session.ts';

/** Connects to the pod's port; rejects with the kubelet's error text (written to the error stream). */
export type Dial = (port: number) => Promise<Duplex>;

/** The streaming server's StreamCreationTimeout (pkg/kubelet/cri/streaming/server.go DefaultConfig). */
export const STREAM_CREATION_TIMEOUT_MS = 30_000;

interface Pair {
  requestID: string;
  error?: SpdyStream;
  data?: SpdyStream;
  timer: NodeJS.Timeout;
}

/** Checks a new stream's headers as httpStreamReceived does; throwing resets the stream. */
export function checkPortForwardStream(stream: SpdyStream): number {
  const portString = headerValue(stream.headers, 'port');
  if (!portString) throw new Error('"port" header is required');
  const port = Number(portString);
  if (!/^\d+$/.test(portString) || port > 65535) throw new Error(`unable to parse "${portString}" as a port`);
  if (port < 1) throw new Error(`port "${portString}" must be > 0`);
  const type = headerValue(stream.headers, 'streamtype');
  if (!type) throw new Error('"streamtype" header is required');
  if (type !== 'error' && type !== 'data') throw new Error(`invalid stream type "${type}"`);
  return port;
}

/** The stream handler of a port-forward session. */
export function portForwardStreams(
  dial: Dial,
  timeoutMs = STREAM_CREATION_TIMEOUT_MS,
): (stream: SpdyStream) => void {
  const pairs = new Map<string, Pair>();
  return (stream) => {
    checkPortForwardStream(stream);
    const type = headerValue(stream.headers, 'streamtype');
    // Old clients send no requestid: pair by stream id as upstream's best effort does.
    const requestID =
      headerValue(stream.headers, 'requestid') || String(type === 'error' ? stream.id : stream.id - 2);
    let pair = pairs.get(requestID);
    if (!pair) {
      const p: Pair = {
        requestID,
        timer: setTimeout(() => {
          pairs.delete(requestID);
          const msg = `(conn=kubelab, request=${requestID}) timed out waiting for streams`;
          p.error?.write(Buffer.from(msg));
          p.error?.end();
        }, timeoutMs),
      };
      p.timer.unref();
      pair = p;
      pairs.set(requestID, p);
    }
    const slot = type === 'error' ? 'error' : 'data';
    if (pair[slot]) {
      // printError: on the pair's error stream, when it has one
      (pair.error ?? stream).write(
        Buffer.from(`error processing stream for request ${requestID}: ${slot} stream already assigned`),
      );
      return;
    }
    pair[slot] = stream;
    if (pair.error && pair.data) {
      clearTimeout(pair.timer);
      pairs.delete(requestID);
      forward(dial, pair.error, pair.data);
    }
  };
}

function forward(dial: Dial, error: SpdyStream, data: SpdyStream): void {
  const port = Number(headerValue(data.headers, 'port'));
  const done = (): void => {
    data.end();
    error.end();
  };
  // a dial that throws synchronously is a failure like any other
  Promise.resolve(port)
    .then(dial)
    .then(
      (socket) => {
        data.onData((chunk) => socket.write(chunk));
        data.onEnd(() => {
          // FIN from kubectl: the local client is done sending; a reset or lost connection: drop it
          if (error.session.isClosed || data.closed) socket.destroy();
          else socket.end();
        });
        socket.on('data', (chunk: Buffer) => {
          // the pod answers faster than kubectl reads: stop reading the pod until the bytes are out
          if (data.write(chunk)) return;
          socket.pause();
          data.session.onceDrained(() => socket.resume());
        });
        socket.on('error', () => socket.destroy());
        socket.on('close', done);
      },
      (err: unknown) => {
        error.write(Buffer.from(err instanceof Error ? err.message : String(err)));
        done();
      },
    );
}
