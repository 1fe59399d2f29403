/**
 * kubectl exec over WebSocket (v5.channel.k8s.io, v4 accepted): binary frames whose first byte is the
 * channel (0 stdin, 1 stdout, 2 stderr, 3 status, 4 resize, 255 close), ending with a Status on
 * channel 3 (kubectl-api.md §12; k8s: staging/src/k8s.io/apimachinery/pkg/util/httpstream/wsstream).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { ApiError } from '../../core/index.ts';
import type { KubeObject } from '../../core/index.ts';
import type { ExecStdio, PodHooks } from './hooks.ts';

export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

const wss = new WebSocketServer({
  noServer: true,
  handleProtocols: (protocols) => EXEC_PROTOCOLS.find((p) => protocols.has(p)) ?? false,
});

export function wantsExecProtocol(req: IncomingMessage): boolean {
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((s) => s.trim());
  return EXEC_PROTOCOLS.some((p) => offered.includes(p));
}

function exitStatus(code: number): Record<string, unknown> {
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [], exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

/** A queue of stdin chunks that ends when the client closes stdin or the socket. */
function stdinQueue(): { push(b: Buffer): void; end(): void; iterable: AsyncIterable<Buffer> } {
  const chunks: Buffer[] = [];
  let done = false;
  let wake: (() => void) | undefined;
  return {
    push(b): void {
      chunks.push(b);
      wake?.();
    },
    end(): void {
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

export interface ExecRequest {
  pod: KubeObject;
  container: string;
  command: string[];
  stdin: boolean;
  tty: boolean;
}

export function serveExec(
  hooks: PodHooks,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  exec: ExecRequest,
): void {
  wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
    const abort = new AbortController();
    const input = stdinQueue();
    const resizeListeners: ((s: { width: number; height: number }) => void)[] = [];
    const send = (channel: number, data: Buffer): void => {
      if (ws.readyState === ws.OPEN) ws.send(Buffer.concat([Buffer.from([channel]), data]));
    };
    ws.on('message', (data: Buffer) => {
      const channel = data[0];
      const payload = data.subarray(1);
      if (channel === 0) input.push(payload);
      else if (channel === 255 && payload[0] === 0) input.end();
      else if (channel === 4) {
        try {
          const size = JSON.parse(payload.toString('utf8')) as { Width: number; Height: number };
          for (const l of resizeListeners) l({ width: size.Width, height: size.Height });
        } catch {
          // a malformed resize frame changes nothing
        }
      }
    });
    ws.on('close', () => {
      input.end();
      abort.abort();
    });
    const stdio: ExecStdio = {
      ...(exec.stdin ? { stdin: input.iterable } : {}),
      stdout: (b) => send(1, b),
      stderr: (b) => send(2, b),
      tty: exec.tty,
      onResize: (l) => void resizeListeners.push(l),
    };
    const finish = (status: Record<string, unknown>): void => {
      send(3, Buffer.from(JSON.stringify(status)));
      ws.close(1000);
    };
    hooks.exec!(exec.pod, exec.container, exec.command, stdio, abort.signal).then(
      (code) => finish(exitStatus(code)),
      (err: unknown) =>
        finish({
          metadata: {},
          status: 'Failure',
          message: err instanceof Error ? err.message : String(err),
          reason: err instanceof ApiError ? err.toStatus().reason : 'InternalError',
          code: err instanceof ApiError ? err.httpStatus : 500,
        }),
    );
  });
}
