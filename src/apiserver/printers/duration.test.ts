// HumanDuration/ShortHumanDuration tables, ported from
// k8s.io/apimachinery/pkg/util/duration/duration_test.go (durations here are in milliseconds).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { humanDuration, shortHumanDuration, since } from './duration.ts';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;
const y = 365 * d;

describe('humanDuration', () => {
  const cases: { desc: string; d: number; want: string }[] = [
    { desc: 'one second', d: s, want: '1s' },
    { desc: 'seconds up to two minutes', d: 70 * s, want: '70s' },
    { desc: 'minutes and seconds under ten minutes', d: 190 * s, want: '3m10s' },
    { desc: 'minutes under three hours', d: 70 * m, want: '70m' },
    { desc: 'hours under two days', d: 47 * h, want: '47h' },
    { desc: 'days and hours under eight days', d: 49 * h, want: '2d1h' },
    { desc: 'days from eight days', d: 8 * d + 2 * h, want: '8d' },
    { desc: 'days under two years', d: 367 * d, want: '367d' },
    { desc: 'years and days under eight years', d: 2 * y + 25 * h, want: '2y1d' },
    { desc: 'years from eight years', d: 8 * y + 2 * h, want: '8y' },
    { desc: '-2s is invalid', d: -2 * s, want: '<invalid>' },
    { desc: 'just above -2s is tolerated clock skew', d: -2 * s + 1, want: '0s' },
    { desc: 'zero', d: 0, want: '0s' },
    { desc: 'under a second', d: s - 1, want: '0s' },
    { desc: 'just under 2m', d: 2 * m - 1, want: '119s' },
    { desc: '2m', d: 2 * m, want: '2m' },
    { desc: '2m1s', d: 2 * m + s, want: '2m1s' },
    { desc: 'just under 10m', d: 10 * m - 1, want: '9m59s' },
    { desc: '10m', d: 10 * m, want: '10m' },
    { desc: '10m1s drops seconds', d: 10 * m + s, want: '10m' },
    { desc: 'just under 3h', d: 3 * h - 1, want: '179m' },
    { desc: '3h', d: 3 * h, want: '3h' },
    { desc: '3h1m', d: 3 * h + m, want: '3h1m' },
    { desc: 'just under 8h', d: 8 * h - 1, want: '7h59m' },
    { desc: '8h', d: 8 * h, want: '8h' },
    { desc: '8h59m drops minutes', d: 8 * h + 59 * m, want: '8h' },
    { desc: 'just under 2d', d: 2 * d - 1, want: '47h' },
    { desc: '2d', d: 2 * d, want: '2d' },
    { desc: '2d1h', d: 2 * d + h, want: '2d1h' },
    { desc: 'just under 8d', d: 8 * d - 1, want: '7d23h' },
    { desc: '8d', d: 8 * d, want: '8d' },
    { desc: '8d23h drops hours', d: 8 * d + 23 * h, want: '8d' },
    { desc: 'just under 2y', d: 2 * y - 1, want: '729d' },
    { desc: '2y', d: 2 * y, want: '2y' },
    { desc: '2y23h59m', d: 2 * y + 23 * h + 59 * m, want: '2y' },
    { desc: 'just under 2y1d', d: 2 * y + d - 1, want: '2y' },
    { desc: '2y1d', d: 2 * y + d, want: '2y1d' },
    { desc: '7y', d: 7 * y, want: '7y' },
    { desc: 'just under 8y', d: 8 * y - 1, want: '7y364d' },
    { desc: '8y', d: 8 * y, want: '8y' },
    { desc: '8y364d drops days', d: 8 * y + 364 * d, want: '8y' },
    { desc: '9y', d: 9 * y, want: '9y' },
  ];
  for (const c of cases) test(c.desc, () => assert.equal(humanDuration(c.d), c.want));
});

describe('shortHumanDuration', () => {
  const cases: { desc: string; d: number; want: string }[] = [
    { desc: '-2s is invalid', d: -2 * s, want: '<invalid>' },
    { desc: 'just above -2s', d: -2 * s + 1, want: '0s' },
    { desc: 'zero', d: 0, want: '0s' },
    { desc: '1s', d: s, want: '1s' },
    { desc: 'just under 1m', d: m - 1, want: '59s' },
    { desc: '1m', d: m, want: '1m' },
    { desc: 'just under 1h', d: h - 1, want: '59m' },
    { desc: '1h', d: h, want: '1h' },
    { desc: 'just under 1d', d: d - 1, want: '23h' },
    { desc: '1d', d: d, want: '1d' },
    { desc: 'just under 1y', d: y - 1, want: '364d' },
    { desc: '1y', d: y, want: '1y' },
    { desc: '2y', d: 2 * y, want: '2y' },
  ];
  for (const c of cases) test(c.desc, () => assert.equal(shortHumanDuration(c.d), c.want));
});

describe('since (translateTimestampSince)', () => {
  const now = new Date('2026-11-26T12:00:00Z');
  const cases: { desc: string; ts: unknown; want: string }[] = [
    { desc: 'absent timestamp', ts: undefined, want: '<unknown>' },
    { desc: 'null timestamp', ts: null, want: '<unknown>' },
    { desc: "Go's zero time", ts: '0001-01-01T00:00:00Z', want: '<unknown>' },
    { desc: 'malformed timestamp', ts: 'yesterday', want: '<unknown>' },
    { desc: 'RFC 3339 with an offset', ts: '2026-11-26T13:57:42+02:00', want: '2m18s' },
    { desc: 'MicroTime with fractional seconds', ts: '2026-11-26T11:59:41.999999Z', want: '18s' },
    { desc: 'seventeen days ago', ts: '2026-11-09T11:00:00Z', want: '17d' },
    { desc: 'in the future beyond the skew allowance', ts: '2026-11-26T12:00:05Z', want: '<invalid>' },
  ];
  for (const c of cases) test(c.desc, () => assert.equal(since(c.ts, now), c.want));
});
