import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Informer } from '../../client/index.ts';
import type { KubeObject } from '../../core/index.ts';
import { FakeClock } from '../../core/index.ts';
import { EXPECTATIONS_TIMEOUT_MS, Expectations } from './expectations.ts';

function fakeInformer(objects: Map<string, KubeObject>, lastRV: { v: string }): Informer {
  return {
    get: (k: string) => objects.get(k),
    lastSyncResourceVersion: () => lastRV.v,
  } as unknown as Informer;
}

const obj = (name: string, rv: string, uid = 'u1'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'ns', resourceVersion: rv, uid },
});

test('a write is expected until the cache shows that revision, or the informer has passed it', () => {
  const clock = new FakeClock();
  const cache = new Map<string, KubeObject>();
  const last = { v: '5' };
  const inf = fakeInformer(cache, last);
  const e = new Expectations(clock);
  e.expectWrite('rs', inf, 'ns/a', obj('a', '10'));
  e.expectWrite('rs', inf, 'ns/b', obj('b', '11'));
  assert.equal(e.satisfied('rs'), false);
  cache.set('ns/a', obj('a', '10'));
  assert.equal(e.satisfied('rs'), false, 'b not seen yet');
  last.v = '12'; // b was created and deleted again before we looked
  assert.equal(e.satisfied('rs'), true);
});

test('a delete is expected until the object is gone, replaced or terminating; entries expire', () => {
  const clock = new FakeClock();
  const cache = new Map<string, KubeObject>([['ns/a', obj('a', '3')]]);
  const inf = fakeInformer(cache, { v: '3' });
  const e = new Expectations(clock);
  e.expectDelete('rs', inf, 'ns/a', 'u1');
  assert.equal(e.satisfied('rs'), false);
  cache.set('ns/a', obj('a', '4', 'u2'));
  assert.equal(e.satisfied('rs'), true, 'a new object with the same name');

  e.expectDelete('rs', inf, 'ns/a', 'u2');
  assert.equal(e.satisfied('rs'), false);
  clock.advance(EXPECTATIONS_TIMEOUT_MS + 1);
  assert.equal(e.satisfied('rs'), true, 'expired');
});
