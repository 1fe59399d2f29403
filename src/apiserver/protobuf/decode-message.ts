/**
 * Turns one protobuf message into the JSON value Go's encoding/json would produce for the same Go struct,
 * driven by the field tables; an unknown field is an error, never silently dropped.
 */
import type { FieldSpec, MessageSpec, ScalarKind } from './schema.ts';
import { messageSpec } from './schema.ts';
import type { Decoded } from './special.ts';
import { specialMessage } from './special.ts';
import type { WireField } from './wire.ts';
import {
  readFields,
  readPacked,
  WIRE_FIXED32,
  WIRE_FIXED64,
  WIRE_LEN,
  WIRE_VARINT,
  WireError,
} from './wire.ts';

/** A body kubelab cannot turn into JSON faithfully; the caller answers 400 with this message. */
export class ProtobufDecodeError extends Error {}

/** `core.v1.Container` → `k8s.io.api.core.v1.Container`, the name in upstream generated.proto. */
export function protoName(qualified: string): string {
  if (qualified.startsWith('meta.v1.')) return `k8s.io.apimachinery.pkg.apis.${qualified}`;
  if (qualified.startsWith('intstr.')) return `k8s.io.apimachinery.pkg.util.${qualified}`;
  if (qualified.startsWith('resource.')) return `k8s.io.apimachinery.pkg.api.${qualified}`;
  return `k8s.io.api.${qualified}`;
}

const WIRE_OF: Record<ScalarKind, number> = {
  s: WIRE_LEN,
  y: WIRE_LEN,
  b: WIRE_VARINT,
  i32: WIRE_VARINT,
  i64: WIRE_VARINT,
  u32: WIRE_VARINT,
  u64: WIRE_VARINT,
  f64: WIRE_FIXED64,
  f32: WIRE_FIXED32,
};

const utf8 = new TextDecoder();

function fromVarint(kind: ScalarKind, v: bigint): unknown {
  switch (kind) {
    case 'b':
      return v !== 0n;
    case 'i32':
      return Number(BigInt.asIntN(32, v));
    case 'i64':
      return Number(BigInt.asIntN(64, v));
    case 'u32':
      return Number(BigInt.asUintN(32, v));
    default:
      return Number(v);
  }
}

function fromFixed(kind: ScalarKind, bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return kind === 'f64' ? view.getFloat64(0, true) : view.getFloat32(0, true);
}

function scalar(kind: ScalarKind, f: WireField, where: string): unknown {
  if (f.wireType !== WIRE_OF[kind])
    throw new ProtobufDecodeError(`${where} has wire type ${f.wireType}, expected ${WIRE_OF[kind]}`);
  if (kind === 's') return utf8.decode(f.bytes);
  if (kind === 'y') return Buffer.from(f.bytes).toString('base64');
  if (f.wireType === WIRE_VARINT) return fromVarint(kind, f.varint);
  return fromFixed(kind, f.bytes);
}

/** Repeated numeric fields may come packed (one length-delimited run) or one element per field. */
function repeatedScalars(kind: ScalarKind, f: WireField, where: string): unknown[] {
  if (f.wireType !== WIRE_LEN || kind === 's' || kind === 'y') return [scalar(kind, f, where)];
  if (kind === 'f64' || kind === 'f32') {
    const size = kind === 'f64' ? 8 : 4;
    const out: number[] = [];
    for (let i = 0; i + size <= f.bytes.length; i += size)
      out.push(fromFixed(kind, f.bytes.subarray(i, i + size)));
    return out;
  }
  return readPacked(f.bytes).map((v) => fromVarint(kind, v));
}

const ZERO: Record<ScalarKind, unknown> = {
  s: '',
  y: '',
  b: false,
  i32: 0,
  i64: 0,
  u32: 0,
  u64: 0,
  f64: 0,
  f32: 0,
};

function isZero(v: unknown): boolean {
  return v === '' || v === 0 || v === false;
}

function valueOf(field: FieldSpec, f: WireField, where: string): Decoded {
  if ('scalar' in field.value) {
    const value = scalar(field.value.scalar, f, where);
    return { value, zero: isZero(value) };
  }
  if (f.wireType !== WIRE_LEN)
    throw new ProtobufDecodeError(`${where} has wire type ${f.wireType}, expected ${WIRE_LEN}`);
  return messageValue(field.value.message, f.bytes);
}

function messageValue(qualified: string, bytes: Uint8Array): Decoded {
  const special = specialMessage(qualified, bytes);
  if (special) return special;
  return { value: decodeMessage(qualified, bytes), zero: false };
}

function mapEntry(field: FieldSpec, bytes: Uint8Array, where: string): [string, unknown] {
  let key: unknown = ZERO[field.mapKey!];
  let value: unknown;
  for (const e of readFields(bytes)) {
    if (e.number === 1) key = scalar(field.mapKey!, e, `${where} key`);
    else if (e.number === 2) value = valueOf(field, e, `${where} value`).value;
    else throw new ProtobufDecodeError(`${where}: map entry has unknown field ${e.number}`);
  }
  if (value === undefined)
    value =
      'scalar' in field.value
        ? ZERO[field.value.scalar]
        : messageValue(field.value.message, new Uint8Array(0)).value;
  return [String(key), value];
}

function lookup(qualified: string): MessageSpec {
  const spec = messageSpec(qualified);
  if (!spec) throw new ProtobufDecodeError(`kubelab has no protobuf table for ${protoName(qualified)}`);
  return spec;
}

/** Decodes the message `qualified` (e.g. `core.v1.ConfigMap`) into its JSON object. */
export function decodeMessage(qualified: string, bytes: Uint8Array): Record<string, unknown> {
  const spec = lookup(qualified);
  const seen = new Map<number, Decoded>();
  const lists = new Map<number, unknown[]>();
  const maps = new Map<number, Record<string, unknown>>();
  let fields: WireField[];
  try {
    fields = readFields(bytes);
  } catch (err) {
    if (err instanceof WireError) throw new ProtobufDecodeError(`${protoName(spec.name)}: ${err.message}`);
    throw err;
  }
  for (const f of fields) {
    const field = spec.byNumber.get(f.number);
    if (!field)
      throw new ProtobufDecodeError(
        `field ${f.number} (wire type ${f.wireType}) of ${protoName(spec.name)} is not in kubelab's protobuf table`,
      );
    const where = `${protoName(spec.name)}.${field.json} (field ${f.number})`;
    if (field.mapKey !== undefined) {
      const [k, v] = mapEntry(field, f.bytes, where);
      const m = maps.get(f.number) ?? {};
      m[k] = v;
      maps.set(f.number, m);
    } else if (field.repeated) {
      const items =
        'scalar' in field.value
          ? repeatedScalars(field.value.scalar, f, where)
          : [valueOf(field, f, where).value];
      lists.set(f.number, [...(lists.get(f.number) ?? []), ...items]);
    } else {
      seen.set(f.number, valueOf(field, f, where));
    }
  }
  return assemble(spec, seen, lists, maps);
}

/** Builds the object in Go struct order, applying omitempty, pointer and inline rules. */
function assemble(
  spec: MessageSpec,
  seen: Map<number, Decoded>,
  lists: Map<number, unknown[]>,
  maps: Map<number, Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of spec.fields) {
    const list = lists.get(field.number);
    const map = maps.get(field.number);
    const got = seen.get(field.number);
    if (list !== undefined) out[field.json] = list;
    else if (map !== undefined) out[field.json] = map;
    else if (got === undefined) {
      if (field.keepZero && 'scalar' in field.value) out[field.json] = ZERO[field.value.scalar];
    } else if (got.value === undefined) continue;
    else if (field.inline) Object.assign(out, got.value);
    else if (field.pointer || field.keepZero || !got.zero) out[field.json] = got.value;
  }
  return out;
}
