import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IpamExhaustedError, PodIpam } from './ipam.ts';

test('IPAM story', async (t) => {
  const ipam = new PodIpam('127.244.0.0/29'); // .2 .. .6 usable
  const rows: Array<{ desc: string; op: () => unknown; want: unknown }> = [
    { desc: 'first pod gets .2 (network and .1 skipped)', op: () => ipam.allocate('a'), want: '127.244.0.2' },
    { desc: 'same owner, same IP', op: () => ipam.allocate('a'), want: '127.244.0.2' },
    { desc: 'next pod .3', op: () => ipam.allocate('b'), want: '127.244.0.3' },
    { desc: 'adopt an existing pod IP', op: () => ipam.adopt('c', '127.244.0.5'), want: true },
    { desc: 'adopting a taken IP fails', op: () => ipam.adopt('d', '127.244.0.5'), want: false },
    { desc: 'adopting outside the range fails', op: () => ipam.adopt('d', '127.0.0.9'), want: false },
    { desc: 'next skips the adopted one', op: () => ipam.allocate('d'), want: '127.244.0.4' },
    { desc: 'release b', op: () => ipam.release('b'), want: undefined },
    { desc: 'a released IP is not reused at once', op: () => ipam.allocate('e'), want: '127.244.0.6' },
    { desc: 'then the cursor wraps to the free one', op: () => ipam.allocate('f'), want: '127.244.0.3' },
    { desc: 'size', op: () => ipam.size, want: 5 },
  ];
  for (const r of rows) await t.test(r.desc, () => assert.deepEqual(r.op(), r.want));
  await t.test('exhausted', () => assert.throws(() => ipam.allocate('g'), IpamExhaustedError));
});
