/** The patch entry point: content types, 415 for strategic merge on custom resources, options. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../core/index.ts';
import { ApiError } from '../../core/index.ts';
import { applyPatch, patchTypeOf } from './index.ts';

const CR_415 =
  'the body of the request was in an unknown format - accepted media types include: ' +
  'application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml';
const BUILTIN_415 =
  'the body of the request was in an unknown format - accepted media types include: ' +
  'application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, ' +
  'application/apply-patch+yaml';

const pool: KubeObject = {
  apiVersion: 'metallb.io/v1beta1',
  kind: 'IPAddressPool',
  metadata: { name: 'first-pool', namespace: 'metallb-system' },
  spec: { addresses: ['172.18.255.200-172.18.255.250'] },
};
const POOL_GVK = { group: 'metallb.io', version: 'v1beta1', kind: 'IPAddressPool' };

const is415 = (message: string) => (err: unknown) =>
  err instanceof ApiError &&
  err.code === 'UNSUPPORTED_MEDIA_TYPE' &&
  err.httpStatus === 415 &&
  err.message === message;

describe('patchTypeOf', () => {
  const rows: {
    desc: string;
    contentType: string | undefined;
    builtIn: boolean;
    /** the patch type, or the 415 message */
    want: string;
  }[] = [
    { desc: 'json patch', contentType: 'application/json-patch+json', builtIn: true, want: 'json' },
    { desc: 'merge patch', contentType: 'application/merge-patch+json', builtIn: false, want: 'merge' },
    {
      desc: 'strategic, built-in',
      contentType: 'application/strategic-merge-patch+json',
      builtIn: true,
      want: 'strategic',
    },
    { desc: 'apply', contentType: 'application/apply-patch+yaml', builtIn: false, want: 'apply' },
    {
      desc: 'parameters are ignored',
      contentType: 'application/merge-patch+json; charset=utf-8',
      builtIn: true,
      want: 'merge',
    },
    {
      desc: 'strategic on a custom resource is 415',
      contentType: 'application/strategic-merge-patch+json',
      builtIn: false,
      want: CR_415,
    },
    { desc: 'plain JSON is 415', contentType: 'application/json', builtIn: true, want: BUILTIN_415 },
    { desc: 'no content type is 415', contentType: undefined, builtIn: true, want: BUILTIN_415 },
  ];
  for (const row of rows) {
    test(row.desc, () => {
      if (row.want.includes(' '))
        assert.throws(() => patchTypeOf(row.contentType, row.builtIn), is415(row.want));
      else assert.equal(patchTypeOf(row.contentType, row.builtIn), row.want);
    });
  }
});

describe('applyPatch', () => {
  test('strategic merge on a custom resource is 415 with kube message', () => {
    assert.throws(
      () => applyPatch({ type: 'strategic', gvk: POOL_GVK, live: pool, patch: { spec: {} }, builtIn: false }),
      is415(CR_415),
    );
  });

  test('force on a non-apply patch is 422', () => {
    assert.throws(
      () => applyPatch({ type: 'merge', gvk: POOL_GVK, live: pool, patch: {}, builtIn: false, force: true }),
      (err: unknown) =>
        err instanceof ApiError &&
        err.code === 'INVALID' &&
        err.message ===
          'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch',
    );
  });

  test('a merge patch body that is not an object is 400', () => {
    assert.throws(
      () => applyPatch({ type: 'merge', gvk: POOL_GVK, live: pool, patch: ['x'], builtIn: false }),
      (err: unknown) => err instanceof ApiError && err.code === 'BAD_REQUEST',
    );
  });

  test('a non-apply patch of a missing object is the caller’s 404, reported as a bug here', () => {
    assert.throws(
      () => applyPatch({ type: 'merge', gvk: POOL_GVK, live: undefined, patch: {}, builtIn: false }),
      (err: unknown) => err instanceof ApiError && err.code === 'INTERNAL',
    );
  });
});
