/**
 * API semantics through the in-process transport: create/update rules, status and scale subresources,
 * conflicts, dryRun, deletion (grace, finalizers, propagation, GC), namespaces, watch.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TestContext } from 'node:test';
import { FakeClock } from '../../src/core/index.ts';
import type { ApiTransport, KubeObject, WatchEvent } from '../../src/core/index.ts';
import { startApiServer } from '../../src/apiserver/index.ts';
import type { ApiServerConfig } from '../../src/apiserver/index.ts';
import { openStore } from '../../src/store/index.ts';
import { waitFor } from './harness.ts';

interface Api {
  transport: ApiTransport;
  req(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    extra?: { query?: Record<string, string>; headers?: Record<string, string> },
  ): Promise<{ status: number; body: Record<string, unknown> & KubeObject }>;
}

async function start(t: TestContext, extra: Partial<ApiServerConfig> = {}): Promise<Api> {
  const store = await openStore({ driver: 'memory' });
  const server = await startApiServer({ store, plainHttp: true, ...extra });
  t.after(async () => {
    await server.close();
    await store.close();
  });
  return {
    transport: server.transport,
    async req(method, path, body, x = {}) {
      const res = await server.transport.request({
        method,
        path,
        body,
        query: x.query ?? {},
        headers: x.headers ?? {},
      });
      return res as { status: number; body: Record<string, unknown> & KubeObject };
    },
  };
}

const CM = '/api/v1/namespaces/default/configmaps';
const cm = (name: string, extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name },
  data: { a: '1' },
  ...extra,
});
const DEPLOY = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'nginx' }] },
    },
  },
};

describe('create and update', () => {
  test('system fields, generateName, conflicts on a stale resourceVersion, no-op updates keep the revision', async (t) => {
    const api = await start(t);
    const created = await api.req('POST', CM, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { generateName: 'gen-' },
    });
    assert.equal(created.status, 201);
    assert.match(created.body.metadata.name ?? '', /^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    assert.match(created.body.metadata.uid ?? '', /^[0-9a-f-]{36}$/);
    assert.match(created.body.metadata.creationTimestamp ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const one = await api.req('POST', CM, cm('one'));
    const dup = await api.req('POST', CM, cm('one'));
    assert.equal(dup.status, 409);
    assert.equal(dup.body.message, 'configmaps "one" already exists');
    const rv = one.body.metadata.resourceVersion;
    const same = await api.req('PUT', `${CM}/one`, one.body);
    assert.equal(same.body.metadata.resourceVersion, rv, 'a no-op update writes nothing');
    const changed = await api.req('PUT', `${CM}/one`, { ...one.body, data: { a: '2' } });
    assert.equal(changed.status, 200);
    const stale = await api.req('PUT', `${CM}/one`, { ...one.body, data: { a: '3' } });
    assert.equal(stale.status, 409);
    assert.equal(
      stale.body.message,
      'Operation cannot be fulfilled on configmaps "one": the object has been modified; please apply your changes to the latest version and try again',
    );
    const wrongName = await api.req('PUT', `${CM}/one`, {
      ...changed.body,
      metadata: { ...changed.body.metadata, name: 'two' },
    });
    assert.equal(wrongName.status, 400);
    assert.equal(
      wrongName.body.message,
      'the name of the object (two) does not match the name on the URL (one)',
    );
  });

  test('generation bumps on spec change only; status writes ignore spec and main writes ignore status', async (t) => {
    const api = await start(t);
    const path = '/apis/apps/v1/namespaces/default/deployments';
    const d = (await api.req('POST', path, DEPLOY)).body;
    assert.equal(d.metadata.generation, 1);
    const labelled = await api.req('PUT', `${path}/web`, {
      ...d,
      metadata: { ...d.metadata, labels: { x: 'y' } },
    });
    assert.equal(labelled.body.metadata.generation, 1);
    const withStatus = await api.req('PUT', `${path}/web/status`, {
      ...labelled.body,
      spec: { ...(labelled.body.spec as object), replicas: 9 },
      status: { replicas: 1, observedGeneration: 1 },
    });
    assert.deepEqual(withStatus.body.status, { replicas: 1, observedGeneration: 1 });
    assert.equal((withStatus.body.spec as { replicas: number }).replicas, 1, 'status write ignored spec');
    const scaled = await api.req('PUT', `${path}/web`, {
      ...withStatus.body,
      spec: { ...(withStatus.body.spec as object), replicas: 3 },
      status: {},
    });
    assert.equal(scaled.body.metadata.generation, 2);
    assert.deepEqual(scaled.body.status, { replicas: 1, observedGeneration: 1 }, 'main write ignored status');
    const scale = await api.req('GET', `${path}/web/scale`);
    assert.deepEqual(scale.body.spec, { replicas: 3 });
    assert.deepEqual(scale.body.status, { replicas: 1, selector: 'app=web' });
    const patched = await api.req(
      'PATCH',
      `${path}/web/scale`,
      { spec: { replicas: 5 } },
      { headers: { 'content-type': 'application/merge-patch+json' } },
    );
    assert.equal(patched.status, 200);
    assert.equal(((await api.req('GET', `${path}/web`)).body.spec as { replicas: number }).replicas, 5);
  });

  test('dryRun=All persists nothing', async (t) => {
    const api = await start(t);
    const res = await api.req('POST', CM, cm('dry'), { query: { dryRun: 'All' } });
    assert.equal(res.status, 201);
    assert.equal((await api.req('GET', `${CM}/dry`)).status, 404);
  });

  test('fieldValidation: Strict rejects, Warn passes, Ignore passes', async (t) => {
    const api = await start(t);
    const bad = { ...cm('f'), spec: { nope: 1 } };
    const strict = await api.req('POST', CM, bad, { query: { fieldValidation: 'Strict' } });
    assert.equal(strict.status, 400);
    assert.equal(
      strict.body.message,
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "spec"',
    );
    const ignore = await api.req('POST', CM, bad, { query: { fieldValidation: 'Ignore' } });
    assert.equal(ignore.status, 201);
  });

  test('namespaces: missing → 404, terminating → 403', async (t) => {
    const api = await start(t);
    const missing = await api.req('POST', '/api/v1/namespaces/nowhere/configmaps', cm('x'));
    assert.equal(missing.status, 404);
    assert.equal(missing.body.message, 'namespaces "nowhere" not found');
    await api.req('POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'held' },
    });
    await api.req(
      'POST',
      '/api/v1/namespaces/held/configmaps',
      cm('kept', { metadata: { name: 'kept', finalizers: ['example.com/hold'] } }),
    );
    const del = await api.req('DELETE', '/api/v1/namespaces/held');
    assert.equal((del.body.status as { phase: string }).phase, 'Terminating');
    const refused = await api.req('POST', '/api/v1/namespaces/held/configmaps', cm('late'));
    assert.equal(refused.status, 403);
    assert.equal(
      refused.body.message,
      'configmaps "late" is forbidden: unable to create new content in namespace held because it is being terminated',
    );
    const kept = await waitFor(async () => {
      const r = await api.req('GET', '/api/v1/namespaces/held/configmaps/kept');
      return r.body.metadata.deletionTimestamp ? r.body : undefined;
    });
    await api.req('PUT', '/api/v1/namespaces/held/configmaps/kept', {
      ...kept,
      metadata: { ...kept.metadata, finalizers: [] },
    });
    await waitFor(
      async () => ((await api.req('GET', '/api/v1/namespaces/held')).status === 404 ? true : undefined),
      10_000,
      'namespace removal',
    );
  });
});

describe('delete', () => {
  test('a pod bound to a node terminates gracefully; the API server removes it when the grace period ends', async (t) => {
    const clock = new FakeClock();
    const api = await start(t, { clock });
    const pods = '/api/v1/namespaces/default/pods';
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { nodeName: 'kubelab', containers: [{ name: 'c', image: 'x' }] },
    };
    await api.req('POST', pods, pod);
    const del = await api.req('DELETE', `${pods}/p`, { gracePeriodSeconds: 5 });
    assert.equal(del.status, 200);
    assert.equal(del.body.metadata.deletionGracePeriodSeconds, 5);
    assert.equal(del.body.metadata.deletionTimestamp, '2026-01-01T00:00:05Z');
    assert.equal((await api.req('GET', `${pods}/p`)).status, 200);
    clock.advance(5000);
    await waitFor(async () => ((await api.req('GET', `${pods}/p`)).status === 404 ? true : undefined));
    await api.req('POST', pods, {
      ...pod,
      metadata: { name: 'unbound' },
      spec: { containers: [{ name: 'c', image: 'x' }] },
    });
    await api.req('DELETE', `${pods}/unbound`);
    assert.equal((await api.req('GET', `${pods}/unbound`)).status, 404, 'an unscheduled pod goes at once');
  });

  test('finalizers keep an object until they are removed; preconditions are checked', async (t) => {
    const api = await start(t);
    const created = (
      await api.req('POST', CM, cm('f', { metadata: { name: 'f', finalizers: ['example.com/x'] } }))
    ).body;
    const wrongUid = await api.req('DELETE', `${CM}/f`, { preconditions: { uid: 'nope' } });
    assert.equal(wrongUid.status, 409);
    assert.match(
      String(wrongUid.body.message),
      /Precondition failed: UID in precondition: nope, UID in object meta: /,
    );
    const del = await api.req('DELETE', `${CM}/f`, { preconditions: { uid: created.metadata.uid } });
    assert.ok(del.body.metadata.deletionTimestamp);
    const live = (await api.req('GET', `${CM}/f`)).body;
    await api.req('PUT', `${CM}/f`, { ...live, metadata: { ...live.metadata, finalizers: [] } });
    assert.equal((await api.req('GET', `${CM}/f`)).status, 404);
  });

  const owned = (name: string, owner: KubeObject, block = false): KubeObject =>
    cm(name, {
      metadata: {
        name,
        ownerReferences: [
          {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            name: owner.metadata.name ?? '',
            uid: owner.metadata.uid ?? '',
            ...(block ? { blockOwnerDeletion: true } : {}),
          },
        ],
      },
    });
  const gone = (api: Api, name: string): Promise<true> =>
    waitFor(
      async () => ((await api.req('GET', `${CM}/${name}`)).status === 404 ? true : undefined),
      10_000,
      `${name} to go`,
    );

  test('Background: the owner goes at once, the garbage collector removes dependents', async (t) => {
    const api = await start(t);
    const owner = (await api.req('POST', CM, cm('owner'))).body;
    await api.req('POST', CM, owned('dep', owner));
    await api.req('DELETE', `${CM}/owner`, { propagationPolicy: 'Background' });
    assert.equal((await api.req('GET', `${CM}/owner`)).status, 404);
    await gone(api, 'dep');
  });

  test('Foreground: the owner waits for blocking dependents', async (t) => {
    const api = await start(t);
    const owner = (await api.req('POST', CM, cm('owner'))).body;
    await api.req('POST', CM, owned('dep', owner, true));
    const del = await api.req('DELETE', `${CM}/owner`, { propagationPolicy: 'Foreground' });
    assert.deepEqual(del.body.metadata.finalizers, ['foregroundDeletion']);
    await gone(api, 'dep');
    await gone(api, 'owner');
  });

  test('Orphan: dependents stay, without the reference', async (t) => {
    const api = await start(t);
    const owner = (await api.req('POST', CM, cm('owner'))).body;
    await api.req('POST', CM, owned('dep', owner));
    await api.req('DELETE', `${CM}/owner`, { propagationPolicy: 'Orphan' });
    const dep = await api.req('GET', `${CM}/dep`);
    assert.equal(dep.status, 200);
    assert.equal(dep.body.metadata.ownerReferences, undefined);
  });

  test('deletecollection honours the label selector', async (t) => {
    const api = await start(t);
    await api.req('POST', CM, cm('a', { metadata: { name: 'a', labels: { x: '1' } } }));
    await api.req('POST', CM, cm('b', { metadata: { name: 'b', labels: { x: '2' } } }));
    await api.req('DELETE', CM, undefined, { query: { labelSelector: 'x=1' } });
    const left = (await api.req('GET', CM)).body.items as KubeObject[];
    assert.deepEqual(
      left.map((i) => i.metadata.name).filter((n) => n === 'a' || n === 'b'),
      ['b'],
    );
  });
});

describe('watch', () => {
  const collect = (
    api: Api,
    query: Record<string, string>,
  ): { events: WatchEvent[]; closed: () => boolean } => {
    const events: WatchEvent[] = [];
    let closed = false;
    const h = api.transport.watch(
      { method: 'GET', path: CM, query },
      (e) => events.push(e),
      () => (closed = true),
    );
    return { events, closed: () => (h.stop(), closed) };
  };

  test('resourceVersion "0" replays current objects; a later one sends only newer events', async (t) => {
    const api = await start(t);
    const first = (await api.req('POST', CM, cm('one'))).body;
    const all = collect(api, { resourceVersion: '0' });
    const newer = collect(api, { resourceVersion: first.metadata.resourceVersion ?? '' });
    await api.req('POST', CM, cm('two'));
    await waitFor(() => (all.events.length >= 2 && newer.events.length >= 1 ? true : undefined));
    assert.deepEqual(
      all.events.map((e) => `${e.type} ${e.object.metadata.name}`).filter((s) => !s.includes('kube-root')),
      ['ADDED one', 'ADDED two'],
    );
    assert.deepEqual(
      newer.events.map((e) => `${e.type} ${e.object.metadata.name}`),
      ['ADDED two'],
    );
    all.closed();
    newer.closed();
  });

  test('an object leaving the label selector is DELETED for that watcher', async (t) => {
    const api = await start(t);
    const obj = (await api.req('POST', CM, cm('l', { metadata: { name: 'l', labels: { app: 'web' } } })))
      .body;
    const w = collect(api, { labelSelector: 'app=web', resourceVersion: '0' });
    await waitFor(() => (w.events.length >= 1 ? true : undefined));
    await api.req('PUT', `${CM}/l`, { ...obj, metadata: { ...obj.metadata, labels: { app: 'other' } } });
    await waitFor(() => (w.events.length >= 2 ? true : undefined));
    assert.deepEqual(
      w.events.map((e) => e.type),
      ['ADDED', 'DELETED'],
    );
    w.closed();
  });

  test('a compacted resourceVersion gives an ERROR event with a 410 Expired Status', async (t) => {
    const store = await openStore({ driver: 'memory' });
    const server = await startApiServer({ store, plainHttp: true });
    t.after(async () => {
      await server.close();
      await store.close();
    });
    await store.compact(store.currentRevision());
    const events: WatchEvent[] = [];
    let closed = false;
    server.transport.watch(
      { method: 'GET', path: CM, query: { resourceVersion: '1' } },
      (e) => events.push(e),
      () => (closed = true),
    );
    await waitFor(() => (closed ? true : undefined));
    assert.equal(events[0]?.type, 'ERROR');
    const status = events[0]?.object as unknown as { code: number; reason: string };
    assert.equal(status.code, 410);
    assert.equal(status.reason, 'Expired');
  });
});
