/** openStore validates its config up front and fails with a typed error naming the field. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openStore, StoreConfigError, type StoreConfig } from './index.ts';
import { objectKey, parseKey } from './keys.ts';

const invalid: { desc: string; config: unknown; field: string }[] = [
  { desc: 'not an object', config: null, field: 'config' },
  { desc: 'unknown driver', config: { driver: 'sqlite' }, field: 'driver' },
  { desc: 'missing driver', config: {}, field: 'driver' },
  { desc: 'lmdb without a path', config: { driver: 'lmdb' }, field: 'path' },
  { desc: 'lmdb with an empty path', config: { driver: 'lmdb', path: '' }, field: 'path' },
  { desc: 'zero history', config: { driver: 'memory', historySize: 0 }, field: 'historySize' },
  {
    desc: 'fractional queue limit',
    config: { driver: 'memory', watchQueueLimit: 1.5 },
    field: 'watchQueueLimit',
  },
  { desc: 'string history', config: { driver: 'memory', historySize: '10' }, field: 'historySize' },
];

for (const c of invalid) {
  test(`openStore rejects ${c.desc}`, async () => {
    await assert.rejects(openStore(c.config as StoreConfig), (error) => {
      assert.ok(error instanceof StoreConfigError);
      assert.equal(error.field, c.field);
      return true;
    });
  });
}

test('openStore accepts a memory config with options', async (t) => {
  const store = await openStore({ driver: 'memory', historySize: 5, watchQueueLimit: 2 });
  t.after(() => store.close());
  assert.equal(store.currentRevision(), 1, 'a fresh store is at revision 1, as etcd');
});

const keys = [
  {
    desc: 'core, namespaced',
    key: '/core/pods/default/nginx',
    parts: { group: '', resource: 'pods', namespace: 'default', name: 'nginx' },
  },
  {
    desc: 'named group',
    key: '/apps/deployments/default/web',
    parts: { group: 'apps', resource: 'deployments', namespace: 'default', name: 'web' },
  },
  {
    desc: 'cluster-scoped',
    key: '/core/namespaces/_cluster/default',
    parts: { group: '', resource: 'namespaces', name: 'default' },
  },
];
for (const c of keys) {
  test(`keys: ${c.desc} round-trips`, () => {
    assert.deepEqual(parseKey(c.key), c.parts);
    assert.equal(objectKey(c.parts.group, c.parts.resource, c.parts.namespace, c.parts.name), c.key);
  });
}

test('keys: a key in another shape still names the object by its last segment', () => {
  assert.deepEqual(parseKey('/registry/things/x'), { group: '', resource: '/registry/things', name: 'x' });
});
