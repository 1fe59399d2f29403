import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError, FakeClock } from '../core/index.ts';
import type { KubeObject } from '../core/index.ts';
import { BUILTIN_RESOURCES, createClient } from './client.ts';
import { ClientConfigError } from './errors.ts';
import { httpTransport } from './http-transport.ts';
import { resourcePath } from './paths.ts';
import type { PathTarget, ResourceType } from './paths.ts';
import { retryOnConflict } from './retry.ts';
import { startScriptedApi } from './testing/scripted-api.ts';

describe('resourcePath', () => {
  const ipPools: ResourceType = {
    group: 'metallb.io',
    version: 'v1beta1',
    resource: 'ipaddresspools',
    namespaced: true,
  };
  const rows: { desc: string; type: ResourceType; target: PathTarget; want: string }[] = [
    {
      desc: 'core collection in a namespace',
      type: BUILTIN_RESOURCES.pods,
      target: { namespace: 'default' },
      want: '/api/v1/namespaces/default/pods',
    },
    {
      desc: 'core collection, all namespaces',
      type: BUILTIN_RESOURCES.pods,
      target: {},
      want: '/api/v1/pods',
    },
    {
      desc: 'status subresource',
      type: BUILTIN_RESOURCES.pods,
      target: { namespace: 'default', name: 'web', subresource: 'status' },
      want: '/api/v1/namespaces/default/pods/web/status',
    },
    {
      desc: 'named group',
      type: BUILTIN_RESOURCES.deployments,
      target: { namespace: 'default', name: 'web' },
      want: '/apis/apps/v1/namespaces/default/deployments/web',
    },
    {
      desc: 'cluster-scoped object',
      type: BUILTIN_RESOURCES.nodes,
      target: { name: 'minikube' },
      want: '/api/v1/nodes/minikube',
    },
    {
      desc: 'namespace ignored for cluster-scoped',
      type: BUILTIN_RESOURCES.ingressclasses,
      target: { namespace: 'default', name: 'nginx' },
      want: '/apis/networking.k8s.io/v1/ingressclasses/nginx',
    },
    {
      desc: 'a namespace object',
      type: BUILTIN_RESOURCES.namespaces,
      target: { name: 'kube-system' },
      want: '/api/v1/namespaces/kube-system',
    },
    {
      desc: 'endpointslices',
      type: BUILTIN_RESOURCES.endpointslices,
      target: { namespace: 'default' },
      want: '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices',
    },
    {
      desc: 'custom resource',
      type: ipPools,
      target: { namespace: 'metallb-system', name: 'pool' },
      want: '/apis/metallb.io/v1beta1/namespaces/metallb-system/ipaddresspools/pool',
    },
    {
      desc: 'names are escaped',
      type: BUILTIN_RESOURCES.configmaps,
      target: { namespace: 'default', name: 'a b' },
      want: '/api/v1/namespaces/default/configmaps/a%20b',
    },
  ];
  for (const row of rows) {
    test(row.desc, () => assert.equal(resourcePath(row.type, row.target), row.want));
  }
  test('a namespaced object needs a namespace', () => {
    assert.throws(() => resourcePath(BUILTIN_RESOURCES.pods, { name: 'web' }), ClientConfigError);
  });
});

const cm = (name: string, data: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', labels: { app: name } },
  data,
});

async function setup(t: Parameters<typeof startScriptedApi>[0]) {
  const api = await startScriptedApi(t);
  const transport = httpTransport({ server: api.url });
  t.after(() => transport.close());
  return { api, client: createClient(transport) };
}

describe('resource client over HTTP', () => {
  test('create, get, list by label, update, updateStatus, patch, delete', async (t) => {
    const { api, client } = await setup(t);
    const created = await client.configmaps.create(cm('a', { k: '1' }));
    assert.equal(created.metadata.name, 'a');
    await client.configmaps.create(cm('b'));
    assert.deepEqual((await client.configmaps.get('a', { namespace: 'default' })).data, { k: '1' });
    const list = await client.configmaps.list({ namespace: 'default', labelSelector: 'app=b' });
    assert.deepEqual(
      list.items.map((o) => o.metadata.name),
      ['b'],
    );
    assert.equal(list.metadata.resourceVersion, String(api.revision));

    const updated = await client.configmaps.update({ ...created, data: { k: '2' } });
    assert.deepEqual(updated.data, { k: '2' });
    await client.configmaps.updateStatus({ ...updated, status: { phase: 'x' } });
    const patched = await client.configmaps.patch(
      'a',
      'merge',
      { data: { j: '3' } },
      { namespace: 'default' },
    );
    assert.deepEqual(patched.data, { k: '2', j: '3' });
    await client.configmaps.delete('a', {
      namespace: 'default',
      propagationPolicy: 'Background',
      gracePeriodSeconds: 0,
    });

    const seen = api.requests.map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(seen, [
      'POST /api/v1/namespaces/default/configmaps',
      'POST /api/v1/namespaces/default/configmaps',
      'GET /api/v1/namespaces/default/configmaps/a',
      'GET /api/v1/namespaces/default/configmaps',
      'PUT /api/v1/namespaces/default/configmaps/a',
      'PUT /api/v1/namespaces/default/configmaps/a/status',
      'PATCH /api/v1/namespaces/default/configmaps/a',
      'DELETE /api/v1/namespaces/default/configmaps/a',
    ]);
    assert.equal(api.requests[6]?.headers['content-type'], 'application/merge-patch+json');
    assert.deepEqual(api.requests[7]?.body, {
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      propagationPolicy: 'Background',
      gracePeriodSeconds: 0,
    });
  });

  test('create fills apiVersion and kind from the resource type', async (t) => {
    const { api, client } = await setup(t);
    await client.deployments.create({ metadata: { name: 'web', namespace: 'default' } } as KubeObject);
    const body = api.requests[0]?.body as KubeObject;
    assert.equal(api.requests[0]?.path, '/apis/apps/v1/namespaces/default/deployments');
    assert.deepEqual([body.apiVersion, body.kind], ['apps/v1', 'Deployment']);
  });

  const errorRows: {
    desc: string;
    run: (c: ReturnType<typeof createClient>) => Promise<unknown>;
    code: string;
    message: string;
  }[] = [
    {
      desc: 'get of a missing object → NOT_FOUND with the server message',
      run: (c) => c.pods.get('nginx', { namespace: 'default' }),
      code: 'NOT_FOUND',
      message: 'pods "nginx" not found',
    },
    {
      desc: 'create of an existing name → ALREADY_EXISTS',
      run: async (c) => {
        await c.configmaps.create(cm('dup'));
        return c.configmaps.create(cm('dup'));
      },
      code: 'ALREADY_EXISTS',
      message: 'configmaps "dup" already exists',
    },
    {
      desc: 'update with a stale resourceVersion → CONFLICT',
      run: async (c) => {
        const o = await c.configmaps.create(cm('stale'));
        await c.configmaps.update(o);
        return c.configmaps.update(o);
      },
      code: 'CONFLICT',
      message:
        'Operation cannot be fulfilled on configmaps "stale": the object has been modified; please apply your changes to the latest version and try again',
    },
  ];
  for (const row of errorRows) {
    test(row.desc, async (t) => {
      const { client } = await setup(t);
      await assert.rejects(row.run(client), (err: unknown) => {
        assert.ok(err instanceof ApiError);
        assert.equal(err.code, row.code);
        assert.equal(err.message, row.message);
        return true;
      });
    });
  }

  test('an Invalid Status keeps its causes in details', async (t) => {
    const { api, client } = await setup(t);
    const status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      reason: 'Invalid',
      details: {
        name: 'web',
        group: 'apps',
        kind: 'Deployment',
        causes: [
          {
            reason: 'FieldValueInvalid',
            field: 'spec.replicas',
            message: 'Invalid value: -1: must be greater than or equal to 0',
          },
        ],
      },
      code: 422,
    };
    api.respondNext('POST', '/apis/apps/v1', 422, status);
    await assert.rejects(
      client.deployments.create({ metadata: { name: 'web', namespace: 'default' } } as KubeObject),
      (err: unknown) => {
        assert.ok(err instanceof ApiError);
        assert.equal(err.code, 'INVALID');
        assert.equal(err.message, status.message);
        assert.deepEqual(err.details, status.details);
        assert.deepEqual(err.toStatus(), status);
        return true;
      },
    );
  });

  test('list follows continue tokens and returns every page', async (t) => {
    const { api, client } = await setup(t);
    const page = (items: string[], cont?: string) => ({
      kind: 'ConfigMapList',
      apiVersion: 'v1',
      metadata: { resourceVersion: '7', ...(cont ? { continue: cont } : {}) },
      items: items.map((n) => cm(n)),
    });
    api.respondNext('GET', '/api/v1/namespaces/default/configmaps', 200, page(['a', 'b'], 'tok'));
    api.respondNext('GET', '/api/v1/namespaces/default/configmaps', 200, page(['c']));
    const list = await client.configmaps.list({ namespace: 'default', limit: 2 });
    assert.deepEqual(
      list.items.map((o) => o.metadata.name),
      ['a', 'b', 'c'],
    );
    assert.equal(list.metadata.continue, undefined);
    assert.equal(api.requests[1]?.query.get('continue'), 'tok');
    assert.equal(api.requests[1]?.query.get('limit'), '2');
  });

  test('retryOnConflict re-reads and retries until the write lands', async (t) => {
    const { client } = await setup(t);
    await client.configmaps.create(cm('counter', { n: '0' }));
    let attempts = 0;
    const result = await retryOnConflict(async () => {
      attempts++;
      const o = await client.configmaps.get('counter', { namespace: 'default' });
      // Someone else writes between our read and our write, twice.
      if (attempts <= 2) await client.configmaps.update({ ...o, data: { n: `other-${attempts}` } });
      return client.configmaps.update({ ...o, data: { n: 'mine' } });
    });
    assert.equal(attempts, 3);
    assert.deepEqual(result.data, { n: 'mine' });
  });

  test('retryOnConflict gives up after its steps and rethrows; other errors are not retried', async () => {
    const conflict = new ApiError('CONFLICT', 'x');
    let calls = 0;
    const clock = new FakeClock();
    const pending = retryOnConflict(
      () => {
        calls++;
        return Promise.reject(conflict);
      },
      { steps: 3, delayMs: 10, jitter: 0, clock },
    ).catch((err: unknown) => err);
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setImmediate(r));
      clock.advance(10);
    }
    assert.equal(await pending, conflict);
    assert.equal(calls, 3);
    calls = 0;
    await assert.rejects(
      retryOnConflict(() => {
        calls++;
        return Promise.reject(new ApiError('NOT_FOUND', 'gone'));
      }),
      /gone/,
    );
    assert.equal(calls, 1);
  });
});
