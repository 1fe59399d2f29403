/**
 * Field trees: which field names exist where in an object, for the strict unknown-field pass.
 * Built-in kinds come from @kubernetes/client-node's model attribute maps, custom resources from the
 * openAPIV3Schema of a CRD in the set (or a small built-in copy for MetalLB's two configuration kinds).
 */
import { isRecord } from '../core/index.ts';

export type FieldTree =
  | { t: 'object'; fields: () => ReadonlyMap<string, FieldTree> }
  | { t: 'array'; items: FieldTree }
  | { t: 'map'; values: FieldTree }
  | { t: 'any' }
  | { t: 'leaf' };

const ANY: FieldTree = { t: 'any' };
const LEAF: FieldTree = { t: 'leaf' };

interface Attribute {
  baseName: string;
  type: string;
}

/**
 * client-node's package root takes 1-4 s to import (all its APIs); each generated model file stands
 * alone (no imports), so the models a kind needs are imported one by one, once.
 */
const MODELS = '@kubernetes/client-node/dist/gen/models';
const attributes = new Map<string, Promise<Attribute[] | undefined>>();
let source: Promise<(name: string) => Promise<unknown>> | undefined;

/**
 * Where model classes come from: their own files when that works (checked once on V1ObjectMeta), else
 * the slow package root (should a later client-node close dist/ with an "exports" map).
 */
function modelSource(): Promise<(name: string) => Promise<unknown>> {
  source ??= import(`${MODELS}/V1ObjectMeta.js`).then(
    () => (name: string) => import(`${MODELS}/${name}.js`).catch(() => undefined),
    () => {
      const root = import('@kubernetes/client-node');
      return () => root;
    },
  );
  return source;
}

function attributesFrom(mod: unknown, name: string): Attribute[] | undefined {
  const cls: unknown = isRecord(mod) ? mod[name] : undefined;
  const getter: unknown =
    typeof cls === 'function'
      ? (cls as unknown as Record<string, unknown>)['getAttributeTypeMap']
      : undefined;
  const attrs: unknown = typeof getter === 'function' ? (getter as () => unknown).call(cls) : undefined;
  return Array.isArray(attrs) ? (attrs as Attribute[]) : undefined;
}

function attributesOf(name: string): Promise<Attribute[] | undefined> {
  let hit = attributes.get(name);
  if (!hit) {
    hit = /^[A-Za-z0-9]+$/.test(name)
      ? modelSource().then(async (load) => attributesFrom(await load(name), name))
      : Promise.resolve(undefined);
    attributes.set(name, hit);
  }
  return hit;
}

function lazyObject(build: () => Map<string, FieldTree>): FieldTree {
  let memo: Map<string, FieldTree> | undefined;
  return { t: 'object', fields: () => (memo ??= build()) };
}

/** Trees by client-node type string; an object node is cached before its fields, so cycles terminate. */
const typeCache = new Map<string, FieldTree>();

async function treeFromType(type: string): Promise<FieldTree> {
  const hit = typeCache.get(type);
  if (hit) return hit;
  const arr = /^Array<(.+)>$/.exec(type);
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (arr?.[1]) return remember(type, { t: 'array', items: await treeFromType(arr[1]) });
  if (map?.[1]) return remember(type, { t: 'map', values: await treeFromType(map[1]) });
  if (type === 'any' || type === 'object') return ANY;
  const attrs =
    /^[A-Z]/.test(type) && type !== 'Date' && type !== 'IntOrString' ? await attributesOf(type) : undefined;
  if (!attrs) return LEAF;
  const fields = new Map<string, FieldTree>();
  const tree = remember(type, { t: 'object', fields: () => fields });
  for (const a of attrs) fields.set(a.baseName, await treeFromType(a.type));
  return tree;
}

function remember(type: string, tree: FieldTree): FieldTree {
  typeCache.set(type, tree);
  return tree;
}

/** The client-node model class name for an apiVersion/kind: `CoreV1Event`, `V1Deployment`, ... */
function modelNames(apiVersion: string, kind: string): string[] {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const ver = version.charAt(0).toUpperCase() + version.slice(1);
  const first = group === '' ? 'core' : (group.split('.')[0] ?? '');
  const prefix = first.charAt(0).toUpperCase() + first.slice(1);
  // Kinds whose name exists in two groups carry the group as prefix (CoreV1Event, EventsV1Event).
  return [`${prefix}${ver}${kind}`, `${ver}${kind}`];
}

/** Field tree of a built-in kind, or undefined when client-node has no model for it. */
export async function builtinTree(apiVersion: string, kind: string): Promise<FieldTree | undefined> {
  for (const name of modelNames(apiVersion, kind)) {
    if (await attributesOf(name)) return treeFromType(name);
  }
  return undefined;
}

export function objectMetaTree(): Promise<FieldTree> {
  return treeFromType('V1ObjectMeta');
}

/** Field tree from a structural (CRD) JSON schema; `x-kubernetes-preserve-unknown-fields` opens a subtree. */
export function treeFromSchema(schema: unknown): FieldTree {
  if (!isRecord(schema) || schema['x-kubernetes-preserve-unknown-fields'] === true) return ANY;
  const props = schema['properties'];
  if (isRecord(props)) {
    return lazyObject(() => new Map(Object.entries(props).map(([k, v]) => [k, treeFromSchema(v)])));
  }
  if (schema['type'] === 'array') return { t: 'array', items: treeFromSchema(schema['items']) };
  if (schema['type'] === 'object') {
    const extra = schema['additionalProperties'];
    return isRecord(extra) ? { t: 'map', values: treeFromSchema(extra) } : ANY;
  }
  return LEAF;
}

/**
 * MetalLB v0.13.10's two configuration kinds, used when the MetalLB CRDs are not in the set
 * (field names from config/manifests/metallb-native.yaml; nested selectors are left open).
 */
export const METALLB_SCHEMAS: Readonly<Record<string, unknown>> = {
  'metallb.io/v1beta1/IPAddressPool': {
    properties: {
      apiVersion: {},
      kind: {},
      metadata: {},
      spec: {
        properties: {
          addresses: { type: 'array', items: { type: 'string' } },
          autoAssign: { type: 'boolean' },
          avoidBuggyIPs: { type: 'boolean' },
          serviceAllocation: { 'x-kubernetes-preserve-unknown-fields': true },
        },
      },
      status: { 'x-kubernetes-preserve-unknown-fields': true },
    },
  },
  'metallb.io/v1beta1/L2Advertisement': {
    properties: {
      apiVersion: {},
      kind: {},
      metadata: {},
      spec: {
        properties: {
          interfaces: { type: 'array', items: { type: 'string' } },
          ipAddressPoolSelectors: { 'x-kubernetes-preserve-unknown-fields': true },
          ipAddressPools: { type: 'array', items: { type: 'string' } },
          nodeSelectors: { 'x-kubernetes-preserve-unknown-fields': true },
        },
      },
      status: { 'x-kubernetes-preserve-unknown-fields': true },
    },
  },
};

/**
 * A custom resource's tree: apiVersion and kind are always allowed (CRD schemas often omit them) and
 * metadata is the real ObjectMeta (CRD schemas leave it open).
 */
export async function customResourceTree(schema: unknown): Promise<FieldTree> {
  const root = treeFromSchema(schema);
  if (root.t !== 'object') return root;
  const meta = await objectMetaTree();
  return lazyObject(
    () => new Map([['apiVersion', LEAF], ['kind', LEAF], ...root.fields(), ['metadata', meta]]),
  );
}
