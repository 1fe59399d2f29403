import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FakeClock } from '../core/index.ts';
import type { KubeObject } from '../core/index.ts';
import { createClient } from './client.ts';
import { httpTransport } from './http-transport.ts';
import { createInformer } from './informer.ts';
import type { Informer } from './informer.ts';
import { createInformerFactory } from './informer-factory.ts';
import { startScriptedApi, waitFor } from './testing/scripted-api.ts';

const PODS = '/api/v1/pods';
const pod = (name: string, phase = 'Pending'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  status: { phase },
});

async function setup(t: Parameters<typeof startScriptedApi>[0], options: { resyncMs?: number } = {}) {
  const api = await startScriptedApi(t);
  const transport = httpTransport({ server: api.url });
  t.after(() => transport.close());
  const client = createClient(transport);
  const clock = new FakeClock();
  const errors: string[] = [];
  const informer = createInformer({
    resource: client.pods,
    namespace: 'default',
    clock,
    backoff: { jitter: 0 },
    onError: (err, where) => errors.push(`${where}: ${err.message}`),
    ...options,
  });
  t.after(() => informer.stop());
  const seen: string[] = [];
  informer.addEventHandler({
    add: (o) => seen.push(`add ${o.metadata.name}`),
    update: (a, b) =>
      seen.push(`update ${b.metadata.name} ${a.metadata.resourceVersion}->${b.metadata.resourceVersion}`),
    delete: (o) => seen.push(`delete ${o.metadata.name}`),
  });
  const lists = () => api.requests.filter((r) => r.method === 'GET' && !r.query.has('watch')).length;
  const watches = () => api.requests.filter((r) => r.query.get('watch') === 'true');
  return { api, client, clock, informer, seen, errors, lists, watches };
}

const names = (informer: Informer) =>
  informer
    .list()
    .map((o) => o.metadata.name)
    .sort();

describe('informer', () => {
  test('lists, syncs, then watches from the list resourceVersion and keeps the cache current', async (t) => {
    const { api, informer, seen, watches } = await setup(t);
    api.put('/api/v1/pods', pod('a'));
    api.put('/api/v1/pods', pod('b'));
    const listRV = String(api.revision);
    assert.equal(informer.hasSynced(), false);
    informer.start();
    await informer.whenSynced();
    assert.equal(informer.hasSynced(), true);
    assert.deepEqual(seen.sort(), ['add a', 'add b']);
    await waitFor(() => api.watchCount() === 1, 'the watch');
    assert.equal(watches()[0]?.query.get('resourceVersion'), listRV);

    seen.length = 0;
    const aRV = informer.get('default/a')?.metadata.resourceVersion;
    api.put('/api/v1/pods', pod('c'));
    api.put('/api/v1/pods', pod('a', 'Running'));
    api.remove('/api/v1/pods', 'default', 'b');
    await waitFor(() => seen.length === 3, 'three events');
    assert.deepEqual(seen, ['add c', `update a ${aRV}->${Number(listRV) + 2}`, 'delete b']);
    assert.deepEqual(names(informer), ['a', 'c']);
    assert.deepEqual(informer.get('default/a')?.status, { phase: 'Running' });
    assert.equal(informer.lastSyncResourceVersion(), String(api.revision));
  });

  test('410 Expired: relists after backoff on the clock and tells handlers only what changed', async (t) => {
    const { api, clock, informer, seen, errors, lists, watches } = await setup(t);
    for (const n of ['a', 'b', 'c']) api.put(PODS, pod(n));
    informer.start();
    await informer.whenSynced();
    await waitFor(() => api.watchCount() === 1, 'the watch');
    const bRV = informer.get('default/b')?.metadata.resourceVersion;

    // Changes the watch never reports (compacted away), then the server expires the watch.
    api.put(PODS, pod('b', 'Running'), { silent: true });
    api.remove(PODS, 'default', 'a', { silent: true });
    api.put(PODS, pod('d'), { silent: true });
    seen.length = 0;
    api.expireWatches();
    await waitFor(() => errors.length === 1, 'the watch error');
    assert.match(errors[0] ?? '', /^watch: too old resource version/);

    clock.advance(799); // client-go reflector backoff starts at 800 ms
    assert.equal(clock.pendingTimers(), 1, 'the relist is still waiting');
    assert.equal(lists(), 1);
    clock.advance(1);
    await waitFor(() => seen.length === 3, 'the relist diff');
    assert.equal(lists(), 2);
    assert.deepEqual(seen.sort(), [`delete a`, `update b ${bRV}->${api.revision - 2}`, 'add d'].sort());
    assert.deepEqual(names(informer), ['b', 'c', 'd']);

    // The new watch starts from the relist's resourceVersion and delivers again.
    await waitFor(() => api.watchCount() === 1, 'the new watch');
    assert.equal(watches().at(-1)?.query.get('resourceVersion'), String(api.revision));
    api.put(PODS, pod('e'));
    await waitFor(() => seen.includes('add e'), 'add e');
  });

  test('a normal watch close carries on from the last resourceVersion without a relist', async (t) => {
    const { api, informer, seen, lists, watches } = await setup(t);
    informer.start();
    await informer.whenSynced();
    await waitFor(() => api.watchCount() === 1, 'the watch');
    api.put(PODS, pod('a'));
    await waitFor(() => seen.length === 1, 'add a');
    const rv = String(api.revision);
    api.closeWatches();
    await waitFor(() => watches().length === 2 && api.watchCount() === 1, 'the re-watch');
    assert.equal(watches()[1]?.query.get('resourceVersion'), rv);
    assert.equal(lists(), 1);
  });

  test('a watch that closes at once with no events counts as a failure: relist with backoff', async (t) => {
    const { api, clock, informer, errors, lists } = await setup(t);
    informer.start();
    await informer.whenSynced();
    await waitFor(() => api.watchCount() === 1, 'the watch');
    api.closeWatches();
    await waitFor(() => errors.length === 1, 'the short-watch error');
    assert.match(errors[0] ?? '', /very short watch/);
    clock.advance(800);
    await waitFor(() => lists() === 2, 'the relist');
  });

  test('list failures retry with doubling backoff; not synced until a list succeeds', async (t) => {
    const { api, clock, informer, errors, lists } = await setup(t);
    const status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'etcd down',
      reason: 'InternalError',
      code: 500,
    };
    api.respondNext('GET', '/api/v1/namespaces/default/pods', 500, status);
    api.respondNext('GET', '/api/v1/namespaces/default/pods', 500, status);
    let synced = false;
    void informer.whenSynced().then(() => (synced = true));
    informer.start();
    await waitFor(() => errors.length === 1, 'first failure');
    assert.deepEqual(errors, ['list: etcd down']);
    clock.advance(800);
    await waitFor(() => errors.length === 2, 'second failure');
    clock.advance(1599);
    assert.equal(clock.pendingTimers(), 1, 'the second pause is 1600 ms');
    assert.equal(lists(), 2);
    assert.equal(synced, false);
    clock.advance(1);
    await waitFor(() => synced, 'sync');
    assert.equal(informer.hasSynced(), true);
  });

  test('a handler added after sync first gets add for every cached object', async (t) => {
    const { api, informer } = await setup(t);
    api.put(PODS, pod('a'));
    informer.start();
    await informer.whenSynced();
    const late: string[] = [];
    const off = informer.addEventHandler({ add: (o) => late.push(o.metadata.name ?? '') });
    assert.deepEqual(late, ['a']);
    off();
    await waitFor(() => api.watchCount() === 1, 'the watch');
    api.put(PODS, pod('b'));
    await waitFor(() => informer.get('default/b') !== undefined, 'b cached');
    assert.deepEqual(late, ['a'], 'no events after unsubscribe');
  });

  test('resync replays update(obj, obj) on the clock', async (t) => {
    const { api, clock, informer, seen } = await setup(t, { resyncMs: 30_000 });
    api.put(PODS, pod('a'));
    informer.start();
    await informer.whenSynced();
    seen.length = 0;
    clock.advance(30_000);
    const rv = informer.get('default/a')?.metadata.resourceVersion;
    assert.deepEqual(seen, [`update a ${rv}->${rv}`]);
  });

  test('stop closes the watch; whenSynced of a stopped informer rejects', async (t) => {
    const { api, informer } = await setup(t);
    informer.start();
    await informer.whenSynced();
    await waitFor(() => api.watchCount() === 1, 'the watch');
    informer.stop();
    await waitFor(() => api.watchCount() === 0, 'the watch to close');

    const { informer: never } = await setup(t);
    const pending = never.whenSynced();
    never.stop();
    await assert.rejects(pending, /stopped before it synced/);
  });

  test('the factory shares one informer (one watch) per resource, namespace and selector', async (t) => {
    const { api, client, clock } = await setup(t);
    const factory = createInformerFactory({ clock });
    t.after(() => factory.stop());
    const a = factory.informer(client.pods, { namespace: 'default' });
    const b = factory.informer(client.pods, { namespace: 'default' });
    const c = factory.informer(client.pods, { namespace: 'default', labelSelector: 'app=web' });
    assert.equal(a, b);
    assert.notEqual(a, c);
    factory.start();
    await factory.whenSynced();
    assert.equal(factory.hasSynced(), true);
    await waitFor(() => api.watchCount() === 2, 'two watches');
    const late = factory.informer(client.services);
    await late.whenSynced(); // started at once because the factory is running
  });
});
