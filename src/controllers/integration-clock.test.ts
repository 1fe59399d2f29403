/**
 * Time-based checks run on the injected clock: with minReadySeconds a Ready pod becomes available
 * only after the fake clock has moved past that many seconds, and the Deployment then completes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
/* eslint-disable no-restricted-imports -- a composition test, like cluster.ts */
import { startApiServer } from '../apiserver/index.ts';
import { openStore } from '../store/index.ts';
/* eslint-enable no-restricted-imports */
import { createClient } from '../client/index.ts';
import { FakeClock } from '../core/index.ts';
import { metaTime } from './common/time.ts';
import type { Deployment } from './common/types.ts';
import { startControllers } from './index.ts';

async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('minReadySeconds is honoured on the injected clock', async (t) => {
  const clock = new FakeClock(new Date());
  const store = await openStore({ driver: 'memory' });
  const server = await startApiServer({ store, plainHttp: true, clock });
  t.after(() => server.close());
  const controllers = startControllers({
    transport: server.transport,
    clock,
    controllers: ['replicaset', 'deployment'],
  });
  t.after(() => controllers.stop());
  await controllers.ready;
  const client = createClient(server.transport);

  await client.deployments.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'slow', namespace: 'default' },
    spec: {
      replicas: 1,
      minReadySeconds: 5,
      selector: { matchLabels: { app: 'slow' } },
      template: {
        metadata: { labels: { app: 'slow' } },
        spec: { containers: [{ name: 'web', image: 'kubelab/web' }] },
      },
    },
  });
  const pod = await waitFor(
    'the pod',
    async () => (await client.pods.list({ namespace: 'default' })).items[0],
  );
  const t0 = metaTime(clock.now());
  await client.pods.patch(
    pod.metadata.name!,
    'merge',
    {
      status: {
        phase: 'Running',
        podIP: '127.244.0.50',
        conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: t0 }],
      },
    },
    { namespace: 'default', subresource: 'status' },
  );
  const get = async () => (await client.deployments.get('slow', { namespace: 'default' })) as Deployment;
  await waitFor('ready but not available', async () => {
    const d = await get();
    return d.status?.readyReplicas === 1 && d;
  });
  assert.equal((await get()).status?.availableReplicas ?? 0, 0);

  clock.advance(6000);
  const done = await waitFor('available after minReadySeconds', async () => {
    const d = await get();
    return d.status?.availableReplicas === 1 && d;
  });
  assert.equal(done.status?.conditions?.find((c) => c.type === 'Available')?.status, 'True');
});
