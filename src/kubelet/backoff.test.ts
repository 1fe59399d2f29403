import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../core/index.ts';
import { RestartBackoff, goDuration } from './backoff.ts';

test('CrashLoopBackOff delays: 10s doubling to 5m', () => {
  const clock = new FakeClock();
  const b = new RestartBackoff(clock);
  const seen: string[] = [];
  for (let i = 0; i < 8; i++) {
    // The container crashed at `finished`; the kubelet may restart once the back-off has passed.
    const finished = clock.now();
    if (i > 0) {
      assert.equal(b.isInBackOffSince('p/web', finished), true, 'waits right after the crash');
      clock.advance(b.get('p/web') - 1);
      assert.equal(b.isInBackOffSince('p/web', finished), true, 'still waiting 1 ms before the end');
      clock.advance(1);
    }
    assert.equal(b.isInBackOffSince('p/web', finished), false);
    b.next('p/web', finished);
    seen.push(goDuration(b.get('p/web')));
  }
  assert.deepEqual(seen, ['10s', '20s', '40s', '1m20s', '2m40s', '5m0s', '5m0s', '5m0s']);
});

test('back-off resets after the container ran 10 minutes', () => {
  const clock = new FakeClock();
  const b = new RestartBackoff(clock);
  b.next('k', clock.now());
  b.next('k', clock.now());
  assert.equal(b.get('k'), 20_000);
  clock.advance(600_001);
  const finished = clock.now();
  assert.equal(b.isInBackOffSince('k', finished), false);
  b.next('k', finished);
  assert.equal(b.get('k'), 10_000);
});

test('goDuration', () => {
  const rows = [
    { desc: 'zero', ms: 0, want: '0s' },
    { desc: 'seconds', ms: 10_000, want: '10s' },
    { desc: 'minutes', ms: 160_000, want: '2m40s' },
    { desc: 'exact minutes', ms: 300_000, want: '5m0s' },
    { desc: 'fraction', ms: 1500, want: '1.5s' },
  ];
  for (const r of rows) assert.equal(goDuration(r.ms), r.want, r.desc);
});
