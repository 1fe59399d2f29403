/**
 * The controllers against a real in-process API server on the memory store: a Deployment rolls out
 * and rolls over to a new template while the test plays the kubelet (marks pods Running and Ready),
 * ending in the status `kubectl rollout status` reports as done, the ScalingReplicaSet events, and
 * Endpoints/EndpointSlices listing the ready pod IPs. This test composes components as cluster.ts
 * does, which is why it (alone) imports the API server and the store.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
/* eslint-disable no-restricted-imports -- a composition test, like cluster.ts */
import { startApiServer } from '../apiserver/index.ts';
import { openStore } from '../store/index.ts';
/* eslint-enable no-restricted-imports */
import { createClient } from '../client/index.ts';
import type { Client } from '../client/index.ts';
import type { Deployment, Pod } from './common/types.ts';
import { startControllers } from './index.ts';
import type { Endpoints } from './endpoints/reconcile.ts';
import type { EndpointSlice } from './endpointslice/reconcile.ts';

async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** kubectl's DeploymentStatusViewer (kubectl-api.md §9). */
function rolloutStatus(d: Deployment): { done: boolean; message: string } {
  const name = d.metadata.name;
  const s = d.status ?? {};
  if ((d.metadata.generation ?? 0) > (s.observedGeneration ?? 0))
    return { done: false, message: 'Waiting for deployment spec update to be observed...' };
  if (s.conditions?.find((c) => c.type === 'Progressing')?.reason === 'ProgressDeadlineExceeded')
    throw new Error(`deployment "${name}" exceeded its progress deadline`);
  const want = d.spec.replicas ?? 1;
  const [updated, replicas, available] = [s.updatedReplicas ?? 0, s.replicas ?? 0, s.availableReplicas ?? 0];
  if (updated < want)
    return {
      done: false,
      message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...`,
    };
  if (replicas > updated)
    return {
      done: false,
      message: `Waiting for deployment "${name}" rollout to finish: ${replicas - updated} old replicas are pending termination...`,
    };
  if (available < updated)
    return {
      done: false,
      message: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...`,
    };
  return { done: true, message: `deployment "${name}" successfully rolled out` };
}

let nextIP = 10;
/** The kubelet's part: every pod without an IP gets one, runs and turns Ready. */
async function playKubelet(client: Client): Promise<void> {
  for (const pod of (await client.pods.list({ namespace: 'default' })).items as Pod[]) {
    if (pod.metadata.deletionTimestamp || pod.status?.podIP) continue;
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    await client.pods.patch(
      pod.metadata.name!,
      'merge',
      {
        status: {
          phase: 'Running',
          podIP: `127.244.0.${nextIP}`,
          podIPs: [{ ip: `127.244.0.${nextIP++}` }],
          conditions: [
            { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: now },
            { type: 'ContainersReady', status: 'True', lastProbeTime: null, lastTransitionTime: now },
          ],
        },
      },
      { namespace: 'default', subresource: 'status' },
    );
  }
}

test('a Deployment rolls out and over through the API; endpoints follow pod readiness', async (t) => {
  const store = await openStore({ driver: 'memory' });
  const server = await startApiServer({ store, plainHttp: true });
  t.after(() => server.close());
  const controllers = startControllers({
    transport: server.transport,
    controllers: ['replicaset', 'deployment', 'endpoints', 'endpointslice'],
  });
  t.after(() => controllers.stop());
  await controllers.ready;
  const client = createClient(server.transport);

  await client.services.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8000 }] },
  });
  const manifest: Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '100%', maxUnavailable: 0 } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'kubelab/web:1', ports: [{ containerPort: 8000 }] }] },
      },
    },
  };
  await client.deployments.create(manifest);

  const getD = async () => (await client.deployments.get('web', { namespace: 'default' })) as Deployment;
  const first = await waitFor('first rollout', async () => {
    await playKubelet(client);
    const d = await getD();
    return rolloutStatus(d).done && d;
  });
  assert.equal(rolloutStatus(first).message, 'deployment "web" successfully rolled out');
  assert.deepEqual(
    first.status?.conditions?.map((c) => [c.type, c.status, c.reason]),
    [
      ['Available', 'True', 'MinimumReplicasAvailable'],
      ['Progressing', 'True', 'NewReplicaSetAvailable'],
    ],
  );

  const eps = await waitFor('endpoints with 3 ready addresses', async () => {
    const ep = await client.endpoints
      .get('web', { namespace: 'default' })
      .then((o) => o as Endpoints)
      .catch(() => undefined);
    return ep?.subsets?.[0]?.addresses?.length === 3 && ep;
  });
  assert.deepEqual(eps.subsets?.[0]?.ports, [{ port: 8000, protocol: 'TCP' }]);
  const slices = await waitFor('an EndpointSlice with 3 ready endpoints', async () => {
    const list = (
      await client.endpointslices.list({
        namespace: 'default',
        labelSelector: 'kubernetes.io/service-name=web',
      })
    ).items as EndpointSlice[];
    return list.length === 1 && list[0]!.endpoints.filter((e) => e.conditions.ready).length === 3 && list;
  });
  assert.equal(
    slices[0]!.metadata.labels?.['endpointslice.kubernetes.io/managed-by'],
    'endpointslice-controller.k8s.io',
  );

  // Roll over to a new template; the old pods leave one by one as new ones become available.
  await client.deployments.patch(
    'web',
    'merge',
    {
      spec: {
        template: {
          spec: { containers: [{ name: 'web', image: 'kubelab/web:2', ports: [{ containerPort: 8000 }] }] },
        },
      },
    },
    { namespace: 'default' },
  );
  const second = await waitFor('second rollout', async () => {
    await playKubelet(client);
    const d = await getD();
    return d.metadata.generation === 2 && rolloutStatus(d).done && d;
  });
  assert.equal(second.metadata.annotations?.['deployment.kubernetes.io/revision'], '2');
  const rss = (await client.replicasets.list({ namespace: 'default' })).items;
  // Defaulting gives the RS template exactly the Deployment's, so each template has one RS.
  assert.equal(rss.length, 2);
  const [oldRS, newRS] = [...rss].sort(
    (a, b) =>
      Number(a.metadata.annotations?.['deployment.kubernetes.io/revision']) -
      Number(b.metadata.annotations?.['deployment.kubernetes.io/revision']),
  );
  const events = await waitFor('the ScalingReplicaSet events', async () => {
    const list = (await client.events.list({ namespace: 'default' })).items as unknown as {
      reason: string;
      message: string;
      source: { component: string };
      firstTimestamp: string;
    }[];
    const scaling = list.filter((e) => e.reason === 'ScalingReplicaSet');
    return scaling.length >= 2 + 1 && scaling;
  });
  assert.ok(events.every((e) => e.source.component === 'deployment-controller'));
  const messages = events.map((e) => e.message);
  assert.ok(messages.includes(`Scaled up replica set ${oldRS!.metadata.name} from 0 to 3`));
  assert.ok(messages.includes(`Scaled up replica set ${newRS!.metadata.name} from 0 to 3`));
  // With maxUnavailable 0 the old RS only shrinks as new pods become available; how many steps
  // depends on how fast the (test) kubelet marks pods Ready, but it always ends at 0.
  await waitFor('old RS scaled to 0', async () =>
    messages
      .concat(
        (await client.events.list({ namespace: 'default' })).items.map(
          (e) => (e as unknown as { message: string }).message,
        ),
      )
      .some(
        (m) => m.startsWith(`Scaled down replica set ${oldRS!.metadata.name} from`) && m.endsWith(' to 0'),
      ),
  );
  const pods = (await client.pods.list({ namespace: 'default' })).items;
  assert.equal(pods.length, 3);
  assert.ok(
    pods.every(
      (p) => p.metadata.labels?.['pod-template-hash'] === newRS!.metadata.labels?.['pod-template-hash'],
    ),
  );
  await waitFor('endpoints on the new pods', async () => {
    const ep = (await client.endpoints.get('web', { namespace: 'default' })) as Endpoints;
    const names = new Set(ep.subsets?.[0]?.addresses?.map((a) => a.targetRef.name));
    return names.size === 3 && pods.every((p) => names.has(p.metadata.name!));
  });
});
