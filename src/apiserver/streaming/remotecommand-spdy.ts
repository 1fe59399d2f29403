/**
 * exec and attach over SPDY (kubectl ≤ 1.29, and the fallback of newer ones): the client opens one
 * stream per `streamtype` (error, stdin, stdout, stderr, resize); once all expected streams are there
 * the process runs, and the v4 Status JSON on the error stream ends it
 * (k8s: pkg/kubelet/cri/streaming/remotecommand/httpstream.go v4ProtocolHandler).
 */
import type { ExecStdio } from '../pods/hooks.ts';
import { headerValue } from './spdy-frames.ts';
import type { SpdySession, SpdyStream } from './spdy-session.ts';
import { STREAM_CREATION_TIMEOUT_MS } from './portforward.ts';
import { resizeParser, runToStatus, stdinQueue } from './remotecommand.ts';
import type { StdioOptions, StdioRunner } from './remotecommand.ts';

/** The SPDY subprotocols kubelet speaks for exec/attach, best first (v5 is WebSocket-only). */
export const SPDY_EXEC_PROTOCOLS = ['v4.channel.k8s.io'];

const TYPES = ['error', 'stdin', 'stdout', 'stderr', 'resize'] as const;
type StreamType = (typeof TYPES)[number];

/** The stream handler of an exec/attach session; `session` is closed when the process has ended. */
export function remoteCommandStreams(
  getSession: () => SpdySession,
  options: StdioOptions,
  run: StdioRunner,
  timeoutMs = STREAM_CREATION_TIMEOUT_MS,
): (stream: SpdyStream) => void {
  const streams = new Map<StreamType, SpdyStream>();
  const expected =
    1 + Number(options.stdin) + Number(options.stdout) + Number(options.stderr) + Number(options.tty);
  // upstream gives up silently ("timed out waiting for client to create streams")
  const timer = setTimeout(() => getSession().close(), timeoutMs);
  timer.unref();
  let started = false;
  return (stream) => {
    const type = headerValue(stream.headers, 'streamtype') as StreamType;
    if (!TYPES.includes(type)) return; // upstream logs "unexpected stream type" and ignores it
    streams.set(type, stream);
    if (started || streams.size < expected) return;
    started = true;
    clearTimeout(timer);
    // after this handler returns the stream's SYN_REPLY goes out; output must follow it
    setImmediate(() => start(getSession(), streams, options, run));
  };
}

function start(
  session: SpdySession,
  streams: Map<StreamType, SpdyStream>,
  options: StdioOptions,
  run: StdioRunner,
): void {
  const abort = new AbortController();
  session.onClose(() => abort.abort());
  const input = stdinQueue();
  const stdin = streams.get('stdin');
  stdin?.onData((c) => input.push(c));
  stdin?.onEnd(() => input.end());
  const resizeListeners: ((s: { width: number; height: number }) => void)[] = [];
  streams.get('resize')?.onData(resizeParser((s) => resizeListeners.forEach((l) => l(s))));
  const stdout = streams.get('stdout');
  const stderr = streams.get('stderr');
  const stdio: ExecStdio = {
    ...(options.stdin && stdin ? { stdin: input.iterable } : {}),
    stdout: (b) => stdout?.write(b),
    stderr: (b) => (stderr ?? stdout)?.write(b),
    tty: options.tty,
    onResize: (l) => void resizeListeners.push(l),
  };
  void runToStatus(run, stdio, abort.signal).then((status) => {
    stdout?.end();
    stderr?.end();
    const error = streams.get('error');
    error?.write(Buffer.from(JSON.stringify(status)));
    error?.end();
    session.close();
  });
}
