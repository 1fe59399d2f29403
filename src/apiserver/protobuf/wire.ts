/**
 * Protocol buffers wire format reading (https://protobuf.dev/programming-guides/encoding/): tags,
 * varints, length-delimited and fixed-size fields, packed repeated varints.
 */

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_FIXED32 = 5;

export interface WireField {
  number: number;
  wireType: number;
  /** The value of a varint field (0n otherwise). */
  varint: bigint;
  /** The payload of a length-delimited or fixed-size field (empty otherwise). */
  bytes: Uint8Array;
}

export class WireError extends Error {
  override name = 'WireError';
}

const EMPTY = new Uint8Array(0);

function readVarint(buf: Uint8Array, start: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  let pos = start;
  for (;;) {
    if (pos >= buf.length) throw new WireError('truncated varint');
    const b = buf[pos++]!;
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [result, pos];
    shift += 7n;
    if (shift > 63n) throw new WireError('varint longer than 10 bytes');
  }
}

/** Every field of one message, in wire order. */
export function readFields(buf: Uint8Array): WireField[] {
  const out: WireField[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [tag, afterTag] = readVarint(buf, pos);
    pos = afterTag;
    const number = Number(tag >> 3n);
    const wireType = Number(tag & 7n);
    if (number === 0) throw new WireError('field number 0');
    if (wireType === WIRE_VARINT) {
      const [v, next] = readVarint(buf, pos);
      out.push({ number, wireType, varint: v, bytes: EMPTY });
      pos = next;
    } else if (wireType === WIRE_LEN) {
      const [len, start] = readVarint(buf, pos);
      const end = start + Number(len);
      if (end > buf.length) throw new WireError('truncated length-delimited field');
      out.push({ number, wireType, varint: 0n, bytes: buf.subarray(start, end) });
      pos = end;
    } else if (wireType === WIRE_FIXED64 || wireType === WIRE_FIXED32) {
      const size = wireType === WIRE_FIXED64 ? 8 : 4;
      if (pos + size > buf.length) throw new WireError('truncated fixed-size field');
      out.push({ number, wireType, varint: 0n, bytes: buf.subarray(pos, pos + size) });
      pos += size;
    } else {
      throw new WireError(`unsupported wire type ${wireType}`);
    }
  }
  return out;
}

/** The varints of a packed repeated field's payload. */
export function readPacked(bytes: Uint8Array): bigint[] {
  const out: bigint[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const [v, next] = readVarint(bytes, pos);
    out.push(v);
    pos = next;
  }
  return out;
}
