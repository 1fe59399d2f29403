import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../core/index.ts';
import { LogBuffer, rfc3339Nano } from './logs.ts';
import type { ReadOptions } from './logs.ts';

async function read(
  buf: LogBuffer,
  o: Partial<ReadOptions>,
  signal = new AbortController().signal,
): Promise<string> {
  let out = '';
  for await (const c of buf.read({ follow: false, timestamps: false, ...o }, signal)) out += c;
  return out;
}

function filled(): { clock: FakeClock; buf: LogBuffer } {
  const clock = new FakeClock('2026-01-01T00:00:00.5Z');
  const buf = new LogBuffer(clock);
  buf.write('one\n');
  clock.advance(10_000);
  buf.write('two\nthr');
  buf.write('ee\n');
  clock.advance(10_000);
  buf.write('four\n');
  return { clock, buf };
}

test('log reads (kubectl logs options)', async (t) => {
  const rows: Array<{ desc: string; o: Partial<ReadOptions>; want: string }> = [
    { desc: 'everything', o: {}, want: 'one\ntwo\nthree\nfour\n' },
    { desc: 'tailLines', o: { tailLines: 2 }, want: 'three\nfour\n' },
    { desc: 'tailLines 0', o: { tailLines: 0 }, want: '' },
    { desc: 'sinceSeconds', o: { sinceSeconds: 15 }, want: 'two\nthree\nfour\n' },
    { desc: 'sinceTime', o: { sinceTime: '2026-01-01T00:00:20Z' }, want: 'four\n' },
    { desc: 'limitBytes cuts mid-line', o: { limitBytes: 6 }, want: 'one\ntw' },
    {
      desc: 'timestamps (RFC3339Nano)',
      o: { timestamps: true, tailLines: 1 },
      want: '2026-01-01T00:00:20.5Z four\n',
    },
  ];
  const { buf } = filled();
  for (const r of rows) await t.test(r.desc, async () => assert.equal(await read(buf, r.o), r.want));
});

test('follow streams new lines and ends when the container exits', async () => {
  const { buf } = filled();
  const chunks: string[] = [];
  const done = (async () => {
    for await (const c of buf.read(
      { follow: true, timestamps: false, tailLines: 1 },
      new AbortController().signal,
    ))
      chunks.push(c);
  })();
  await new Promise((r) => setImmediate(r));
  buf.write('five\n');
  await new Promise((r) => setImmediate(r));
  buf.write('partial');
  buf.close();
  await done;
  assert.deepEqual(chunks, ['four\n', 'five\n', 'partial']);
});

test('follow ends when the client goes away', async () => {
  const { buf } = filled();
  const abort = new AbortController();
  const p = read(buf, { follow: true, tailLines: 0 }, abort.signal);
  abort.abort();
  assert.equal(await p, '');
});

test('the ring keeps the newest bytes', async () => {
  const clock = new FakeClock();
  const buf = new LogBuffer(clock, 10);
  buf.write('aaaa\nbbbb\ncccc\n');
  assert.equal(await read(buf, {}), 'bbbb\ncccc\n');
});

test('rfc3339Nano trims trailing zeros', () => {
  assert.equal(rfc3339Nano(new Date('2026-01-01T00:00:00.120Z')), '2026-01-01T00:00:00.12Z');
  assert.equal(rfc3339Nano(new Date('2026-01-01T00:00:00.000Z')), '2026-01-01T00:00:00Z');
});
