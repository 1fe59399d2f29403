/**
 * kubectl exec and attach over WebSocket (v5.channel.k8s.io, v4 accepted): binary frames whose first byte is the
 * channel (0 stdin, 1 stdout, 2 stderr, 3 status, 4 resize, 255 close), ending with a Status on
 * channel 3 (kubectl-api.md §12; k8s: staging/src/k8s.io/apimachinery/pkg/util/httpstream/wsstream).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { resizeParser, runToStatus, stdinQueue } from '../streaming/remotecommand.ts';
import type { StdioOptions, StdioRunner } from '../streaming/remotecommand.ts';
import type { ExecStdio } from './hooks.ts';

export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

const wss = new WebSocketServer({
  noServer: true,
  handleProtocols: (protocols) => EXEC_PROTOCOLS.find((p) => protocols.has(p)) ?? false,
});

export function wantsExecProtocol(req: IncomingMessage): boolean {
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((s) => s.trim());
  return EXEC_PROTOCOLS.some((p) => offered.includes(p));
}

/**
 * Serves exec or attach (`run`) on the upgraded connection; the session ends with the Status on
 * channel 3 and a normal close.
 */
export function serveStdioWs(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  options: StdioOptions,
  run: StdioRunner,
): void {
  wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
    const abort = new AbortController();
    const input = stdinQueue();
    const resizeListeners: ((s: { width: number; height: number }) => void)[] = [];
    const onResize = resizeParser((size) => resizeListeners.forEach((l) => l(size)));
    const send = (channel: number, data: Buffer): void => {
      if (ws.readyState === ws.OPEN) ws.send(Buffer.concat([Buffer.from([channel]), data]));
    };
    ws.on('message', (data: Buffer) => {
      const channel = data[0];
      const payload = data.subarray(1);
      if (channel === 0) input.push(payload);
      else if (channel === 255 && payload[0] === 0) input.end();
      else if (channel === 4) onResize(Buffer.concat([payload, Buffer.from('\n')]));
    });
    ws.on('close', () => {
      input.end();
      abort.abort();
    });
    const stdio: ExecStdio = {
      ...(options.stdin ? { stdin: input.iterable } : {}),
      stdout: (b) => send(1, b),
      stderr: (b) => send(2, b),
      tty: options.tty,
      onResize: (l) => void resizeListeners.push(l),
    };
    void runToStatus(run, stdio, abort.signal).then((status) => {
      send(3, Buffer.from(JSON.stringify(status)));
      ws.close(1000);
    });
  });
}
