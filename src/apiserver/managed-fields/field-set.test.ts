/** Table tests: the FieldsV1 a configuration or a change yields, against kube's encoding. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compare, toFieldSet, union } from './field-set.ts';
import { fromFieldsV1, pathText, toFieldsV1 } from './fields-v1.ts';
import { rootType } from './type-schema.ts';

const deployment = rootType('apps', 'v1', 'Deployment', true);
const pod = rootType('', 'v1', 'Pod', true);
const tmpl = (spec: unknown) => ({ spec: { template: { spec } } });

describe('toFieldSet (an applier’s fields, typed/tofieldset.go)', () => {
  const rows: { desc: string; obj: unknown; want: unknown }[] = [
    { desc: 'scalar field', obj: { spec: { replicas: 3 } }, want: { 'f:spec': { 'f:replicas': {} } } },
    {
      desc: 'granular map: each key, no `.` for the map',
      obj: { metadata: { labels: { app: 'web', tier: 'fe' } } },
      want: { 'f:metadata': { 'f:labels': { 'f:app': {}, 'f:tier': {} } } },
    },
    {
      desc: 'atomic struct (LabelSelector) is one leaf',
      obj: { spec: { selector: { matchLabels: { app: 'web' } } } },
      want: { 'f:spec': { 'f:selector': {} } },
    },
    {
      desc: 'associative list item by merge key, with `.`',
      obj: tmpl({ containers: [{ name: 'web', image: 'x' }] }),
      want: {
        'f:spec': {
          'f:template': {
            'f:spec': { 'f:containers': { 'k:{"name":"web"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
          },
        },
      },
    },
    {
      desc: 'container ports keyed by containerPort and protocol (default TCP), atomic command list',
      obj: tmpl({ containers: [{ name: 'w', command: ['a', 'b'], ports: [{ containerPort: 80 }] }] }),
      want: {
        'f:spec': {
          'f:template': {
            'f:spec': {
              'f:containers': {
                'k:{"name":"w"}': {
                  '.': {},
                  'f:command': {},
                  'f:name': {},
                  'f:ports': {
                    'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} },
                  },
                },
              },
            },
          },
        },
      },
    },
    {
      desc: 'set list items are values',
      obj: { metadata: { finalizers: ['a/b', 'c'] } },
      want: { 'f:metadata': { 'f:finalizers': { 'v:"a/b"': {}, 'v:"c"': {} } } },
    },
    {
      desc: 'empty map is a member (emptyDir: {})',
      obj: tmpl({ volumes: [{ name: 'app', emptyDir: {} }] }),
      want: {
        'f:spec': {
          'f:template': {
            'f:spec': { 'f:volumes': { 'k:{"name":"app"}': { '.': {}, 'f:emptyDir': {}, 'f:name': {} } } },
          },
        },
      },
    },
  ];
  for (const r of rows) {
    test(r.desc, () => {
      const set = toFieldSet(r.obj, deployment);
      assert.deepEqual(toFieldsV1(set), r.want);
      assert.deepEqual(fromFieldsV1(r.want), set, 'decoding gives the same set back');
    });
  }
});

describe('compare (an updater’s fields, typed.go Compare)', () => {
  const rows: { desc: string; lhs: unknown; rhs: unknown; changed: unknown; removed: unknown }[] = [
    {
      desc: 'a new label map is a member itself',
      lhs: {},
      rhs: { metadata: { labels: { app: 'web' } } },
      changed: { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } } },
      removed: {},
    },
    {
      desc: 'a changed scalar is modified; equal fields are not',
      lhs: { spec: { replicas: 3, paused: false } },
      rhs: { spec: { replicas: 5, paused: false } },
      changed: { 'f:spec': { 'f:replicas': {} } },
      removed: {},
    },
    {
      desc: 'a removed list item and its fields',
      lhs: tmpl({ containers: [{ name: 'a', image: 'x' }, { name: 'b' }] }),
      rhs: tmpl({ containers: [{ name: 'b' }] }),
      changed: {},
      removed: {
        'f:spec': {
          'f:template': {
            'f:spec': { 'f:containers': { 'k:{"name":"a"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
          },
        },
      },
    },
  ];
  for (const r of rows) {
    test(r.desc, () => {
      const c = compare(r.lhs, r.rhs, deployment);
      assert.deepEqual(toFieldsV1(union(c.added, c.modified)), r.changed);
      assert.deepEqual(toFieldsV1(c.removed), r.removed);
    });
  }
});

describe('pathText (fieldpath Path.String, as conflicts print it)', () => {
  const rows = [
    { desc: 'fields', obj: { spec: { replicas: 1 } }, want: ['.spec.replicas'] },
    {
      desc: 'keyed item',
      obj: { spec: { containers: [{ name: 'web' }] } },
      want: ['.spec.containers[name="web"]', '.spec.containers[name="web"].name'],
    },
    {
      desc: 'multi-key item and set value',
      obj: {
        metadata: { finalizers: ['x'] },
        spec: { containers: [{ name: 'w', ports: [{ containerPort: 80 }] }] },
      },
      want: [
        '.metadata.finalizers[="x"]',
        '.spec.containers[name="w"]',
        '.spec.containers[name="w"].name',
        '.spec.containers[name="w"].ports[containerPort=80,protocol="TCP"]',
        '.spec.containers[name="w"].ports[containerPort=80,protocol="TCP"].containerPort',
      ],
    },
  ];
  for (const r of rows) {
    test(r.desc, () => assert.deepEqual([...toFieldSet(r.obj, pod)].map(pathText).sort(), r.want));
  }
});
