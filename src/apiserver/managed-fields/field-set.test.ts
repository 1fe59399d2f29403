/** Table tests: the FieldsV1 a configuration or a change yields, against kube's encoding. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compare, toFieldSet, union, zeroOf } from './field-set.ts';
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
  const rows: { desc: string; lhs: unknown; rhs: unknown; changed: unknown; removed?: unknown }[] = [
    {
      desc: 'a new label map is a member itself; metadata, in the zero object, is not',
      lhs: zeroOf(deployment),
      rhs: { metadata: { labels: { app: 'web' } } },
      changed: { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } } },
    },
    {
      desc: 'a new pointer struct (rollingUpdate) is a member; the value struct strategy is not',
      lhs: zeroOf(deployment),
      rhs: { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } },
      changed: {
        'f:spec': { 'f:strategy': { 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {} }, 'f:type': {} } },
      },
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
      if (r.removed !== undefined) assert.deepEqual(toFieldsV1(c.removed), r.removed);
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

test('kubectl create deployment: the Update entry upstream records (kubectl-create, apps/v1)', () => {
  // The defaulted object `kubectl create deployment nginx --image=nginx` stores, and the fieldsV1 a
  // real kube-apiserver wrote for it (quoted from a cluster's managedFields).
  const created = {
    metadata: { labels: { app: 'nginx' } },
    spec: {
      progressDeadlineSeconds: 600,
      replicas: 1,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: 'nginx' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { creationTimestamp: null, labels: { app: 'nginx' } },
        spec: {
          containers: [
            {
              name: 'nginx',
              image: 'nginx',
              imagePullPolicy: 'Always',
              resources: {},
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
            },
          ],
          dnsPolicy: 'ClusterFirst',
          restartPolicy: 'Always',
          schedulerName: 'default-scheduler',
          securityContext: {},
          terminationGracePeriodSeconds: 30,
        },
      },
    },
  };
  const upstream = JSON.parse(
    '{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:progressDeadlineSeconds":{},"f:replicas":{},"f:revisionHistoryLimit":{},"f:selector":{},"f:strategy":{"f:rollingUpdate":{".":{},"f:maxSurge":{},"f:maxUnavailable":{}},"f:type":{}},"f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{},"f:imagePullPolicy":{},"f:name":{},"f:resources":{},"f:terminationMessagePath":{},"f:terminationMessagePolicy":{}}},"f:dnsPolicy":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},"f:terminationGracePeriodSeconds":{}}}}}',
  ) as unknown;
  const c = compare(zeroOf(deployment), created, deployment);
  assert.deepEqual(toFieldsV1(union(c.added, c.modified)), upstream);
});
