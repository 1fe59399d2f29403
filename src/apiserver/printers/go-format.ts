/**
 * How client-go's jsonpath PrintResults renders one value for a `string` CRD column: maps and lists
 * as Go encoding/json (sorted keys, HTML-safe escapes), scalars as fmt.Fprint would print them.
 */
import { isRecord } from '../../core/index.ts';

/** encoding/json's string escaping: JSON.stringify plus \u003c \u003e \u0026 \u2028 \u2029. */
function goJsonString(s: string): string {
  return JSON.stringify(s).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** json.Marshal of a decoded JSON value (map keys sorted, as Go does). */
export function goJsonMarshal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${(value as unknown[]).map(goJsonMarshal).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${goJsonString(k)}:${goJsonMarshal(value[k])}`).join(',')}}`;
  }
  return 'null';
}

/** fmt's %v for a float64 (strconv 'g', shortest): %e when the exponent is < -4 or >= 6. */
export function goFloat(f: number): string {
  if (!Number.isFinite(f)) return Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mantissa = '0', expText = '0'] = f.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(f);
}

/** The text PrintResults writes for one value, or undefined where client-go returns an error. */
export function printResult(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined; // an invalid reflect.Value cannot be printed
  if (Array.isArray(value) || isRecord(value)) return goJsonMarshal(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : goFloat(value);
  return undefined;
}
