/**
 * Generates src/apiserver/openapi/builtin-schemas.json: OpenAPI v3 component schemas for every built-in
 * kind kubelab serves, named as kube-apiserver names them (io.k8s.api.apps.v1.Deployment), read with the
 * TypeScript compiler API from the .d.ts files of the `kubernetes-models` package (generated from the
 * Kubernetes OpenAPI spec: JSDoc descriptions, optional vs required fields, references between types).
 * Integer vs floating-point numbers and their formats come from @kubernetes/client-node's attributeTypeMap,
 * which the d.ts files do not carry. Run: `npx tsx scripts/gen-openapi.ts` (prints sizes).
 *
 * The shapes follow kube-openapi's v3 output (k8s: staging/src/k8s.io/kube-openapi/pkg/builder3): a
 * reference with a description becomes `allOf: [{$ref}]`, IntOrString and Quantity are `oneOf` schemas with
 * no `type` (so `kubectl explain` prints `<IntOrString>` and `<Quantity>`), Time is a date-time string.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as prettier from 'prettier';
import ts from 'typescript';
import type { Schema as SmpSchema } from '../src/apiserver/patch/merge-keys.ts';

export type JsonSchema = { [key: string]: unknown };

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NODE_MODULES = join(ROOT, 'node_modules');
export const MODELS = join(NODE_MODULES, 'kubernetes-models');
export const APIMACHINERY = join(NODE_MODULES, '@kubernetes-models', 'apimachinery');
export const OUTPUT = join(ROOT, 'src/apiserver/openapi/builtin-schemas.json');
const REF = '#/components/schemas/';

/** Package prefix of a kubernetes-models group folder where upstream's Go package is not k8s.io/api/<group>. */
const GROUP_PACKAGES: Record<string, string> = {
  v1: 'io.k8s.api.core',
  'apiextensions.k8s.io': 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions',
  'apiregistration.k8s.io': 'io.k8s.kube-aggregator.pkg.apis.apiregistration',
};

/** Schemas of the apimachinery types kube-openapi defines by hand (OpenAPIDefinition / OpenAPIV3OneOfTypes). */
const SPECIAL: Record<string, JsonSchema> = {
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': {
    oneOf: [{ type: 'integer' }, { type: 'string' }],
    format: 'int-or-string',
  },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { oneOf: [{ type: 'string' }, { type: 'number' }] },
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': { type: 'string', format: 'date-time' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': { type: 'string', format: 'date-time' },
  'io.k8s.apimachinery.pkg.runtime.RawExtension': { type: 'object' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1': { type: 'object' },
  // JSON and the JSONSchemaPropsOr* unions accept any JSON value: no type, so explain says <JSON>.
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON': {},
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray': {},
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBool': {},
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrStringArray': {},
};

/** The upstream component name of a kubernetes-models / apimachinery .d.ts file. */
export function upstreamName(file: string): string {
  const noExt = file.replace(/\.d\.ts$/, '');
  if (noExt.startsWith(APIMACHINERY + sep)) {
    return `io.k8s.apimachinery.pkg.${relative(APIMACHINERY, noExt).split(sep).join('.')}`;
  }
  const parts = relative(MODELS, noExt).split(sep);
  if (parts.length === 2 && parts[0] === 'v1') return `io.k8s.api.core.v1.${parts[1]}`;
  if (parts.length !== 3) throw new Error(`unexpected model path ${file}`);
  const [group, version, kind] = parts as [string, string, string];
  const pkg = GROUP_PACKAGES[group] ?? `io.k8s.api.${group.split('.')[0]!}`;
  return `${pkg}.${version}.${kind}`;
}

/** kubernetes-models' export alias of an upstream name: IoK8sApiAppsV1Deployment. */
function aliasOf(name: string): string {
  return name
    .split(/[.-]/)
    .map((s) => s[0]!.toUpperCase() + s.slice(1))
    .join('');
}

/** Where a .d.ts lives, given the module specifier one of its importers used. */
function resolveSpecifier(from: string, spec: string): string {
  return spec.startsWith('.') ? resolve(dirname(from), `${spec}.d.ts`) : join(NODE_MODULES, `${spec}.d.ts`);
}

/** Number formats (int32, int64, double) by client-node model class and property. */
export type NumberFormats = (className: string, property: string) => string | undefined;

export interface ConvertContext {
  /** Upstream name of the schema being converted (for client-node lookups and self references). */
  name: string;
  /** Import name → upstream component name and file, for type references. */
  imports: Map<string, { name: string; file: string }>;
  /** Files of the types referenced so far (the generator converts them next). */
  refs: Set<string>;
  /** The file's own interface name (IJSONSchemaProps refers to itself). */
  localName: string;
  formats: NumberFormats;
  /** Descriptions of apiVersion and kind for kinds whose d.ts declares them as literals without docs. */
  typeMeta: { apiVersion: string; kind: string };
}

function jsDoc(node: ts.Node): string | undefined {
  const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc;
  const doc = docs?.[docs.length - 1];
  if (!doc) return undefined;
  const text = typeof doc.comment === 'string' ? doc.comment : ts.getTextOfJSDocComment(doc.comment);
  return text && text.length > 0 ? text : undefined;
}

function propName(name: ts.PropertyName): string {
  if (ts.isStringLiteral(name) || ts.isIdentifier(name)) return name.text;
  throw new Error(`unsupported property name ${name.getText()}`);
}

function literalValue(node: ts.TypeNode): string | undefined {
  return ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal) ? node.literal.text : undefined;
}

/** client-node class candidates for an upstream name: V1Probe, or with the group prefix (CoreV1Event). */
function clientNodeClasses(name: string): string[] {
  const parts = name.split('.');
  const kind = parts[parts.length - 1]!;
  const version = parts[parts.length - 2]!;
  const group = parts[parts.length - 3]!;
  const v = version[0]!.toUpperCase() + version.slice(1);
  const g = group[0]!.toUpperCase() + group.slice(1);
  return [`${v}${kind}`, `${g}${v}${kind}`];
}

function numberSchema(ctx: ConvertContext, property: string): JsonSchema {
  let format: string | undefined;
  for (const c of clientNodeClasses(ctx.name)) {
    format = ctx.formats(c, property);
    if (format !== undefined) break;
  }
  const type = format === 'double' || format === 'float' ? 'number' : 'integer';
  return format ? { type, format } : { type };
}

/** The schema of one type node; `property` names the field (for number formats). */
export function typeSchema(node: ts.TypeNode, ctx: ConvertContext, property: string): JsonSchema {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { type: 'string' };
    case ts.SyntaxKind.NumberKeyword:
      return numberSchema(ctx, property);
    case ts.SyntaxKind.BooleanKeyword:
      return { type: 'boolean' };
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
      return {};
  }
  if (ts.isParenthesizedTypeNode(node)) return typeSchema(node.type, ctx, property);
  const literal = literalValue(node);
  if (literal !== undefined) return { type: 'string', enum: [literal] };
  if (ts.isUnionTypeNode(node)) {
    const members = node.types.filter(
      (t) => !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword),
    );
    const literals = members.map(literalValue);
    if (literals.every((l) => l !== undefined)) return { type: 'string', enum: literals };
    if (members.length === 1) return typeSchema(members[0]!, ctx, property);
    return { oneOf: members.map((m) => typeSchema(m, ctx, property)) };
  }
  if (ts.isArrayTypeNode(node)) return { type: 'array', items: typeSchema(node.elementType, ctx, property) };
  if (ts.isTypeLiteralNode(node)) {
    const index = node.members.find(ts.isIndexSignatureDeclaration);
    if (index && node.members.length === 1) {
      return { type: 'object', additionalProperties: typeSchema(index.type, ctx, property) };
    }
    if (node.members.length === 0) return { type: 'object' };
    // kubernetes-models inlines a kind embedded in another type (StatefulSetSpec.volumeClaimTemplates);
    // upstream refers to the kind (PersistentVolumeClaim), the sibling of its spec's type.
    const spec = node.members.find((m) => m.name && propName(m.name) === 'spec');
    const specType = spec && ts.isPropertySignature(spec) ? spec.type : undefined;
    if (specType && ts.isTypeReferenceNode(specType) && ts.isIdentifier(specType.typeName)) {
      const target = ctx.imports.get(specType.typeName.text);
      if (target?.name.endsWith('Spec')) {
        ctx.refs.add(target.file.replace(/Spec\.d\.ts$/, '.d.ts'));
        return { $ref: `${REF}${target.name.slice(0, -'Spec'.length)}` };
      }
    }
    throw new Error(`${ctx.name}.${property}: unsupported type literal ${node.getText()}`);
  }
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
    const id = node.typeName.text;
    if (id === 'Array' && node.typeArguments?.length === 1) {
      return { type: 'array', items: typeSchema(node.typeArguments[0]!, ctx, property) };
    }
    if (id === ctx.localName) return { $ref: `${REF}${ctx.name}` };
    const target = ctx.imports.get(id);
    if (target) {
      ctx.refs.add(target.file);
      return { $ref: `${REF}${target.name}` };
    }
  }
  throw new Error(`${ctx.name}.${property}: unsupported type ${node.getText()}`);
}

/** A property's schema: a described reference becomes allOf:[{$ref}] as kube-openapi's v3 builder writes it. */
function propertySchema(type: JsonSchema, description: string | undefined): JsonSchema {
  if (description === undefined) return type;
  if (typeof type.$ref === 'string') return { allOf: [type], description };
  return { description, ...type };
}

/** Converts the declaration (interface or type alias) that a d.ts file exports. */
export function declarationSchema(
  decl: ts.InterfaceDeclaration | ts.TypeAliasDeclaration,
  ctx: ConvertContext,
) {
  const description = jsDoc(decl);
  const special = SPECIAL[ctx.name];
  if (special) return { ...(description ? { description } : {}), ...special };
  if (ts.isTypeAliasDeclaration(decl)) {
    return { ...(description ? { description } : {}), ...typeSchema(decl.type, ctx, '') };
  }
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const gvk: Record<string, string> = {};
  for (const m of decl.members) {
    if (!ts.isPropertySignature(m) || !m.type) throw new Error(`${ctx.name}: unsupported member`);
    const name = propName(m.name);
    const literal = literalValue(m.type);
    let doc = jsDoc(m);
    if ((name === 'apiVersion' || name === 'kind') && literal !== undefined && doc === undefined) {
      // A top-level kind: TypeMeta's fields, plus the x-kubernetes-group-version-kind they spell.
      gvk[name] = literal;
      doc = ctx.typeMeta[name];
      properties[name] = { description: doc, type: 'string' };
      continue;
    }
    properties[name] = propertySchema(typeSchema(m.type, ctx, name), doc);
    if (!m.questionToken) required.push(name);
  }
  const schema: JsonSchema = { ...(description ? { description } : {}), type: 'object' };
  if (Object.keys(properties).length > 0) schema.properties = properties;
  if (required.length > 0) schema.required = required;
  if (gvk.apiVersion && gvk.kind) {
    const [group, version] = gvk.apiVersion.includes('/') ? gvk.apiVersion.split('/') : ['', gvk.apiVersion];
    schema['x-kubernetes-group-version-kind'] = [{ group, kind: gvk.kind, version }];
  }
  return schema;
}

export interface FileInput {
  /** Path of the d.ts file: its place under kubernetes-models gives the upstream name. */
  file: string;
  source: string;
  formats: NumberFormats;
  typeMeta: ConvertContext['typeMeta'];
}

/**
 * Parses one d.ts file and converts the type it exports under its upstream alias
 * (`export { IDeployment as IIoK8sApiAppsV1Deployment }`); refs are the files of the types it references.
 */
export function convertFile({ file, source, formats, typeMeta }: FileInput): {
  name: string;
  schema: JsonSchema;
  refs: Set<string>;
} {
  const name = upstreamName(file);
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const imports = new Map<string, { name: string; file: string }>();
  const refs = new Set<string>();
  let localName: string | undefined;
  const decls = new Map<string, ts.InterfaceDeclaration | ts.TypeAliasDeclaration>();
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      const spec = st.moduleSpecifier.text;
      if (spec.startsWith('@kubernetes-models/base')) continue;
      const bindings = st.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) {
        for (const el of bindings.elements) {
          const target = resolveSpecifier(file, spec);
          imports.set(el.name.text, { name: upstreamName(target), file: target });
        }
      }
    } else if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) {
      if (!decls.has(st.name.text)) decls.set(st.name.text, st);
    } else if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) {
        if (el.name.text === `I${aliasOf(name)}`) localName = (el.propertyName ?? el.name).text;
      }
    }
  }
  const decl = localName ? decls.get(localName) : undefined;
  if (!localName || !decl) throw new Error(`${file}: no declaration exported as I${aliasOf(name)}`);
  const schema = declarationSchema(decl, { name, imports, refs, localName, formats, typeMeta });
  return { name, schema, refs };
}

/** Every model file kubelab's built-in kinds (and their lists) need, converted, with references followed. */
export function generate(
  kinds: { group: string; version: string; kind: string }[],
): Record<string, JsonSchema> {
  const formats = clientNodeFormats();
  const typeMeta = typeMetaDescriptions();
  const queue: string[] = [];
  for (const k of kinds) {
    const dir = k.group === '' ? join(MODELS, k.version) : join(MODELS, k.group, k.version);
    queue.push(join(dir, `${k.kind}.d.ts`));
    // Reviews have no list kind.
    if (existsSync(join(dir, `${k.kind}List.d.ts`))) queue.push(join(dir, `${k.kind}List.d.ts`));
  }
  const out: Record<string, JsonSchema> = {};
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const { name, schema, refs } = convertFile({
      file,
      source: readFileSync(file, 'utf8'),
      formats,
      typeMeta,
    });
    out[name] = schema;
    queue.push(...refs);
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

function typeMetaDescriptions(): ConvertContext['typeMeta'] {
  const file = join(APIMACHINERY, 'apis/meta/v1/Status.d.ts');
  const { schema } = convertFile({
    file,
    source: readFileSync(file, 'utf8'),
    formats: () => undefined,
    typeMeta: { apiVersion: '', kind: '' },
  });
  const props = schema.properties as Record<string, { description: string }>;
  return { apiVersion: props.apiVersion!.description, kind: props.kind!.description };
}

function clientNodeFormats(): NumberFormats {
  const require = createRequire(join(ROOT, 'package.json'));
  const models = require('@kubernetes/client-node') as Record<string, unknown>;
  const table = new Map<string, string>();
  for (const [cls, value] of Object.entries(models)) {
    const map = (
      value as { attributeTypeMap?: { name: string; baseName: string; type: string; format: string }[] }
    )?.attributeTypeMap;
    if (!Array.isArray(map)) continue;
    for (const a of map) if (a.type === 'number' && a.format) table.set(`${cls}.${a.baseName}`, a.format);
  }
  return (cls, prop) => table.get(`${cls}.${prop}`);
}

/** The component a property schema refers to: `$ref`, `allOf: [{$ref}]`, or that of its items or values. */
function referenced(prop: JsonSchema): string | undefined {
  const ref = (s: unknown): string | undefined => {
    if (s === null || typeof s !== 'object') return undefined;
    const o = s as JsonSchema;
    if (typeof o.$ref === 'string') return o.$ref.slice(REF.length);
    if (Array.isArray(o.allOf) && o.allOf.length === 1) return ref(o.allOf[0]);
    return undefined;
  };
  return ref(prop) ?? ref(prop.items) ?? ref(prop.additionalProperties);
}

/**
 * Marks the fields kubelab's strategic-merge metadata knows (src/apiserver/patch/merge-keys.ts, transcribed
 * from the Go patchStrategy/patchMergeKey tags) with x-kubernetes-patch-strategy and -merge-key, as
 * kube-openapi does from the same tags. Components are shared, so a tag lands on the Go type as upstream.
 */
export function addPatchMetadata(
  schemas: Record<string, JsonSchema>,
  kinds: { group: string; version: string; kind: string }[],
  schemaFor: (group: string, kind: string) => SmpSchema,
): void {
  const byGvk = new Map<string, string>();
  for (const [name, s] of Object.entries(schemas)) {
    for (const g of (s['x-kubernetes-group-version-kind'] as {
      group: string;
      version: string;
      kind: string;
    }[]) ?? []) {
      byGvk.set(`${g.group}/${g.version}/${g.kind}`, name);
    }
  }
  const walk = (component: string | undefined, smp: SmpSchema): void => {
    const props = component
      ? (schemas[component]?.properties as Record<string, JsonSchema> | undefined)
      : undefined;
    if (!props) return;
    for (const [field, meta] of Object.entries(smp)) {
      const prop = props[field];
      if (!prop) continue;
      if (meta.strategy) prop['x-kubernetes-patch-strategy'] = meta.strategy;
      if (meta.mergeKey) prop['x-kubernetes-patch-merge-key'] = meta.mergeKey;
      if (meta.type) walk(referenced(prop), meta.type);
    }
  };
  for (const k of kinds) walk(byGvk.get(`${k.group}/${k.version}/${k.kind}`), schemaFor(k.group, k.kind));
}

/** The schemas of every built-in kind in src/apiserver/registry/builtins.ts, with patch metadata. */
export async function buildSchemas(): Promise<Record<string, JsonSchema>> {
  const { BUILTIN_RESOURCES } = await import('../src/apiserver/registry/builtins.ts');
  const { schemaFor } = await import('../src/apiserver/patch/merge-keys.ts');
  const kinds = new Map<string, { group: string; version: string; kind: string }>();
  for (const r of BUILTIN_RESOURCES) kinds.set(`${r.group}/${r.version}/${r.kind}`, r);
  const schemas = generate([...kinds.values()]);
  addPatchMetadata(schemas, [...kinds.values()], schemaFor);
  return schemas;
}

async function main(): Promise<void> {
  const schemas = await buildSchemas();
  const json = JSON.stringify({ schemas });
  // Written as prettier formats it, so `npm run format` leaves the committed file alone.
  const options = (await prettier.resolveConfig(OUTPUT)) ?? {};
  const text = await prettier.format(json, { ...options, filepath: OUTPUT });
  writeFileSync(OUTPUT, text);
  console.log(
    `${Object.keys(schemas).length} schemas, ${json.length} bytes compact, ${text.length} bytes written → ${relative(ROOT, OUTPUT)}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
