/**
 * A busy container on the built-in images does not freeze kubelab: next to a pod spinning in
 * `while true; do :; done`, a web pod still becomes Ready and answers HTTP, and deleting the busy pod ends it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtinImages, createInProcessRuntime } from '../../src/images/index.ts';
import { watchdog } from '../../src/images/test-helpers.ts';
import * as web from '../../src/web/index.ts';
import { isRecord } from '../../src/core/index.ts';
import { condition, cstatus, get, startNode, status } from './harness.ts';

const running = (c: Record<string, unknown> | undefined) => isRecord(c?.state) && 'running' in c.state;

test('a pod in a busy shell loop leaves kubelab running: a web pod gets Ready and serves; delete ends the loop', async (t) => {
  watchdog(t);
  const n = await startNode(t, {
    runtime: (clock) => createInProcessRuntime({ registry: builtinImages(web), clock }),
  });
  await n.client.pods.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'busy', namespace: 'default' },
    spec: {
      nodeName: 'kubelab',
      terminationGracePeriodSeconds: 1,
      containers: [{ name: 'busy', image: 'busybox:1.36', command: ['sh', '-c', 'while true; do :; done'] }],
    },
  });
  await n.waitFor('the busy loop running', async () => {
    return running(cstatus(await n.pod('busy'), 'busy'));
  });
  await n.client.pods.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      nodeName: 'kubelab',
      terminationGracePeriodSeconds: 1,
      initContainers: [
        {
          name: 'init',
          image: 'kubelab/web',
          command: ['web', 'generate', '--out', '/app'],
          volumeMounts: [{ name: 'app', mountPath: '/app' }],
        },
      ],
      containers: [
        {
          name: 'web',
          image: 'kubelab/web',
          readinessProbe: { httpGet: { path: '/index.html', port: 8000 }, periodSeconds: 1 },
          volumeMounts: [{ name: 'app', mountPath: '/app' }],
        },
      ],
      volumes: [{ name: 'app', emptyDir: {} }],
    },
  });
  const pod = await n.waitFor('the web pod Ready', async () => {
    const p = await n.pod('web');
    return condition(p, 'Ready')?.status === 'True' ? p : undefined;
  });
  const res = await get(`http://${String(status(pod).podIP)}:8000/index.html`);
  assert.equal(res.code, 200);
  assert.match(res.body, /web/);
  assert.ok(running(cstatus(await n.pod('busy'), 'busy')), 'the loop still runs');

  await n.client.pods.delete('busy', { namespace: 'default' });
  await n.waitFor('the busy pod gone', async () => (await n.pod('busy')) === undefined);
});
