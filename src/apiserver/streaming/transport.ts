/**
 * The byte pipe a SPDY session runs over: the upgraded TCP/TLS socket itself, or the binary messages
 * of a WebSocket that tunnels SPDY (kubectl ≥ 1.31 port-forward, client-go
 * tools/portforward/tunneling_connection.go: each message is a slice of the SPDY byte stream).
 */
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

export interface ByteTransport {
  write(bytes: Buffer): void;
  /** Closes the connection once what was written has gone out. */
  end(): void;
  onData(listener: (bytes: Buffer) => void): void;
  onClose(listener: () => void): void;
}

export function socketTransport(socket: Duplex, head: Buffer): ByteTransport {
  return {
    write: (b) => void socket.write(b),
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

export function webSocketTransport(ws: WebSocket): ByteTransport {
  return {
    write: (b) => {
      if (ws.readyState === ws.OPEN) ws.send(b, { binary: true });
    },
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
