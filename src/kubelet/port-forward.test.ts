import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import type { KubeObject } from '../core/index.ts';
import type { PodWorker } from './pod-worker.ts';
import { dialPod } from './port-forward.ts';

const pod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default', uid: 'u-1' },
};
const worker = { sandbox: { ip: '127.0.0.1' } } as unknown as PodWorker;

/** A loopback port nothing listens on: bind one, then close it. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

test('dialPod connects to the pod IP', async (t) => {
  const server = createServer((s) => s.end('hi'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => server.close());
  const socket = await dialPod(worker, pod, (server.address() as AddressInfo).port);
  const text = await new Promise<string>((resolve) => {
    let out = '';
    socket.on('data', (c: Buffer) => (out += c.toString()));
    socket.on('end', () => resolve(out));
  });
  assert.equal(text, 'hi');
});

test('a refused port gives kubelet’s "error forwarding port" line with Go’s dial error', async () => {
  const port = await closedPort();
  await assert.rejects(dialPod(worker, pod, port), {
    message: `error forwarding port ${port} to pod u-1, uid : failed to connect to 127.0.0.1:${port} of pod "default/web": dial tcp4 127.0.0.1:${port}: connect: connection refused`,
  });
});

test('a pod this kubelet does not run', async () => {
  await assert.rejects(dialPod(undefined, pod, 8000), {
    message: 'error forwarding port 8000 to pod u-1, uid : pod not found ("web_default")',
  });
});
