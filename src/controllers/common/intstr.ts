/**
 * IntOrString values scaled against a total (k8s: staging/src/k8s.io/apimachinery/pkg/util/intstr/
 * intstr.go GetScaledValueFromIntOrPercent).
 */
import type { IntOrString } from './types.ts';

export function scaledValue(value: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(value);
  if (!m) {
    // A bare number in a string is an int in Go's JSON decoding only when typed as int; treat "3" as 3.
    const n = Number(value);
    if (Number.isInteger(n)) return n;
    throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage`);
  }
  const pct = Number(m[1]);
  const exact = (pct * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}
