/**
 * DaemonSet and Job through a real in-process API server on the memory store: one daemon pod for the
 * node `kubelab`, and a Job that completes once the test (playing the kubelet) marks its pod Succeeded.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
/* eslint-disable no-restricted-imports -- a composition test, like cluster.ts */
import { startApiServer } from '../apiserver/index.ts';
import { openStore } from '../store/index.ts';
/* eslint-enable no-restricted-imports */
import { createClient } from '../client/index.ts';
import type { Pod } from './common/types.ts';
import { resourceClientFor } from './common/kit.ts';
import { startControllers } from './index.ts';
import type { Job } from './job/reconcile.ts';

async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('a DaemonSet gets one pod for the node; a Job completes with SuccessCriteriaMet and Complete', async (t) => {
  const store = await openStore({ driver: 'memory' });
  const server = await startApiServer({ store, plainHttp: true });
  t.after(() => server.close());
  const controllers = startControllers({ transport: server.transport, controllers: ['daemonset', 'job'] });
  t.after(() => controllers.stop());
  await controllers.ready;
  const client = createClient(server.transport);

  await client.daemonsets.create({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: { containers: [{ name: 'agent', image: 'busybox' }] },
      },
    },
  });
  const dsPods = await waitFor('the daemon pod', async () => {
    const pods = (await client.pods.list({ namespace: 'default', labelSelector: 'app=agent' }))
      .items as Pod[];
    return pods.length === 1 && pods;
  });
  const affinity = dsPods[0]!.spec.affinity as {
    nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: unknown };
  };
  assert.deepEqual(affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution, {
    nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['kubelab'] }] }],
  });
  const ds = await waitFor('DaemonSet status', async () => {
    const d = (await client.daemonsets.get('agent', { namespace: 'default' })) as {
      status?: Record<string, number>;
    };
    return d.status?.desiredNumberScheduled === 1 && d.status.currentNumberScheduled === 1 && d;
  });
  assert.equal(ds.status?.numberReady, 0);

  const jobs = resourceClientFor(client, 'jobs');
  await jobs.create({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'once', namespace: 'default' },
    spec: {
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'once', image: 'busybox' }] } },
    },
  });
  const jobPod = await waitFor('the job pod', async () => {
    const pods = (
      await client.pods.list({ namespace: 'default', labelSelector: 'batch.kubernetes.io/job-name=once' })
    ).items;
    return pods.length === 1 && pods[0];
  });
  await client.pods.patch(
    jobPod.metadata.name!,
    'merge',
    { status: { phase: 'Succeeded' } },
    { namespace: 'default', subresource: 'status' },
  );
  const done = await waitFor('Job complete', async () => {
    const j = (await jobs.get('once', { namespace: 'default' })) as Job;
    return j.status?.conditions?.some((c) => c.type === 'Complete') && j;
  });
  assert.deepEqual(
    done.status?.conditions?.map((c) => [c.type, c.reason]),
    [
      ['SuccessCriteriaMet', 'CompletionsReached'],
      ['Complete', 'CompletionsReached'],
    ],
  );
  assert.equal(done.status?.succeeded, 1);
  await waitFor('job events', async () => {
    const list = (await client.events.list({ namespace: 'default' })).items as unknown as {
      reason: string;
      message: string;
    }[];
    return list.some((e) => e.reason === 'Completed' && e.message === 'Job completed') && list;
  });
});
