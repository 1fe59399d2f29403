import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../../core/index.ts';
import { applyDefaults, unknownCustomFields, validateCustomResource, validateObject } from '../index.ts';
import { get, pluck } from '../testdata/dig.ts';

const METALLB = new URL('../../../../../shared/upstream/metallb-native-v0.13.10.yaml', import.meta.url);

/** A small structural schema shaped like MetalLB's, for when the upstream file is absent. */
const FALLBACK_POOL_SCHEMA = {
  type: 'object',
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      required: ['addresses'],
      properties: {
        addresses: { type: 'array', items: { type: 'string' } },
        autoAssign: { type: 'boolean', default: true },
        avoidBuggyIPs: { type: 'boolean', default: false },
      },
    },
    status: { type: 'object' },
  },
};

function poolSchema(): unknown {
  if (!existsSync(METALLB)) return FALLBACK_POOL_SCHEMA;
  for (const doc of parseAllDocuments(readFileSync(METALLB, 'utf8'))) {
    const o = doc.toJS() as KubeObject | null;
    if (o?.kind === 'CustomResourceDefinition' && get(o, 'spec.names.kind') === 'IPAddressPool') {
      applyDefaults(o, 'CREATE', undefined);
      assert.deepEqual(validateObject(o, 'CREATE', undefined), [], 'the CRD itself is valid');
      const names = pluck(o, 'spec.versions', 'name');
      return get(o, `spec.versions.${names.indexOf('v1beta1')}.schema.openAPIV3Schema`);
    }
  }
  throw new Error('no IPAddressPool CRD in the MetalLB manifest');
}

const pool = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'metallb.io/v1beta1',
  kind: 'IPAddressPool',
  metadata: { name: 'first-pool', namespace: 'metallb-system' },
  spec,
});

describe("custom resources against MetalLB's IPAddressPool schema", () => {
  const schema = poolSchema();
  const cases: { desc: string; spec: Record<string, unknown>; want: string[] }[] = [
    { desc: 'the kubelab pool validates', spec: { addresses: ['127.17.255.1-127.17.255.254'] }, want: [] },
    {
      desc: 'addresses must be a list',
      spec: { addresses: 'x' },
      want: [
        'spec.addresses: Invalid value: "string": spec.addresses in body must be of type array: "string"',
      ],
    },
    { desc: 'addresses is required', spec: {}, want: ['spec.addresses: Required value'] },
    {
      desc: 'list items must be strings',
      spec: { addresses: [1] },
      want: [
        'spec.addresses[0]: Invalid value: "integer": spec.addresses[0] in body must be of type string: "integer"',
      ],
    },
    {
      desc: 'autoAssign must be a boolean',
      spec: { addresses: ['127.17.255.1/32'], autoAssign: 'yes' },
      want: [
        'spec.autoAssign: Invalid value: "string": spec.autoAssign in body must be of type boolean: "string"',
      ],
    },
  ];
  for (const c of cases) {
    test(c.desc, () => {
      assert.deepEqual(
        validateCustomResource(pool(c.spec), schema).map((e) => e.message),
        c.want,
      );
    });
  }

  test('defaults are applied and unknown fields pruned; metadata is kept', () => {
    const obj = pool({ addresses: ['127.17.255.1-127.17.255.254'], foo: 1 });
    assert.deepEqual(unknownCustomFields(obj, schema), ['unknown field "spec.foo"']);
    assert.equal(get(obj, 'spec.foo'), 1, 'unknownCustomFields leaves the object alone');
    assert.deepEqual(validateCustomResource(obj, schema), []);
    assert.deepEqual(obj.spec, {
      addresses: ['127.17.255.1-127.17.255.254'],
      autoAssign: true,
      avoidBuggyIPs: false,
    });
    assert.equal(obj.metadata.name, 'first-pool');
  });
});

describe('schema keywords', () => {
  const schema = {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        properties: {
          mode: { type: 'string', enum: ['layer2', 'bgp'] },
          name: { type: 'string', pattern: '^[a-z]+$', maxLength: 5, minLength: 2 },
          count: { type: 'integer', minimum: 1, maximum: 3 },
          port: { 'x-kubernetes-int-or-string': true },
          items: { type: 'array', maxItems: 1, items: { type: 'string' } },
          free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
          labels: { type: 'object', additionalProperties: { type: 'string' } },
          template: {
            type: 'object',
            'x-kubernetes-embedded-resource': true,
            'x-kubernetes-preserve-unknown-fields': true,
          },
        },
      },
    },
  };
  const cr = (spec: Record<string, unknown>): KubeObject => ({
    apiVersion: 'x.io/v1',
    kind: 'X',
    metadata: { name: 'x' },
    spec,
  });
  const cases: { desc: string; spec: Record<string, unknown>; want: string[] }[] = [
    {
      desc: 'enum',
      spec: { mode: 'arp' },
      want: ['spec.mode: Unsupported value: "arp": supported values: "layer2", "bgp"'],
    },
    {
      desc: 'pattern',
      spec: { name: 'A1' },
      want: ['spec.name: Invalid value: "A1": spec.name in body should match \'^[a-z]+$\''],
    },
    { desc: 'maxLength', spec: { name: 'abcdef' }, want: ['spec.name: Too long: may not be longer than 5'] },
    {
      desc: 'minLength',
      spec: { name: 'a' },
      want: ['spec.name: Invalid value: "a": spec.name in body should be at least 2 chars long'],
    },
    {
      desc: 'minimum',
      spec: { count: 0 },
      want: ['spec.count: Invalid value: 0: spec.count in body should be greater than or equal to 1'],
    },
    {
      desc: 'maximum',
      spec: { count: 4 },
      want: ['spec.count: Invalid value: 4: spec.count in body should be less than or equal to 3'],
    },
    { desc: 'int-or-string accepts both', spec: { port: 'http' }, want: [] },
    { desc: 'int-or-string accepts integers', spec: { port: 80 }, want: [] },
    {
      desc: 'maxItems',
      spec: { items: ['a', 'b'] },
      want: ['spec.items: Too many: 2: must have at most 1 items'],
    },
    { desc: 'preserve-unknown-fields keeps anything', spec: { free: { a: { b: 1 } } }, want: [] },
    {
      desc: 'additionalProperties types map values',
      spec: { labels: { a: 1 } },
      want: [
        'spec.labels.a: Invalid value: "integer": spec.labels.a in body must be of type string: "integer"',
      ],
    },
    {
      desc: 'embedded resources need kind and apiVersion',
      spec: { template: { metadata: {} } },
      want: [
        'spec.template.kind: Required value: must not be empty',
        'spec.template.apiVersion: Required value: must not be empty',
      ],
    },
  ];
  for (const c of cases)
    test(c.desc, () =>
      assert.deepEqual(
        validateCustomResource(cr(c.spec), schema).map((e) => e.message),
        c.want,
      ),
    );

  test('without a schema nothing is pruned or rejected', () => {
    const obj = cr({ anything: { goes: 1 } });
    assert.deepEqual(unknownCustomFields(obj, undefined), []);
    assert.deepEqual(validateCustomResource(obj, undefined), []);
    assert.deepEqual(obj.spec, { anything: { goes: 1 } });
  });

  test('pruning reports nested unknown fields but not under preserve-unknown-fields', () => {
    const obj = cr({ mode: 'bgp', extra: { a: 1 }, free: { anything: true } });
    assert.deepEqual(unknownCustomFields(obj, schema), ['unknown field "spec.extra"']);
  });
});
