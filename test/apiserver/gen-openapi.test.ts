/**
 * scripts/gen-openapi.ts: how kubernetes-models' d.ts declarations map onto kube-apiserver's OpenAPI v3
 * component schemas, and that the committed builtin-schemas.json is what the generator writes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  addPatchMetadata,
  APIMACHINERY,
  buildSchemas,
  convertFile,
  MODELS,
  OUTPUT,
  upstreamName,
} from '../../scripts/gen-openapi.ts';
import type { JsonSchema } from '../../scripts/gen-openapi.ts';

const REF = '#/components/schemas/';
const TYPE_META = { apiVersion: 'APIVersion defines…', kind: 'Kind is…' };
/** client-node's formats: V1Foo.ratio is a double, V1Foo.count an int32. */
const FORMATS = (cls: string, prop: string) =>
  cls === 'V1Foo' ? ({ ratio: 'double', count: 'int32' } as Record<string, string>)[prop] : undefined;

/** A d.ts shaped as kubernetes-models writes one: apps/v1/Foo.d.ts exporting IFoo as IIoK8sApiAppsV1Foo. */
function convert(body: string, imports = '', file = join(MODELS, 'apps/v1/Foo.d.ts')): JsonSchema {
  const source = [
    imports,
    'import { ModelData, Model } from "@kubernetes-models/base";',
    '/**',
    ' * Foo does things.',
    ' */',
    'export interface IFoo {',
    body,
    '}',
    'export declare class Foo extends Model<IFoo> implements IFoo {}',
    'export { IFoo as IIoK8sApiAppsV1Foo, Foo as IoK8sApiAppsV1Foo };',
  ].join('\n');
  return convertFile({ file, source, formats: FORMATS, typeMeta: TYPE_META }).schema;
}

const INTSTR =
  'import { IIoK8sApimachineryPkgUtilIntstrIntOrString } from "@kubernetes-models/apimachinery/util/intstr/IntOrString";';
const BAR = 'import { IIoK8sApiAppsV1Bar } from "./Bar";';
const POD = 'import { IIoK8sApiCoreV1PodSpec } from "../../v1/PodSpec";';

describe('gen-openapi: d.ts → OpenAPI v3 schema', () => {
  const rows: { desc: string; imports?: string; body: string; want: JsonSchema; required?: string[] }[] = [
    {
      desc: 'an optional documented string',
      body: '/**\n * Name of the thing.\n */\n"name"?: string;',
      want: { name: { description: 'Name of the thing.', type: 'string' } },
    },
    {
      desc: 'a field without ? is required',
      body: '"name": string;',
      want: { name: { type: 'string' } },
      required: ['name'],
    },
    {
      desc: 'numbers are integers unless client-node says double; its format is kept',
      body: '"count"?: number;\n"ratio"?: number;\n"other"?: number;',
      want: {
        count: { type: 'integer', format: 'int32' },
        ratio: { type: 'number', format: 'double' },
        other: { type: 'integer' },
      },
    },
    { desc: 'boolean', body: '"on"?: boolean;', want: { on: { type: 'boolean' } } },
    {
      desc: 'a union of string literals is an enum',
      body: '"policy"?: "Always" | "Never" | "OnFailure";',
      want: { policy: { type: 'string', enum: ['Always', 'Never', 'OnFailure'] } },
    },
    {
      desc: 'Array<T> and T[] are arrays',
      body: '"args"?: Array<string>;\n"ports"?: number[];',
      want: {
        args: { type: 'array', items: { type: 'string' } },
        ports: { type: 'array', items: { type: 'integer' } },
      },
    },
    {
      desc: 'an index signature is a map',
      body: '"labels"?: {\n  [key: string]: string;\n};',
      want: { labels: { type: 'object', additionalProperties: { type: 'string' } } },
    },
    {
      desc: 'a documented reference is allOf [$ref] beside the description, as kube-openapi v3 writes it',
      imports: INTSTR,
      body: '/**\n * How many.\n */\n"maxSurge"?: IIoK8sApimachineryPkgUtilIntstrIntOrString;',
      want: {
        maxSurge: {
          allOf: [{ $ref: `${REF}io.k8s.apimachinery.pkg.util.intstr.IntOrString` }],
          description: 'How many.',
        },
      },
    },
    {
      desc: 'references resolve across groups and inside arrays and maps',
      imports: `${BAR}\n${POD}`,
      body: '"bars"?: Array<IIoK8sApiAppsV1Bar>;\n"byName"?: { [key: string]: IIoK8sApiAppsV1Bar };\n"pod"?: IIoK8sApiCoreV1PodSpec;',
      want: {
        bars: { type: 'array', items: { $ref: `${REF}io.k8s.api.apps.v1.Bar` } },
        byName: { type: 'object', additionalProperties: { $ref: `${REF}io.k8s.api.apps.v1.Bar` } },
        pod: { $ref: `${REF}io.k8s.api.core.v1.PodSpec` },
      },
    },
    {
      desc: 'a self reference names the type itself',
      body: '"children"?: Array<IFoo>;',
      want: { children: { type: 'array', items: { $ref: `${REF}io.k8s.api.apps.v1.Foo` } } },
    },
    {
      desc: 'an inlined embedded kind refers to the kind beside its spec type (volumeClaimTemplates)',
      imports:
        'import { IIoK8sApiCoreV1PersistentVolumeClaimSpec } from "../../v1/PersistentVolumeClaimSpec";',
      body: '"claims"?: Array<{\n  "apiVersion"?: string;\n  "spec"?: IIoK8sApiCoreV1PersistentVolumeClaimSpec;\n}>;',
      want: { claims: { type: 'array', items: { $ref: `${REF}io.k8s.api.core.v1.PersistentVolumeClaim` } } },
    },
  ];
  for (const row of rows) {
    test(row.desc, () => {
      const schema = convert(row.body, row.imports);
      assert.equal(schema.description, 'Foo does things.');
      assert.equal(schema.type, 'object');
      assert.deepEqual(schema.properties, row.want);
      assert.deepEqual(schema.required, row.required);
      assert.equal(schema['x-kubernetes-group-version-kind'], undefined);
    });
  }

  test('a top-level kind: literal apiVersion/kind become TypeMeta strings and x-kubernetes-group-version-kind', () => {
    const schema = convert('"apiVersion": "apps/v1";\n"kind": "Foo";\n"spec"?: string;');
    assert.deepEqual(schema.properties, {
      apiVersion: { description: 'APIVersion defines…', type: 'string' },
      kind: { description: 'Kind is…', type: 'string' },
      spec: { type: 'string' },
    });
    assert.equal(schema.required, undefined, 'apiVersion and kind are not required upstream');
    assert.deepEqual(schema['x-kubernetes-group-version-kind'], [
      { group: 'apps', kind: 'Foo', version: 'v1' },
    ]);
    const core = convert('"apiVersion": "v1";\n"kind": "Foo";');
    assert.deepEqual(core['x-kubernetes-group-version-kind'], [{ group: '', kind: 'Foo', version: 'v1' }]);
  });

  test('upstream names from kubernetes-models paths', () => {
    const table: [string, string][] = [
      [join(MODELS, 'v1/Pod.d.ts'), 'io.k8s.api.core.v1.Pod'],
      [join(MODELS, 'apps/v1/Deployment.d.ts'), 'io.k8s.api.apps.v1.Deployment'],
      [join(MODELS, 'rbac.authorization.k8s.io/v1/Role.d.ts'), 'io.k8s.api.rbac.v1.Role'],
      [
        join(MODELS, 'apiextensions.k8s.io/v1/JSONSchemaProps.d.ts'),
        'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps',
      ],
      [join(APIMACHINERY, 'apis/meta/v1/ObjectMeta.d.ts'), 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
      [join(APIMACHINERY, 'util/intstr/IntOrString.d.ts'), 'io.k8s.apimachinery.pkg.util.intstr.IntOrString'],
    ];
    for (const [file, name] of table) assert.equal(upstreamName(file), name, file);
  });

  test('hand-defined apimachinery types: IntOrString and Quantity have no type, Time is a date-time string', () => {
    const read = (rel: string) => {
      const file = join(APIMACHINERY, rel);
      return convertFile({ file, source: readFileSync(file, 'utf8'), formats: FORMATS, typeMeta: TYPE_META })
        .schema;
    };
    const intstr = read('util/intstr/IntOrString.d.ts');
    assert.deepEqual(intstr.oneOf, [{ type: 'integer' }, { type: 'string' }]);
    assert.equal(intstr.format, 'int-or-string');
    assert.equal(intstr.type, undefined);
    assert.match(String(intstr.description), /^IntOrString is a type that can hold an int32 or a string\./);
    assert.deepEqual(read('api/resource/Quantity.d.ts'), { oneOf: [{ type: 'string' }, { type: 'number' }] });
    assert.equal(read('apis/meta/v1/Time.d.ts').format, 'date-time');
  });

  test('patch strategy and merge key follow the strategic-merge metadata through references', () => {
    const schemas: Record<string, JsonSchema> = {
      'io.k8s.api.core.v1.Pod': {
        properties: { spec: { allOf: [{ $ref: `${REF}io.k8s.api.core.v1.PodSpec` }] } },
        'x-kubernetes-group-version-kind': [{ group: '', kind: 'Pod', version: 'v1' }],
      },
      'io.k8s.api.core.v1.PodSpec': {
        properties: {
          containers: { type: 'array', items: { $ref: `${REF}io.k8s.api.core.v1.Container` } },
          tolerations: { type: 'array' },
        },
      },
      'io.k8s.api.core.v1.Container': { properties: { ports: { type: 'array' } } },
    };
    addPatchMetadata(schemas, [{ group: '', version: 'v1', kind: 'Pod' }], () => ({
      spec: {
        type: {
          containers: {
            strategy: 'merge',
            mergeKey: 'name',
            type: { ports: { strategy: 'merge', mergeKey: 'containerPort' } },
          },
          nope: { strategy: 'merge' },
        },
      },
    }));
    const podSpec = schemas['io.k8s.api.core.v1.PodSpec']!.properties as Record<string, JsonSchema>;
    assert.equal(podSpec.containers!['x-kubernetes-patch-strategy'], 'merge');
    assert.equal(podSpec.containers!['x-kubernetes-patch-merge-key'], 'name');
    assert.equal(
      podSpec.tolerations!['x-kubernetes-patch-strategy'],
      undefined,
      'untagged lists stay untagged',
    );
    assert.deepEqual(schemas['io.k8s.api.core.v1.Container']!.properties, {
      ports: {
        type: 'array',
        'x-kubernetes-patch-strategy': 'merge',
        'x-kubernetes-patch-merge-key': 'containerPort',
      },
    });
  });

  test('the committed builtin-schemas.json is what the generator writes', async () => {
    const fresh = await buildSchemas();
    const committed = (JSON.parse(readFileSync(OUTPUT, 'utf8')) as { schemas: Record<string, JsonSchema> })
      .schemas;
    assert.deepEqual(Object.keys(committed), Object.keys(fresh), 'run: npx tsx scripts/gen-openapi.ts');
    assert.deepEqual(committed, fresh, 'run: npx tsx scripts/gen-openapi.ts');
  });
});
