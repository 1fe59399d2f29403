/** JSON merge patch (RFC 7386), the patch kubectl sends for custom resources. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../core/index.ts';
import { applyPatch } from './index.ts';
import { mergePatch } from './merge-patch.ts';
import { LAST_APPLIED, deepFreeze } from './fixtures.test-util.ts';

// RFC 7386 appendix A, the examples every implementation must reproduce.
const rfcRows: { desc: string; target: unknown; patch: unknown; want: unknown }[] = [
  { desc: 'change a member', target: { a: 'b' }, patch: { a: 'c' }, want: { a: 'c' } },
  { desc: 'add a member', target: { a: 'b' }, patch: { b: 'c' }, want: { a: 'b', b: 'c' } },
  { desc: 'null deletes a member', target: { a: 'b' }, patch: { a: null }, want: {} },
  { desc: 'null deletes one of two', target: { a: 'b', b: 'c' }, patch: { a: null }, want: { b: 'c' } },
  { desc: 'an array replaces a string', target: { a: ['b'] }, patch: { a: 'c' }, want: { a: 'c' } },
  { desc: 'a string replaces an array', target: { a: 'c' }, patch: { a: ['b'] }, want: { a: ['b'] } },
  {
    desc: 'objects merge recursively',
    target: { a: { b: 'c' } },
    patch: { a: { b: 'd', c: null } },
    want: { a: { b: 'd' } },
  },
  {
    desc: 'arrays are replaced, not merged',
    target: { a: [{ b: 'c' }] },
    patch: { a: [1] },
    want: { a: [1] },
  },
  { desc: 'an array patch replaces the target', target: ['a', 'b'], patch: ['c', 'd'], want: ['c', 'd'] },
  { desc: 'an array patch replaces an object', target: { a: 'b' }, patch: ['c'], want: ['c'] },
  { desc: 'a null patch yields null', target: { a: 'foo' }, patch: null, want: null },
  { desc: 'a string patch yields the string', target: { a: 'foo' }, patch: 'bar', want: 'bar' },
  {
    desc: 'a null already in the target is kept',
    target: { e: null },
    patch: { a: 1 },
    want: { e: null, a: 1 },
  },
  {
    desc: 'an object patch replaces an array target, dropping its nulls',
    target: [1, 2],
    patch: { a: 'b', c: null },
    want: { a: 'b' },
  },
  {
    desc: 'nested nulls create no key',
    target: {},
    patch: { a: { bb: { ccc: null } } },
    want: { a: { bb: {} } },
  },
];

describe('merge patch (RFC 7386 appendix A)', () => {
  for (const row of rfcRows) {
    test(row.desc, () => {
      assert.deepEqual(mergePatch(deepFreeze(row.target), deepFreeze(row.patch)), row.want);
    });
  }
});

describe('merge patch on a custom resource', () => {
  test('kubectl apply of an IPAddressPool replaces spec.addresses and keeps other fields', () => {
    const live: KubeObject = {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'IPAddressPool',
      metadata: {
        name: 'first-pool',
        namespace: 'metallb-system',
        annotations: { [LAST_APPLIED]: '{"old":true}\n' },
      },
      spec: { addresses: ['172.18.255.200-172.18.255.250', '172.18.254.0/24'], autoAssign: true },
    };
    const got = applyPatch({
      type: 'merge',
      gvk: { group: 'metallb.io', version: 'v1beta1', kind: 'IPAddressPool' },
      live: deepFreeze(live),
      patch: {
        metadata: { annotations: { [LAST_APPLIED]: '{"new":true}\n' } },
        spec: { addresses: ['172.18.255.200-172.18.255.240'] },
      },
      builtIn: false,
    });
    assert.deepEqual(got.spec, { addresses: ['172.18.255.200-172.18.255.240'], autoAssign: true });
    assert.deepEqual(got.metadata.annotations, { [LAST_APPLIED]: '{"new":true}\n' });
    assert.equal(got.metadata.name, 'first-pool');
  });

  test('the result shares nothing with the live object', () => {
    const live: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'a' },
      data: { x: '1' },
    };
    const got = applyPatch({
      type: 'merge',
      gvk: { group: '', version: 'v1', kind: 'ConfigMap' },
      live,
      patch: { data: { y: '2' } },
      builtIn: true,
    });
    got.metadata.name = 'changed';
    assert.equal(live.metadata.name, 'a');
  });
});
