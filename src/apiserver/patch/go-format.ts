/**
 * Renders JSON values the way Go's `fmt` `%v` prints `interface{}` values, so that error messages
 * copied from strategicpatch read as the real API server's do (`map[name:web]`, `1e+06`, `<nil>`).
 */
import { isRecord } from '../../core/index.ts';

export function goValue(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'number') return goFloat(value);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(goValue).join(' ')}]`;
  if (isRecord(value)) {
    // Go prints map keys sorted.
    const keys = Object.keys(value).sort();
    return `map[${keys.map((k) => `${k}:${goValue(value[k])}`).join(' ')}]`;
  }
  return typeof value === 'boolean' ? String(value) : (JSON.stringify(value) ?? '');
}

/** `%v` of a float64 is `%g` with the shortest digits: exponent form below 1e-4 or from 1e+06. */
function goFloat(n: number): string {
  if (n === 0 || !Number.isFinite(n)) return String(n);
  const exponential = n.toExponential();
  const exp = Number(exponential.slice(exponential.indexOf('e') + 1));
  if (exp >= -4 && exp < 6) return String(n);
  // Go writes at least two exponent digits: 1e+06, 1.5e-07.
  return exponential.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** The name of a JSON value's Go type after `json.Unmarshal` into `interface{}`, for decode errors. */
export function goJsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (isRecord(value)) return 'object';
  return typeof value;
}
