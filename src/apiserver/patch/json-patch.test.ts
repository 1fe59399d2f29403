/** JSON patch (RFC 6902): the operations, and the status codes kube answers for bad ones. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../core/index.ts';
import { ApiError } from '../../core/index.ts';
import { applyPatch } from './index.ts';
import { deepFreeze } from './fixtures.test-util.ts';

function configMap(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { app: 'kube-proxy' } },
    data: { 'config.conf': 'mode: ""\n', 'kubeconfig.conf': 'apiVersion: v1\n' },
  };
}

function jsonPatch(patch: unknown): KubeObject {
  return applyPatch({
    type: 'json',
    gvk: { group: '', version: 'v1', kind: 'ConfigMap' },
    live: deepFreeze(configMap()),
    patch: deepFreeze(patch),
    builtIn: true,
  });
}

const rows: { desc: string; patch: unknown; want: Partial<KubeObject> }[] = [
  {
    desc: 'add a data key',
    patch: [{ op: 'add', path: '/data/extra', value: 'x' }],
    want: { data: { 'config.conf': 'mode: ""\n', 'kubeconfig.conf': 'apiVersion: v1\n', extra: 'x' } },
  },
  {
    desc: 'replace a data key',
    patch: [{ op: 'replace', path: '/data/config.conf', value: 'mode: "ipvs"\n' }],
    want: { data: { 'config.conf': 'mode: "ipvs"\n', 'kubeconfig.conf': 'apiVersion: v1\n' } },
  },
  {
    desc: 'remove a data key',
    patch: [{ op: 'remove', path: '/data/kubeconfig.conf' }],
    want: { data: { 'config.conf': 'mode: ""\n' } },
  },
  {
    desc: 'a passing test guards the operations after it',
    patch: [
      { op: 'test', path: '/metadata/labels/app', value: 'kube-proxy' },
      { op: 'add', path: '/metadata/labels/tier', value: 'node' },
    ],
    want: {
      metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { app: 'kube-proxy', tier: 'node' } },
    },
  },
  {
    desc: 'an escaped path (~1 for /) adds a label with a slash in its key',
    patch: [{ op: 'add', path: '/metadata/labels/example.com~1tier', value: 'node' }],
    want: {
      metadata: {
        name: 'kube-proxy',
        namespace: 'kube-system',
        labels: { app: 'kube-proxy', 'example.com/tier': 'node' },
      },
    },
  },
];

describe('JSON patch', () => {
  for (const row of rows) {
    test(row.desc, () => {
      const got = jsonPatch(row.patch);
      for (const [key, want] of Object.entries(row.want)) assert.deepEqual(got[key], want, key);
    });
  }
});

const REJECTED = 'the server rejected our request due to an error in our request';

const errorRows: { desc: string; patch: unknown; code: ApiError['code']; message: string }[] = [
  {
    desc: 'a failed test is 422 with the generic message',
    patch: [{ op: 'test', path: '/data/config.conf', value: 'other' }],
    code: 'INVALID',
    message: REJECTED,
  },
  {
    desc: 'removing a missing path is 422',
    patch: [{ op: 'remove', path: '/data/missing' }],
    code: 'INVALID',
    message: REJECTED,
  },
  {
    desc: 'an unknown op is 422',
    patch: [{ op: 'frobnicate', path: '/data' }],
    code: 'INVALID',
    message: REJECTED,
  },
  {
    desc: 'replacing the whole object with a non-object is 422',
    patch: [{ op: 'replace', path: '', value: [1] }],
    code: 'INVALID',
    message: REJECTED,
  },
  {
    desc: 'a body that is not a list is 400',
    patch: { op: 'add' },
    code: 'BAD_REQUEST',
    message: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
  },
  {
    desc: 'an operation that is not an object is 400',
    patch: ['add'],
    code: 'BAD_REQUEST',
    message: 'json: cannot unmarshal string into Go value of type jsonpatch.Operation',
  },
  {
    desc: 'more than 10000 operations is 413',
    patch: Array.from({ length: 10001 }, () => ({ op: 'test', path: '/kind', value: 'ConfigMap' })),
    code: 'TOO_LARGE',
    message: 'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001',
  },
];

describe('JSON patch errors', () => {
  for (const row of errorRows) {
    test(row.desc, () => {
      assert.throws(
        () => jsonPatch(row.patch),
        (err: unknown) => err instanceof ApiError && err.code === row.code && err.message === row.message,
      );
    });
  }

  test('a failed test leaves no partial change behind (the live object is untouched)', () => {
    const live = deepFreeze(configMap());
    assert.throws(() =>
      applyPatch({
        type: 'json',
        gvk: { group: '', version: 'v1', kind: 'ConfigMap' },
        live,
        patch: [
          { op: 'add', path: '/data/extra', value: 'x' },
          { op: 'test', path: '/data/extra', value: 'y' },
        ],
        builtIn: true,
      }),
    );
    assert.deepEqual(live, configMap());
  });
});
