import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeHash, fnv32a, safeEncodeString } from './hash.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

test('fnv32a matches the FNV-1a reference vectors', () => {
  const rows = [
    { desc: 'empty', input: '', want: 0x811c9dc5 },
    { desc: 'a', input: 'a', want: 0xe40c292c },
    { desc: 'foobar', input: 'foobar', want: 0xbf9cf968 },
  ];
  for (const r of rows) assert.equal(fnv32a(bytes(r.input)), r.want, r.desc);
});

test('SafeEncodeString maps digits to 4-9,b,c,d,f (rand.go alphanums)', () => {
  assert.equal(safeEncodeString('0123456789'), '456789bcdf');
});

test('computeHash: stable, key-order independent, changed by the template and the collision count', () => {
  const t = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'a' }] } };
  const same = { spec: { containers: [{ image: 'a', name: 'web' }] }, metadata: { labels: { app: 'web' } } };
  const h = computeHash(t);
  assert.match(h, /^[456789bcdf]{1,10}$/);
  assert.equal(computeHash(same), h);
  assert.notEqual(computeHash({ ...t, spec: { containers: [{ name: 'web', image: 'b' }] } }), h);
  assert.notEqual(computeHash(t, 1), computeHash(t));
  assert.notEqual(computeHash(t, 1), computeHash(t, 2));
});
