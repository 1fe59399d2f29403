// Event rows for core/v1 and events.k8s.io/v1, as printEvent (kubernetes/kubernetes
// pkg/printers/internalversion/printers.go) prints them: `get events` shows LAST SEEN TYPE REASON
// OBJECT MESSAGE; -o wide adds SUBOBJECT SOURCE FIRST SEEN COUNT NAME.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../core/index.ts';
import { printTable } from './index.ts';

const now = new Date('2026-11-26T12:00:00Z');

function cells(group: string, ev: Record<string, unknown>): unknown[] {
  const obj = {
    apiVersion: group ? `${group}/v1` : 'v1',
    kind: 'Event',
    metadata: { name: 'nginx.1879a2b3c4d5e6f7', namespace: 'default' },
    ...ev,
  } as KubeObject;
  return (
    printTable({ gvk: { group, version: 'v1', kind: 'Event' }, objects: [obj], now }).rows[0]?.cells ?? []
  );
}

test('event columns: no Age, wide columns interleaved as upstream orders them', () => {
  for (const group of ['', 'events.k8s.io']) {
    const cols = printTable({
      gvk: { group, version: 'v1', kind: 'Event' },
      objects: [],
      now,
    }).columnDefinitions;
    assert.deepEqual(
      cols.map((c) => `${c.name}/${c.priority}`),
      [
        'Last Seen/0',
        'Type/0',
        'Reason/0',
        'Object/0',
        'Subobject/1',
        'Source/1',
        'Message/0',
        'First Seen/1',
        'Count/1',
        'Name/1',
      ],
    );
  }
});

describe('core/v1 event rows', () => {
  const involved = { kind: 'Pod', namespace: 'default', name: 'nginx', fieldPath: 'spec.containers{nginx}' };
  const cases: { desc: string; ev: Record<string, unknown>; want: unknown[] }[] = [
    {
      desc: 'kubelet event with first/last timestamps and count',
      ev: {
        involvedObject: involved,
        reason: 'Started',
        message: 'Started container nginx\n',
        source: { component: 'kubelet', host: 'minikube' },
        firstTimestamp: '2026-11-26T11:50:00Z',
        lastTimestamp: '2026-11-26T11:59:00Z',
        count: 3,
        type: 'Normal',
      },
      want: [
        '60s',
        'Normal',
        'Started',
        'pod/nginx',
        'spec.containers{nginx}',
        'kubelet, minikube',
        'Started container nginx',
        '10m',
        3,
        'nginx.1879a2b3c4d5e6f7',
      ],
    },
    {
      desc: 'no lastTimestamp falls back to first seen; no count reads 1',
      ev: {
        involvedObject: { kind: 'Deployment', name: 'web' },
        reason: 'ScalingReplicaSet',
        message: 'Scaled up',
        source: { component: 'deployment-controller' },
        firstTimestamp: '2026-11-26T11:58:00Z',
        type: 'Normal',
      },
      want: [
        '2m',
        'Normal',
        'ScalingReplicaSet',
        'deployment/web',
        '',
        'deployment-controller',
        'Scaled up',
        '2m',
        1,
        'nginx.1879a2b3c4d5e6f7',
      ],
    },
    {
      desc: 'new-style event: eventTime, series and reporting controller',
      ev: {
        involvedObject: { kind: 'Service', name: 'web-svc-lb' },
        reason: 'IPAllocated',
        message: 'Assigned IP ["172.17.255.1"]',
        eventTime: '2026-11-26T11:39:59.123456Z',
        series: { count: 4, lastObservedTime: '2026-11-26T11:59:30.000001Z' },
        reportingController: 'metallb-controller',
        reportingInstance: 'controller-5fd797fbf7-vxhgw',
        type: 'Normal',
      },
      want: [
        '30s',
        'Normal',
        'IPAllocated',
        'service/web-svc-lb',
        '',
        'metallb-controller, controller-5fd797fbf7-vxhgw',
        'Assigned IP ["172.17.255.1"]',
        '20m',
        4,
        'nginx.1879a2b3c4d5e6f7',
      ],
    },
    {
      desc: 'an involved object without a name prints the kind alone; no time is <unknown>',
      ev: { involvedObject: { kind: 'Node' }, reason: 'Starting', type: 'Warning' },
      want: [
        '<unknown>',
        'Warning',
        'Starting',
        'node',
        '',
        '',
        '',
        '<unknown>',
        1,
        'nginx.1879a2b3c4d5e6f7',
      ],
    },
  ];
  for (const c of cases) test(c.desc, () => assert.deepEqual(cells('', c.ev), c.want));
});

test('events.k8s.io/v1 events read regarding, note and the deprecated fields', () => {
  assert.deepEqual(
    cells('events.k8s.io', {
      regarding: { kind: 'Pod', name: 'nginx', fieldPath: 'spec.containers{nginx}' },
      note: 'Pulling image "nginx"',
      reason: 'Pulling',
      type: 'Normal',
      eventTime: null,
      reportingController: 'kubelet',
      reportingInstance: 'minikube',
      deprecatedSource: { component: 'kubelet', host: 'minikube' },
      deprecatedFirstTimestamp: '2026-11-26T11:59:00Z',
      deprecatedLastTimestamp: '2026-11-26T11:59:50Z',
      deprecatedCount: 2,
    }),
    [
      '10s',
      'Normal',
      'Pulling',
      'pod/nginx',
      'spec.containers{nginx}',
      'kubelet, minikube',
      'Pulling image "nginx"',
      '60s',
      2,
      'nginx.1879a2b3c4d5e6f7',
    ],
  );
});
