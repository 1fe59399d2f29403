import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError } from '../core/index.ts';
import { createClient } from './client.ts';
import { httpTransport } from './http-transport.ts';
import { startScriptedApi } from './testing/scripted-api.ts';

const appsV1 = {
  kind: 'APIResourceList',
  apiVersion: 'v1',
  groupVersion: 'apps/v1',
  resources: [
    { name: 'deployments', singularName: 'deployment', namespaced: true, kind: 'Deployment', verbs: ['get'] },
    { name: 'deployments/status', singularName: '', namespaced: true, kind: 'Deployment', verbs: ['get'] },
    { name: 'deployments/scale', singularName: '', namespaced: true, kind: 'Scale', verbs: ['get'] },
  ],
};
const metallb = {
  kind: 'APIResourceList',
  apiVersion: 'v1',
  groupVersion: 'metallb.io/v1beta1',
  resources: [
    {
      name: 'ipaddresspools',
      singularName: 'ipaddresspool',
      namespaced: true,
      kind: 'IPAddressPool',
      verbs: ['get'],
    },
  ],
};
const notFound = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: '404 page not found',
  reason: 'NotFound',
  code: 404,
};

describe('discovery mapper', () => {
  test('maps apiVersion/kind to the resource (never a subresource) and caches the group/version', async (t) => {
    const api = await startScriptedApi(t);
    const transport = httpTransport({ server: api.url });
    t.after(() => transport.close());
    const client = createClient(transport);
    api.respondNext('GET', '/apis/apps/v1', 200, appsV1);
    const type = await client.mapper.resourceFor({ apiVersion: 'apps/v1', kind: 'Deployment' });
    assert.deepEqual(type, {
      group: 'apps',
      version: 'v1',
      resource: 'deployments',
      namespaced: true,
      kind: 'Deployment',
    });
    await client.mapper.resourceFor({ apiVersion: 'apps/v1', kind: 'Deployment' });
    assert.equal(api.requests.length, 1, 'the second lookup is cached');
  });

  test('a kind that appears later (a CRD just created) is found by one refetch; a missing one is NOT_FOUND', async (t) => {
    const api = await startScriptedApi(t);
    const transport = httpTransport({ server: api.url });
    t.after(() => transport.close());
    const client = createClient(transport);
    api.respondNext('GET', '/apis/metallb.io/v1beta1', 404, notFound);
    api.respondNext('GET', '/apis/metallb.io/v1beta1', 200, metallb);
    const pools = await client.forObject({ apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool' });
    assert.equal(pools.type.resource, 'ipaddresspools');
    assert.equal(api.requests.length, 2);

    api.respondNext('GET', '/apis/metallb.io/v1beta1', 200, metallb);
    await assert.rejects(
      client.mapper.resourceFor({ apiVersion: 'metallb.io/v1beta1', kind: 'L2Advertisement' }),
      (err: unknown) => {
        assert.ok(err instanceof ApiError);
        assert.equal(err.code, 'NOT_FOUND');
        assert.equal(err.message, 'no matches for kind "L2Advertisement" in version "metallb.io/v1beta1"');
        return true;
      },
    );
  });
});
