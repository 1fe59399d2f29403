/**
 * cron.ParseStandard of github.com/robfig/cron/v3 (vendored by kubernetes/kubernetes, parser.go and
 * spec.go), which the CronJob controller and the API server use: five fields or a descriptor, an
 * optional `TZ=`/`CRON_TZ=` prefix, robfig's error texts, and its day rule (day-of-month OR
 * day-of-week when both are restricted, AND when either starts with `*` or `?`).
 *
 * The fields are parsed here into value sets; croner then finds the next time. croner's own pattern
 * dialect differs from robfig's (`?` means "now", `7` is Sunday, `L`/`#`/`W` exist, only a bare `*`
 * counts as a star), so it only ever sees explicit value lists and `*`, and runs in UTC over
 * wall-clock times: its time-zone mode returns times before its input in a fall-back hour and
 * overflows the stack on impossible dates, so zones are handled in zone.ts instead.
 */
import { Cron } from 'croner';
import { instantsOfWall, loadLocation, wallClock } from './zone.ts';

/** robfig's Schedule: the next activation strictly after `t`, or null when there is none. */
export interface Schedule {
  next(t: Date): Date | null;
}

export type ParseResult = { schedule: Schedule } | { error: string };

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DOW_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = { min: 1, max: 12, names: Object.fromEntries(MONTH_NAMES.map((n, i) => [n, i + 1])) };
const DOW: Bounds = { min: 0, max: 6, names: Object.fromEntries(DOW_NAMES.map((n, i) => [n, i])) };

/** The descriptors robfig accepts, as the five fields they stand for (matched case-sensitively). */
const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

interface Field {
  values: Set<number>;
  /** robfig's starBit: some range began with `*` or `?` and had no step above 1. */
  star: boolean;
}

class ParseError extends Error {}

/** strconv.Atoi plus robfig's negative check. */
function mustParseInt(expr: string): number {
  if (!/^[+-]?\d+$/.test(expr)) {
    throw new ParseError(
      `failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`,
    );
  }
  const n = Number(expr);
  if (!Number.isSafeInteger(n)) {
    throw new ParseError(
      `failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: value out of range`,
    );
  }
  if (n < 0) throw new ParseError(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function parseIntOrName(expr: string, r: Bounds): number {
  const named = r.names?.[expr.toLowerCase()];
  return named ?? mustParseInt(expr);
}

/** getRange: `number | number "-" number [ "/" number ]`, or `*` / `?` with an optional step. */
function getRange(expr: string, r: Bounds, field: Field): void {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0]!.split('-');
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    [start, end, star] = [r.min, r.max, true];
  } else {
    start = parseIntOrName(lowAndHigh[0]!, r);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1]!, r);
    else throw new ParseError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]!);
    if (lowAndHigh.length === 1) end = r.max; // "N/step" means "N-max/step"
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) throw new ParseError(`too many slashes: ${expr}`);
  if (start < r.min) throw new ParseError(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) throw new ParseError(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end)
    throw new ParseError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new ParseError(`step of range should be a positive number: ${expr}`);
  for (let i = start; i <= end; i += step) field.values.add(i);
  if (star) field.star = true;
}

function getField(text: string, r: Bounds): Field {
  const field: Field = { values: new Set(), star: false };
  for (const expr of text.split(',').filter(Boolean)) getRange(expr, r, field);
  return field;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** ConstantDelaySchedule (`@every`): whole seconds, at least one. */
function every(ms: number): Schedule {
  const delay = ms < 1000 ? 1000 : ms - (ms % 1000);
  return { next: (t) => new Date(Math.floor(t.getTime() / 1000) * 1000 + delay) };
}

const UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** time.ParseDuration, in milliseconds. */
export function parseGoDuration(s: string): number {
  const invalid = () => new ParseError(`time: invalid duration ${JSON.stringify(s)}`);
  let rest = s;
  let sign = 1;
  if (rest[0] === '-' || rest[0] === '+') {
    sign = rest[0] === '-' ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw invalid();
  let total = 0;
  while (rest) {
    const m = /^(\d*)(?:\.(\d*))?/.exec(rest)!;
    if (!m[1] && !m[2]) throw invalid();
    rest = rest.slice(m[0].length);
    const u = /^[^\d.]*/.exec(rest)![0];
    if (!u) throw new ParseError(`time: missing unit in duration ${JSON.stringify(s)}`);
    const unit = UNITS[u];
    if (unit === undefined)
      throw new ParseError(`time: unknown unit ${JSON.stringify(u)} in duration ${JSON.stringify(s)}`);
    total += Number(`${m[1] || '0'}.${m[2] || '0'}`) * unit;
    rest = rest.slice(u.length);
  }
  return sign * total;
}

function list(values: Set<number>): string {
  return [...values].sort((a, b) => a - b).join(',');
}

/** The largest shift of a wall clock at a DST change that we look back over (Troll's is 2 h). */
const SHIFT_MS = 2 * 3600_000;

function specSchedule(fields: Field[], zone: string): Schedule {
  const [minute, hour, dom, month, dow] = fields as [Field, Field, Field, Field, Field];
  // robfig returns the zero time when nothing matches within five years (e.g. "0 0 30 2 *").
  const possible =
    dom.star ||
    !dow.star ||
    [...month.values].some((m) => [...dom.values].some((d) => d <= DAYS_IN_MONTH[m - 1]!));
  if (!possible || [minute, hour, dom, month, dow].some((f) => f.values.size === 0))
    return { next: () => null };
  const pattern = [
    '0',
    list(minute.values),
    list(hour.values),
    dom.star ? '*' : list(dom.values),
    list(month.values),
    dow.star ? '*' : list(dow.values),
  ].join(' ');
  // legacyMode: day-of-month OR day-of-week unless one of them is `*`, as robfig's dayMatches.
  const cron = new Cron(pattern, { utcOffset: 0, legacyMode: true });
  const nextWall = (w: Date): Date | null => cron.nextRun(w);
  return {
    next(t) {
      if (zone === 'UTC') return nextWall(new Date(Math.floor(t.getTime() / 1000) * 1000));
      // Near a fall-back the wall clock repeats: look back far enough to see the repeated times.
      const fallBackNear =
        wallClock(new Date(t.getTime() - SHIFT_MS), zone).getTime() - (t.getTime() - SHIFT_MS) !==
        wallClock(new Date(t.getTime() + SHIFT_MS), zone).getTime() - (t.getTime() + SHIFT_MS);
      let cursor = wallClock(t, zone);
      if (fallBackNear) cursor = new Date(cursor.getTime() - SHIFT_MS);
      let best: Date | undefined;
      for (let i = 0; i < 10_000; i++) {
        const w = nextWall(cursor);
        if (!w || (best && w.getTime() >= wallClock(best, zone).getTime() + SHIFT_MS)) break;
        // A wall time in a spring-forward gap has no instant: robfig skips it too.
        const after = instantsOfWall(w, zone).filter((x) => x.getTime() > t.getTime());
        if (after[0] && (!best || after[0] < best)) best = after[0];
        if (best && !fallBackNear) break;
        cursor = w;
      }
      return best ?? null;
    },
  };
}

/**
 * Parses a schedule as cron.ParseStandard does. `localZone` is time.Local, the zone of a schedule
 * without a `TZ=` prefix (kube-controller-manager's own zone).
 */
export function parseStandard(spec: string, localZone = 'UTC'): ParseResult {
  try {
    if (spec.length === 0) throw new ParseError('empty spec string');
    let zone = localZone;
    if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
      const i = spec.indexOf(' ');
      const name = spec.slice(spec.indexOf('=') + 1, i < 0 ? undefined : i);
      const loc = loadLocation(name, localZone);
      if ('error' in loc) throw new ParseError(`provided bad location ${name}: ${loc.error}`);
      zone = loc.zone;
      spec = i < 0 ? '' : spec.slice(i).trim();
    }
    if (spec.startsWith('@')) {
      const fields = DESCRIPTORS[spec];
      if (fields) spec = fields;
      else if (spec.startsWith('@every ')) {
        try {
          return { schedule: every(parseGoDuration(spec.slice('@every '.length))) };
        } catch (err) {
          throw new ParseError(`failed to parse duration ${spec}: ${(err as Error).message}`);
        }
      } else throw new ParseError(`unrecognized descriptor: ${spec}`);
    }
    const parts = spec.split(/\s+/).filter(Boolean);
    if (parts.length !== 5) {
      throw new ParseError(`expected exactly 5 fields, found ${parts.length}: [${parts.join(' ')}]`);
    }
    const bounds = [MINUTES, HOURS, DOM, MONTHS, DOW];
    return {
      schedule: specSchedule(
        parts.map((p, i) => getField(p, bounds[i]!)),
        zone,
      ),
    };
  } catch (err) {
    if (err instanceof ParseError) return { error: err.message };
    throw err;
  }
}
