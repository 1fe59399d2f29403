/** cron.ParseStandard's grammar, errors and next times (robfig/cron v3 parser.go, spec.go and their tests). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseStandard } from './schedule.ts';

function nextTimes(spec: string, from: string, n: number, zone = 'UTC'): string[] {
  const r = parseStandard(spec, zone);
  if ('error' in r) throw new Error(r.error);
  const out: string[] = [];
  let t: Date | null = new Date(from);
  while (out.length < n && (t = r.schedule.next(t))) out.push(t.toISOString().replace('.000Z', 'Z'));
  return out;
}

describe('robfig cron: next times', () => {
  const rows: { desc: string; spec: string; from: string; want: string[]; zone?: string }[] = [
    {
      desc: 'every minute: strictly after, on whole minutes',
      spec: '* * * * *',
      from: '2026-01-01T00:01:00Z',
      want: ['2026-01-01T00:02:00Z', '2026-01-01T00:03:00Z'],
    },
    {
      desc: 'N/step means N-max/step',
      spec: '5/20 * * * *',
      from: '2026-01-01T00:00:00Z',
      want: ['2026-01-01T00:05:00Z', '2026-01-01T00:25:00Z', '2026-01-01T00:45:00Z', '2026-01-01T01:05:00Z'],
    },
    {
      desc: 'day-of-month and day-of-week both restricted: either matches (13th OR Friday)',
      spec: '0 0 13 * 5',
      from: '2026-01-01T00:00:00Z',
      want: ['2026-01-02T00:00:00Z', '2026-01-09T00:00:00Z', '2026-01-13T00:00:00Z', '2026-01-16T00:00:00Z'],
    },
    {
      desc: 'day-of-month `*`: only the weekday counts (AND)',
      spec: '0 0 * * 5',
      from: '2026-01-01T00:00:00Z',
      want: ['2026-01-02T00:00:00Z', '2026-01-09T00:00:00Z'],
    },
    {
      desc: 'day-of-month `*/1` keeps the star bit: AND',
      spec: '0 0 */1 * 5',
      from: '2026-01-01T00:00:00Z',
      want: ['2026-01-02T00:00:00Z', '2026-01-09T00:00:00Z'],
    },
    {
      desc: 'day-of-month `?` is a star too',
      spec: '0 0 ? * 5',
      from: '2026-01-01T00:00:00Z',
      want: ['2026-01-02T00:00:00Z', '2026-01-09T00:00:00Z'],
    },
    {
      desc: 'day-of-month `*/2` (step > 1) drops the star bit: OR with Friday',
      spec: '0 0 */2 * 5',
      from: '2026-01-01T00:00:00Z',
      want: ['2026-01-02T00:00:00Z', '2026-01-03T00:00:00Z', '2026-01-05T00:00:00Z'],
    },
    {
      desc: 'month and weekday names, any case',
      spec: '0 12 * FEB-mar Mon',
      from: '2026-01-01T00:00:00Z',
      want: ['2026-02-02T12:00:00Z', '2026-02-09T12:00:00Z'],
    },
    { desc: '@hourly', spec: '@hourly', from: '2026-01-01T00:10:00Z', want: ['2026-01-01T01:00:00Z'] },
    { desc: '@daily', spec: '@daily', from: '2026-01-01T00:10:00Z', want: ['2026-01-02T00:00:00Z'] },
    { desc: '@midnight', spec: '@midnight', from: '2026-01-01T00:10:00Z', want: ['2026-01-02T00:00:00Z'] },
    {
      desc: '@weekly: Sundays',
      spec: '@weekly',
      from: '2026-01-01T00:00:00Z',
      want: ['2026-01-04T00:00:00Z'],
    },
    { desc: '@monthly', spec: '@monthly', from: '2026-01-01T00:00:00Z', want: ['2026-02-01T00:00:00Z'] },
    { desc: '@yearly', spec: '@yearly', from: '2026-01-01T00:00:00Z', want: ['2027-01-01T00:00:00Z'] },
    { desc: '@annually', spec: '@annually', from: '2026-01-01T00:00:00Z', want: ['2027-01-01T00:00:00Z'] },
    {
      desc: '@every: a constant delay from the (whole-second) time given',
      spec: '@every 1h30m',
      from: '2026-01-01T00:00:00.400Z',
      want: ['2026-01-01T01:30:00Z', '2026-01-01T03:00:00Z'],
    },
    {
      desc: 'Feb 29 waits for a leap year',
      spec: '0 0 29 2 *',
      from: '2026-01-01T00:00:00Z',
      want: ['2028-02-29T00:00:00Z'],
    },
    {
      desc: 'TZ= prefix: 09:00 in Berlin is 08:00Z in winter',
      spec: 'TZ=Europe/Berlin 0 9 * * *',
      from: '2026-11-26T00:00:00Z',
      want: ['2026-11-26T08:00:00Z', '2026-11-27T08:00:00Z'],
    },
    {
      desc: 'the local zone applies without a prefix',
      spec: '0 9 * * *',
      zone: 'Asia/Tokyo',
      from: '2026-11-26T00:00:00Z',
      want: ['2026-11-27T00:00:00Z'],
    },
    {
      desc: 'a time in the spring-forward gap is skipped that day',
      spec: 'TZ=America/New_York 30 2 * * *',
      from: '2026-03-07T12:00:00Z',
      want: ['2026-03-09T06:30:00Z'],
    },
    {
      desc: 'a time in the repeated fall-back hour runs in both',
      spec: 'TZ=America/New_York 30 1 * * *',
      from: '2026-10-31T12:00:00Z',
      want: ['2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z', '2026-11-02T06:30:00Z'],
    },
    {
      desc: 'hourly across the fall-back: never goes back in time',
      spec: 'TZ=America/New_York 0 * * * *',
      from: '2026-11-01T05:30:00Z',
      want: ['2026-11-01T06:00:00Z', '2026-11-01T07:00:00Z', '2026-11-01T08:00:00Z'],
    },
    { desc: 'Feb 30 never comes', spec: '0 0 30 2 *', from: '2026-01-01T00:00:00Z', want: [] },
  ];
  for (const row of rows) {
    test(row.desc, () => {
      assert.deepEqual(nextTimes(row.spec, row.from, row.want.length || 1, row.zone), row.want);
    });
  }
});

describe('robfig cron: errors, verbatim', () => {
  const rows: { desc: string; spec: string; error: string }[] = [
    { desc: 'empty', spec: '', error: 'empty spec string' },
    { desc: 'four fields', spec: '* * * *', error: 'expected exactly 5 fields, found 4: [* * * *]' },
    {
      desc: 'six fields (no seconds)',
      spec: '0 * * * * *',
      error: 'expected exactly 5 fields, found 6: [0 * * * * *]',
    },
    { desc: 'minute 61', spec: '61 * * * *', error: 'end of range (61) above maximum (59): 61' },
    {
      desc: 'weekday 7 (Sunday is 0 only)',
      spec: '* * * * 7',
      error: 'end of range (7) above maximum (6): 7',
    },
    { desc: 'day 0', spec: '* * 0 * *', error: 'beginning of range (0) below minimum (1): 0' },
    {
      desc: 'reversed range',
      spec: '5-3 * * * *',
      error: 'beginning of range (5) beyond end of range (3): 5-3',
    },
    { desc: 'step 0', spec: '*/0 * * * *', error: 'step of range should be a positive number: */0' },
    { desc: 'two slashes', spec: '*/2/3 * * * *', error: 'too many slashes: */2/3' },
    { desc: 'two hyphens', spec: '1-2-3 * * * *', error: 'too many hyphens: 1-2-3' },
    {
      desc: "croner's L is not robfig's",
      spec: '0 0 L * *',
      error: 'failed to parse int from L: strconv.Atoi: parsing "L": invalid syntax',
    },
    { desc: 'unknown descriptor', spec: '@fortnightly', error: 'unrecognized descriptor: @fortnightly' },
    {
      desc: 'bad @every',
      spec: '@every 5x',
      error: 'failed to parse duration @every 5x: time: unknown unit "x" in duration "5x"',
    },
    {
      desc: 'bad TZ',
      spec: 'CRON_TZ=Mars/Olympus * * * * *',
      error: 'provided bad location Mars/Olympus: unknown time zone Mars/Olympus',
    },
  ];
  for (const row of rows) {
    test(row.desc, () => {
      assert.deepEqual(parseStandard(row.spec), { error: row.error });
    });
  }
});
