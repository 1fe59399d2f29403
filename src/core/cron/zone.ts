/**
 * Time zones as Go's time package shows them to CronJob validation and the CronJob controller: LoadLocation's check and
 * error, wall-clock fields of an instant, the instants of a wall-clock time, and the RFC 3339 /
 * RFC 1123Z formats the controller writes. Built on Intl, which carries the same IANA database.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * time.LoadLocation: "" and "UTC" are UTC, otherwise an IANA name. Returns the zone name to use or
 * the error Go gives (`unknown time zone X`). "Local" is kube-controller-manager's own zone.
 */
export function loadLocation(name: string, local: string): { zone: string } | { error: string } {
  if (name === '' || name === 'UTC') return { zone: 'UTC' };
  if (name === 'Local') return { zone: local };
  // Intl also accepts offsets such as "+01:00", which Go's LoadLocation does not.
  if (/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) {
    try {
      formatter(name);
      return { zone: name };
    } catch {
      /* fall through */
    }
  }
  return { error: `unknown time zone ${name}` };
}

/** The wall-clock time of `instant` in `zone`, as a Date whose UTC fields are those wall fields. */
export function wallClock(instant: Date, zone: string): Date {
  if (zone === 'UTC') return new Date(instant.getTime() - instant.getUTCMilliseconds());
  const p: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(instant)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return new Date(Date.UTC(p.year!, p.month! - 1, p.day, p.hour, p.minute, p.second));
}

/** The zone's offset from UTC at `instant`, in ms. */
export function offsetAt(instant: Date, zone: string): number {
  const whole = new Date(Math.floor(instant.getTime() / 1000) * 1000);
  return wallClock(whole, zone).getTime() - whole.getTime();
}

/**
 * The instants whose wall clock in `zone` reads `wall`, earliest first: none in a spring-forward gap,
 * two in the repeated hour of a fall-back. Offsets change at most once within a day.
 */
export function instantsOfWall(wall: Date, zone: string): Date[] {
  if (zone === 'UTC') return [wall];
  const w = wall.getTime();
  const offsets = new Set([
    offsetAt(new Date(w - 12 * 3600_000), zone),
    offsetAt(new Date(w + 12 * 3600_000), zone),
  ]);
  const out: number[] = [];
  for (const o of offsets) {
    const t = w - o;
    if (wallClock(new Date(t), zone).getTime() === w && !out.includes(t)) out.push(t);
  }
  return out.sort((a, b) => a - b).map((t) => new Date(t));
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

function zoneSuffix(offsetMs: number, colon: boolean): string {
  const m = Math.round(offsetMs / 60_000);
  const sign = m < 0 ? '-' : '+';
  return `${sign}${pad(Math.floor(Math.abs(m) / 60))}${colon ? ':' : ''}${pad(Math.abs(m) % 60)}`;
}

/** Go's t.In(zone).Format(time.RFC3339): `2026-01-01T09:00:00+01:00`, `Z` for UTC. */
export function formatRfc3339(instant: Date, zone: string): string {
  const w = wallClock(instant, zone);
  const off = w.getTime() - (instant.getTime() - instant.getUTCMilliseconds());
  const date = `${pad(w.getUTCFullYear(), 4)}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}`;
  const time = `${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}:${pad(w.getUTCSeconds())}`;
  return `${date}T${time}${off === 0 ? 'Z' : zoneSuffix(off, true)}`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's t.UTC().Format(time.RFC1123Z): `Thu, 01 Jan 2026 12:00:00 +0000`. */
export function formatRfc1123zUtc(instant: Date): string {
  const t = instant;
  const time = `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
  return `${DAYS[t.getUTCDay()]}, ${pad(t.getUTCDate())} ${MONTHS[t.getUTCMonth()]} ${t.getUTCFullYear()} ${time} +0000`;
}
