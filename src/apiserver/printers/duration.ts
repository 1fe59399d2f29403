/**
 * Human-readable durations and ages, ported from k8s.io/apimachinery/pkg/util/duration/duration.go
 * (HumanDuration, ShortHumanDuration) and the translateTimestampSince helpers of
 * kubernetes/kubernetes pkg/printers/internalversion/printers.go. Durations are in milliseconds.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Go's integer conversion of a duration quotient: truncation toward zero. */
function div(d: number, unit: number): number {
  return Math.trunc(d / unit);
}

/** A succinct duration with ~2-3 significant figures, exactly like duration.HumanDuration. */
export function humanDuration(d: number): string {
  // Allow deviation no more than 2 seconds (excluded) to tolerate machine time inconsistence.
  const seconds = div(d, SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = div(d, MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = div(d, HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${div(hours, 24)}d` : `${div(hours, 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${div(hours, 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = div(hours, 24) % 365;
    return dy === 0 ? `${div(hours, 24 * 365)}y` : `${div(hours, 24 * 365)}y${dy}d`;
  }
  return `${div(hours, 24 * 365)}y`;
}

/** A one-unit duration, exactly like duration.ShortHumanDuration. */
export function shortHumanDuration(d: number): string {
  const seconds = div(d, SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = div(d, MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = div(d, HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${div(hours, 24)}d`;
  return `${div(hours, 24 * 365)}y`;
}

// RFC 3339 as Go's time.Parse(time.RFC3339) accepts it (fractional seconds allowed, offset required).
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
// Go's zero time.Time, which metav1.Time serialises as null but a client may send literally.
const GO_ZERO_TIME = Date.parse('0001-01-01T00:00:00Z');

/** Parses an RFC 3339 timestamp; undefined when absent or Go's zero time, NaN when malformed. */
export function parseTimestamp(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !RFC3339.test(value)) return Number.NaN;
  const t = Date.parse(value);
  return t === GO_ZERO_TIME ? undefined : t;
}

/** metav1.Time.IsZero for a serialised timestamp (a malformed one could not have been decoded). */
export function isZeroTimestamp(value: unknown): boolean {
  const t = parseTimestamp(value);
  return t === undefined || Number.isNaN(t);
}

/** translateTimestampSince: `<unknown>` for a zero timestamp, else the HumanDuration since it. */
export function since(value: unknown, now: Date): string {
  const t = parseTimestamp(value);
  if (t === undefined || Number.isNaN(t)) return '<unknown>';
  return humanDuration(now.getTime() - t);
}
