/**
 * The byte pipe a SPDY session runs over: the upgraded TCP/TLS socket itself, or the binary messages
 * of a WebSocket that tunnels SPDY (kubectl ≥ 1.31 port-forward, client-go
 * tools/portforward/tunneling_connection.go: each message is a slice of the SPDY byte stream).
 */
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

export interface ByteTransport {
  /** false once enough is queued that the writer should wait for `onDrain`. */
  write(bytes: Buffer): boolean;
  /** Called each time the queue has gone out after a write returned false. */
  onDrain(listener: () => void): void;
  /** Closes the connection once what was written has gone out. */
  end(): void;
  onData(listener: (bytes: Buffer) => void): void;
  onClose(listener: () => void): void;
}

export function socketTransport(socket: Duplex, head: Buffer): ByteTransport {
  return {
    write: (b) => socket.write(b),
    onDrain: (listener) => void socket.on('drain', listener),
    end: () => void socket.end(),
    onData(listener) {
      if (head.length) queueMicrotask(() => listener(head));
      socket.on('data', listener);
    },
    onClose(listener) {
      socket.on('close', listener);
      socket.on('error', () => socket.destroy());
    },
  };
}

/** Bytes a tunnel may have queued before its writers wait (the socket's highWaterMark is 16 KiB). */
const TUNNEL_HIGH_WATER = 256 * 1024;

export function webSocketTransport(ws: WebSocket): ByteTransport {
  // ws has no 'drain': count what send() has not yet handed to the socket
  let queued = 0;
  let blocked = false;
  const drainListeners: (() => void)[] = [];
  return {
    write: (b) => {
      if (ws.readyState !== ws.OPEN) return true;
      queued += b.length;
      ws.send(b, { binary: true }, () => {
        queued -= b.length;
        if (blocked && queued < TUNNEL_HIGH_WATER / 2) {
          blocked = false;
          for (const l of drainListeners) l();
        }
      });
      if (queued >= TUNNEL_HIGH_WATER) blocked = true;
      return !blocked;
    },
    onDrain: (listener) => void drainListeners.push(listener),
    end: () => ws.close(1000),
    onData(listener) {
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        if (isBinary) listener(data);
      });
    },
    onClose(listener) {
      ws.on('close', listener);
      ws.on('error', () => ws.terminate());
    },
  };
}
