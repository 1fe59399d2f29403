/**
 * Messages whose JSON form is not an object of their fields: Time, MicroTime, IntOrString, Quantity,
 * FieldsV1 and ExtraValue, each as its Go MarshalJSON writes it.
 */
import { readFields } from './wire.ts';
import type { WireField } from './wire.ts';

/** A decoded value plus whether Go would consider it the zero value (for omitempty). */
export interface Decoded {
  value: unknown;
  zero: boolean;
}

function varintOf(fields: WireField[], n: number): bigint {
  return fields.findLast((f) => f.number === n)?.varint ?? 0n;
}

function bytesOf(fields: WireField[], n: number): Uint8Array {
  return fields.findLast((f) => f.number === n)?.bytes ?? new Uint8Array(0);
}

const utf8 = new TextDecoder();

/** RFC 3339 in UTC; Go's metav1.Time has second precision, MicroTime six fractional digits. */
function rfc3339(seconds: bigint, nanos: number, micro: boolean): string {
  const iso = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  return micro ? `${iso}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z` : `${iso}Z`;
}

/**
 * The JSON value of a special message, or undefined when `qualified` is an ordinary message.
 * Sources: apimachinery pkg/apis/meta/v1/time_proto.go (an empty message is the zero Time, nanos
 * ignored), micro_time_proto.go, pkg/util/intstr/intstr.go, pkg/api/resource/quantity_proto.go,
 * meta/v1/types.go (FieldsV1 holds raw JSON), and k8s.io/api authentication/v1 ExtraValue ([]string).
 */
export function specialMessage(qualified: string, bytes: Uint8Array): Decoded | undefined {
  switch (qualified) {
    case 'meta.v1.Time':
    case 'meta.v1.MicroTime': {
      // Zero Time marshals to an empty message and to JSON null; omitted, as the server sets it.
      if (bytes.length === 0) return { value: undefined, zero: true };
      const f = readFields(bytes);
      const nanos = Number(BigInt.asIntN(32, varintOf(f, 2)));
      const value = rfc3339(BigInt.asIntN(64, varintOf(f, 1)), nanos, qualified === 'meta.v1.MicroTime');
      return { value, zero: false };
    }
    case 'intstr.IntOrString': {
      const f = readFields(bytes);
      if (varintOf(f, 1) === 1n) {
        const s = utf8.decode(bytesOf(f, 3));
        return { value: s, zero: false };
      }
      const n = Number(BigInt.asIntN(32, varintOf(f, 2)));
      // Non-pointer IntOrString fields (ports) are always on the wire; 0 means unset in Kubernetes.
      return { value: n, zero: n === 0 };
    }
    case 'resource.Quantity':
      return { value: utf8.decode(bytesOf(readFields(bytes), 1)), zero: false };
    case 'meta.v1.FieldsV1': {
      const raw = utf8.decode(bytesOf(readFields(bytes), 1));
      return { value: raw === '' ? {} : (JSON.parse(raw) as unknown), zero: false };
    }
    case 'authentication.v1.ExtraValue':
      return {
        value: readFields(bytes)
          .filter((f) => f.number === 1)
          .map((f) => utf8.decode(f.bytes)),
        zero: false,
      };
    default:
      return undefined;
  }
}
