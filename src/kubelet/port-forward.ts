/**
 * The kubelet's side of `kubectl port-forward`: a TCP connection to the pod's port on its loopback
 * pod IP, and, when that fails, the text kubelet's streaming server writes on the error stream
 * (k8s: pkg/kubelet/cri/streaming/portforward/httpstream.go `error forwarding port %d to pod %s, uid %v: %v`).
 */
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import type { KubeObject } from '../core/index.ts';
import type { PodWorker } from './pod-worker.ts';

/** Go's text for the common dial errors (syscall.Errno strings), so the line reads as kubelet's. */
const GO_ERRNO: Record<string, string> = {
  ECONNREFUSED: 'connect: connection refused',
  ECONNRESET: 'connect: connection reset by peer',
  EHOSTUNREACH: 'connect: no route to host',
  ENETUNREACH: 'connect: network is unreachable',
  ETIMEDOUT: 'i/o timeout',
  EADDRNOTAVAIL: 'connect: cannot assign requested address',
};

export function dialErrorText(ip: string, port: number, err: NodeJS.ErrnoException): string {
  return `dial tcp4 ${ip}:${port}: ${GO_ERRNO[err.code ?? ''] ?? err.message}`;
}

/**
 * Connects to `port` of the pod this kubelet runs. With CRI the kubelet names the pod by its sandbox
 * id and an empty uid; kubelab has no sandbox ids, so the pod's uid stands in for it, and instead of
 * containerd's "failed to execute portforward in network namespace" (kubelab pods share the host's
 * network, each on its own loopback IP) the message says which address it dialled.
 */
export function dialPod(worker: PodWorker | undefined, pod: KubeObject, port: number): Promise<Socket> {
  const id = pod.metadata.uid ?? '';
  const prefix = `error forwarding port ${port} to pod ${id}, uid : `;
  const ip = worker?.sandbox?.ip;
  if (!ip) {
    const name = `${pod.metadata.name ?? ''}_${pod.metadata.namespace ?? ''}`;
    return Promise.reject(new Error(`${prefix}pod not found ("${name}")`));
  }
  return new Promise((resolve, reject) => {
    const socket = connect({ host: ip, port });
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      socket.destroy();
      reject(
        new Error(
          `${prefix}failed to connect to ${ip}:${port} of pod "${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}": ${dialErrorText(ip, port, err)}`,
        ),
      );
    });
  });
}
