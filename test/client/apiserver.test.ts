/**
 * The client against the real API server on a memory store, through both transports: in-process
 * (`ApiServer.transport`) and HTTP (`httpTransport` on its URL). One table, the same behaviour.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TestContext } from 'node:test';
import { startApiServer } from '../../src/apiserver/index.ts';
import { createClient, createEventRecorder, createInformer, httpTransport } from '../../src/client/index.ts';
import type { Client, CoreEvent } from '../../src/client/index.ts';
import { waitFor } from '../../src/client/testing/scripted-api.ts';
import { ApiError, FakeClock } from '../../src/core/index.ts';
import type { ApiTransport, KubeObject, WatchEvent } from '../../src/core/index.ts';
import { openStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/index.ts';

async function startServer(t: TestContext) {
  const store = await openStore({ driver: 'memory' });
  const server = await startApiServer({ store, plainHttp: true, listen: { host: '127.0.0.1', port: 0 } });
  t.after(async () => {
    await server.close();
    await store.close();
  });
  return { store, server };
}

const transports: {
  desc: string;
  make: (t: TestContext, server: { url: string; transport: ApiTransport }) => ApiTransport;
}[] = [
  { desc: 'in-process', make: (_t, server) => server.transport },
  {
    desc: 'HTTP',
    make: (t, server) => {
      const transport = httpTransport({ server: server.url });
      t.after(() => transport.close());
      return transport;
    },
  },
];

const cm = (name: string, data: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', labels: { app: 'demo' } },
  data,
});

for (const row of transports) {
  describe(`client on the API server (${row.desc})`, () => {
    let client: Client;
    let store: Store;
    const setup = async (t: TestContext) => {
      const started = await startServer(t);
      store = started.store;
      client = createClient(row.make(t, started.server));
    };

    test('CRUD and the errors the server raises', async (t) => {
      await setup(t);
      const created = await client.configmaps.create(cm('a', { k: '1' }));
      assert.ok(created.metadata.uid);
      const list = await client.configmaps.list({ namespace: 'default', labelSelector: 'app=demo' });
      assert.deepEqual(
        list.items.map((o) => o.metadata.name),
        ['a'],
      );
      const patched = await client.configmaps.patch(
        'a',
        'merge',
        { data: { j: '2' } },
        { namespace: 'default' },
      );
      assert.deepEqual(patched.data, { k: '1', j: '2' });
      await assert.rejects(client.configmaps.update({ ...created, data: {} }), (err: unknown) => {
        assert.ok(err instanceof ApiError);
        assert.equal(err.code, 'CONFLICT');
        assert.match(err.message, /^Operation cannot be fulfilled on configmaps "a"/);
        return true;
      });
      await assert.rejects(client.pods.get('nope', { namespace: 'default' }), (err: unknown) => {
        assert.ok(err instanceof ApiError);
        assert.equal(err.code, 'NOT_FOUND');
        assert.equal(err.message, 'pods "nope" not found');
        return true;
      });
      await client.configmaps.delete('a', { namespace: 'default' });
      await assert.rejects(client.configmaps.get('a', { namespace: 'default' }), /not found/);
    });

    test('the informer syncs, follows the watch, and relists after compaction', async (t) => {
      await setup(t);
      await client.configmaps.create(cm('a'));
      const clock = new FakeClock();
      const errors: string[] = [];
      const informer = createInformer({
        resource: client.configmaps,
        namespace: 'default',
        labelSelector: 'app=demo',
        clock,
        backoff: { jitter: 0 },
        onError: (err, where) => errors.push(`${where}: ${err.message}`),
      });
      t.after(() => informer.stop());
      const seen: string[] = [];
      informer.addEventHandler({
        add: (o) => seen.push(`add ${o.metadata.name}`),
        update: (_, o) => seen.push(`update ${o.metadata.name}`),
        delete: (o) => seen.push(`delete ${o.metadata.name}`),
      });
      informer.start();
      await informer.whenSynced();
      assert.deepEqual(seen, ['add a']);
      await client.configmaps.create(cm('b'));
      await client.configmaps.patch('a', 'merge', { data: { x: '1' } }, { namespace: 'default' });
      await client.configmaps.delete('b', { namespace: 'default' });
      await waitFor(() => seen.length === 4, 'watch events');
      assert.deepEqual(seen, ['add a', 'add b', 'update a', 'delete b']);

      // A watch from a compacted revision is refused with 410 Expired, which the informer answers with a relist.
      const staleRV = informer.lastSyncResourceVersion();
      await client.configmaps.create(cm('c'));
      await waitFor(() => seen.includes('add c'), 'add c');
      await store.compact(store.currentRevision());
      const outcome: { events: WatchEvent[]; err?: Error; closed: boolean } = { events: [], closed: false };
      const handle = client.configmaps.watch(
        { namespace: 'default', resourceVersion: staleRV },
        (e) => outcome.events.push(e),
        (err) => Object.assign(outcome, { err, closed: true }),
      );
      t.after(() => handle.stop());
      await waitFor(() => outcome.closed || outcome.events.some((e) => e.type === 'ERROR'), 'the refusal');
      const status = (outcome.events.find((e) => e.type === 'ERROR')?.object ??
        (outcome.err as { status?: unknown } | undefined)?.status) as
        { code?: number; reason?: string } | undefined;
      assert.equal(status?.code, 410);
      assert.equal(status?.reason, 'Expired');
      assert.deepEqual(errors, []);
    });

    test('discovery maps kinds to resources, including the CRD-free built-ins kubectl sees', async (t) => {
      await setup(t);
      const rows: { apiVersion: string; kind: string; resource: string; namespaced: boolean }[] = [
        { apiVersion: 'apps/v1', kind: 'Deployment', resource: 'deployments', namespaced: true },
        { apiVersion: 'v1', kind: 'Node', resource: 'nodes', namespaced: false },
        {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'IngressClass',
          resource: 'ingressclasses',
          namespaced: false,
        },
        {
          apiVersion: 'discovery.k8s.io/v1',
          kind: 'EndpointSlice',
          resource: 'endpointslices',
          namespaced: true,
        },
      ];
      for (const row of rows) {
        const type = await client.mapper.resourceFor(row);
        assert.deepEqual([type.resource, type.namespaced], [row.resource, row.namespaced], row.kind);
      }
      await assert.rejects(
        client.forObject({ apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool' }),
        /no matches for kind "IPAddressPool" in version "metallb.io\/v1beta1"/,
      );
    });

    test('the event recorder creates, then patches count', async (t) => {
      await setup(t);
      const clock = new FakeClock('2026-11-26T12:00:00Z');
      const target = await client.configmaps.create(cm('web'));
      const recorder = createEventRecorder(client, { component: 'deployment-controller', clock });
      recorder.event(target, 'Normal', 'Synced', 'synced it');
      clock.advance(60_000);
      recorder.event(target, 'Normal', 'Synced', 'synced it');
      await recorder.flush();
      const events = (await client.events.list({ namespace: 'default' })).items as CoreEvent[];
      const mine = events.filter((e) => e.involvedObject.name === 'web');
      assert.equal(mine.length, 1);
      assert.equal(mine[0]?.count, 2);
      assert.equal(mine[0]?.firstTimestamp, '2026-11-26T12:00:00Z');
      assert.equal(mine[0]?.lastTimestamp, '2026-11-26T12:01:00Z');
      assert.deepEqual(mine[0]?.source, { component: 'deployment-controller' });
    });
  });
}
