/** Container networking limited to loopback: pods reach each other and the node, never the internet. */
import { connect as tcpConnect, createServer, isIPv4 } from 'node:net';
import type { Server, Socket } from 'node:net';
import type { ContainerNetwork } from './types.ts';

export interface ContainerNetworkConfig {
  podIP: string;
  hostname?: string;
  /** Name resolution (the DNS component's); without it only IP literals, localhost and the pod's own name resolve. */
  resolve?: (name: string) => Promise<string[]>;
}

/** Whether an address is in 127.0.0.0/8, the only place kubelab ever sends a packet. */
export function isLoopback(ip: string): boolean {
  return isIPv4(ip) && ip.startsWith('127.');
}

function systemError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

export function createContainerNetwork(config: ContainerNetworkConfig): ContainerNetwork {
  return {
    async resolve(name) {
      if (isIPv4(name)) return [name];
      // /etc/hosts comes first, as with musl and glibc.
      if (name === 'localhost') return ['127.0.0.1'];
      if (config.hostname !== undefined && name === config.hostname) return [config.podIP];
      return config.resolve ? config.resolve(name) : [];
    },
    connect(ip, port, opts = {}) {
      if (!isLoopback(ip)) {
        return Promise.reject(systemError('ENETUNREACH', `connect ENETUNREACH ${ip}:${port}`));
      }
      return new Promise<Socket>((resolve, reject) => {
        // From the pod's own address, as a pod's packets leave its network namespace.
        const socket = tcpConnect({ host: ip, port, localAddress: config.podIP, signal: opts.signal });
        socket.once('connect', () => {
          socket.off('error', reject);
          resolve(socket);
        });
        socket.once('error', reject);
      });
    },
    listen(port) {
      return new Promise<Server>((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(port, config.podIP, () => {
          server.off('error', reject);
          resolve(server);
        });
      });
    },
  };
}
