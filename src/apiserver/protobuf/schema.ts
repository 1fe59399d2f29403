/**
 * The notation of the protobuf field tables, its parser, and the lookup of a message by qualified name.
 *
 * A message is one string of space-separated fields `json=number:type[flags]`:
 * - type: `s` string, `i32` `i64` `u32` `u64` varint integers, `b` bool, `y` bytes (base64 in JSON),
 *   `f64` `f32` floats, a message name (bare = same package, else `pkg.version.Name`), `T[]` repeated,
 *   `{K:V}` a map (go-to-protobuf writes it as repeated entries {1: key, 2: value}).
 * - flags: `?` a Go pointer (present on the wire = emitted in JSON, even when zero); `!` a Go field
 *   without omitempty (emitted even when zero); `^` an embedded struct with `json:",inline"` whose
 *   fields are merged into the parent (the part before `=` is then only the proto field name).
 * Without flags a scalar follows omitempty: zero values are left out, as Go's encoding/json would.
 */
import { APPS_V1, BATCH_V1 } from './tables/apps-batch.ts';
import { CORE_V1 } from './tables/core-v1.ts';
import { META_V1 } from './tables/meta-v1.ts';
import {
  AUTHENTICATION_V1,
  AUTHORIZATION_V1,
  AUTOSCALING_V1,
  NETWORKING_V1,
  POLICY_V1,
  RBAC_V1,
  SCHEDULING_V1,
} from './tables/more-groups.ts';

/** Message name → field list, for one package (`core.v1`, `apps.v1`, ...). */
export type PackageTable = Record<string, string>;

export type ScalarKind = 's' | 'i32' | 'i64' | 'u32' | 'u64' | 'b' | 'y' | 'f64' | 'f32';

/** A field's value type: a scalar kind or a qualified message name. */
export type ValueType = { scalar: ScalarKind } | { message: string };

export interface FieldSpec {
  json: string;
  number: number;
  value: ValueType;
  /** Present only for maps: the key's type (always a scalar in Kubernetes). */
  mapKey?: ScalarKind;
  repeated: boolean;
  pointer: boolean;
  keepZero: boolean;
  inline: boolean;
}

export interface MessageSpec {
  /** e.g. `core.v1.Container`, used in error messages. */
  name: string;
  fields: FieldSpec[];
  byNumber: Map<number, FieldSpec>;
}

const SCALARS = new Set<string>(['s', 'i32', 'i64', 'u32', 'u64', 'b', 'y', 'f64', 'f32']);

/** Package tables by their short name; the proto package is `k8s.io.api.<group>.<version>`. */
const PACKAGES: Record<string, PackageTable> = {
  'core.v1': CORE_V1,
  'meta.v1': META_V1,
  'apps.v1': APPS_V1,
  'batch.v1': BATCH_V1,
  'rbac.v1': RBAC_V1,
  'networking.v1': NETWORKING_V1,
  'policy.v1': POLICY_V1,
  'scheduling.v1': SCHEDULING_V1,
  'authentication.v1': AUTHENTICATION_V1,
  'authorization.v1': AUTHORIZATION_V1,
  'autoscaling.v1': AUTOSCALING_V1,
};

const FIELD = /^(\w+)=(\d+):(?:\{(\w+):([\w.]+)\}|([\w.]+))(\[\])?([?!^]*)$/;

function valueType(token: string, pkg: string): ValueType {
  if (SCALARS.has(token)) return { scalar: token as ScalarKind };
  return { message: token.includes('.') ? token : `${pkg}.${token}` };
}

/** Parses one message's field string; throws on a malformed table entry (a bug, caught by tests). */
export function parseMessage(name: string, text: string): MessageSpec {
  const pkg = name.slice(0, name.lastIndexOf('.'));
  const fields = text.split(' ').map((token): FieldSpec => {
    const m = FIELD.exec(token);
    if (!m) throw new Error(`protobuf table: bad field "${token}" in ${name}`);
    const [, json, num, mapKey, mapValue, plain, rep, flags = ''] = m;
    if (mapKey !== undefined && !SCALARS.has(mapKey))
      throw new Error(`protobuf table: bad map key in ${name}.${json}`);
    return {
      json: json!,
      number: Number(num),
      value: valueType(mapValue ?? plain!, pkg),
      ...(mapKey !== undefined ? { mapKey: mapKey as ScalarKind } : {}),
      repeated: rep !== undefined,
      pointer: flags.includes('?'),
      keepZero: flags.includes('!'),
      inline: flags.includes('^'),
    };
  });
  return { name, fields, byNumber: new Map(fields.map((f) => [f.number, f])) };
}

const cache = new Map<string, MessageSpec>();

/** The message called `pkg.version.Name`, or undefined when kubelab has no table for it. */
export function messageSpec(qualified: string): MessageSpec | undefined {
  const hit = cache.get(qualified);
  if (hit) return hit;
  const dot = qualified.lastIndexOf('.');
  const text = PACKAGES[qualified.slice(0, dot)]?.[qualified.slice(dot + 1)];
  if (text === undefined) return undefined;
  const spec = parseMessage(qualified, text);
  cache.set(qualified, spec);
  return spec;
}

/** Every qualified message name in the tables (for the self-check test). */
export function allMessageNames(): string[] {
  return Object.entries(PACKAGES).flatMap(([pkg, table]) => Object.keys(table).map((n) => `${pkg}.${n}`));
}
