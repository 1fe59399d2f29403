// Pod rows as kube-apiserver's printPod builds them (kubernetes/kubernetes
// pkg/printers/internalversion/printers.go, printers_test.go TestPrintPod*): every STATUS branch.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../core/index.ts';
import { printTable } from './index.ts';

const now = new Date('2026-11-26T12:00:00Z');
const ago = (ms: number): string => new Date(now.getTime() - ms).toISOString();
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

const running = { running: { startedAt: ago(MIN) } };
const waiting = (reason: string) => ({ waiting: { reason } });
const terminated = (exitCode: number, reason?: string, signal?: number) => ({
  terminated: { exitCode, ...(reason ? { reason } : {}), ...(signal ? { signal } : {}) },
});

function pod(
  spec: Record<string, unknown>,
  status: Record<string, unknown>,
  meta: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', creationTimestamp: ago(10 * MIN), ...meta },
    spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
    status,
  };
}

function row(p: KubeObject) {
  const table = printTable({ gvk: { group: '', version: 'v1', kind: 'Pod' }, objects: [p], now });
  return table.rows[0];
}

test('pod columns are Name Ready Status Restarts Age, then the wide IP Node Nominated Node Readiness Gates', () => {
  const table = printTable({ gvk: { group: '', version: 'v1', kind: 'Pod' }, objects: [], now });
  assert.deepEqual(
    table.columnDefinitions.map((c) => [c.name, c.priority]),
    [
      ['Name', 0],
      ['Ready', 0],
      ['Status', 0],
      ['Restarts', 0],
      ['Age', 0],
      ['IP', 1],
      ['Node', 1],
      ['Nominated Node', 1],
      ['Readiness Gates', 1],
    ],
  );
  assert.equal(table.columnDefinitions[0]?.format, 'name');
});

describe('pod READY STATUS RESTARTS', () => {
  const twoInits = [
    { name: 'init1', image: 'busybox' },
    { name: 'init2', image: 'busybox' },
  ];
  const cases: { desc: string; pod: KubeObject; want: [string, string, string] }[] = [
    {
      desc: 'pending, nothing reported yet',
      pod: pod({}, { phase: 'Pending' }),
      want: ['0/1', 'Pending', '0'],
    },
    {
      desc: 'ContainerCreating from the waiting reason',
      pod: pod(
        {},
        {
          phase: 'Pending',
          containerStatuses: [
            { name: 'c', ready: false, restartCount: 0, state: waiting('ContainerCreating') },
          ],
        },
      ),
      want: ['0/1', 'ContainerCreating', '0'],
    },
    {
      desc: 'running and ready',
      pod: pod(
        {},
        {
          phase: 'Running',
          containerStatuses: [{ name: 'c', ready: true, restartCount: 0, state: running }],
        },
      ),
      want: ['1/1', 'Running', '0'],
    },
    {
      desc: 'running but not ready reads 0/1 Running',
      pod: pod(
        {},
        {
          phase: 'Running',
          containerStatuses: [{ name: 'c', ready: false, restartCount: 0, state: running }],
        },
      ),
      want: ['0/1', 'Running', '0'],
    },
    {
      desc: 'restarts show when the last one finished',
      pod: pod(
        {},
        {
          phase: 'Running',
          containerStatuses: [
            {
              name: 'c',
              ready: true,
              restartCount: 7,
              state: running,
              lastState: { terminated: { exitCode: 255, reason: 'Unknown', finishedAt: ago(43 * MIN) } },
            },
          ],
        },
      ),
      want: ['1/1', 'Running', '7 (43m ago)'],
    },
    {
      desc: 'restarts without a last termination time stay a bare count',
      pod: pod(
        {},
        {
          phase: 'Running',
          containerStatuses: [{ name: 'c', ready: true, restartCount: 2, state: running }],
        },
      ),
      want: ['1/1', 'Running', '2'],
    },
    {
      desc: 'the most recent termination across containers wins',
      pod: pod(
        { containers: [{ name: 'a' }, { name: 'b' }] },
        {
          phase: 'Running',
          containerStatuses: [
            {
              name: 'a',
              ready: true,
              restartCount: 1,
              state: running,
              lastState: { terminated: { exitCode: 1, finishedAt: ago(3 * DAY) } },
            },
            {
              name: 'b',
              ready: true,
              restartCount: 2,
              state: running,
              lastState: { terminated: { exitCode: 1, finishedAt: ago(5 * MIN) } },
            },
          ],
        },
      ),
      want: ['2/2', 'Running', '3 (5m ago)'],
    },
    {
      desc: 'CrashLoopBackOff',
      pod: pod(
        {},
        {
          phase: 'Running',
          containerStatuses: [
            {
              name: 'c',
              ready: false,
              restartCount: 5,
              state: waiting('CrashLoopBackOff'),
              lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(90_000) } },
            },
          ],
        },
      ),
      want: ['0/1', 'CrashLoopBackOff', '5 (90s ago)'],
    },
    {
      desc: 'ErrImagePull',
      pod: pod(
        {},
        {
          phase: 'Pending',
          containerStatuses: [{ name: 'c', ready: false, restartCount: 0, state: waiting('ErrImagePull') }],
        },
      ),
      want: ['0/1', 'ErrImagePull', '0'],
    },
    {
      desc: 'ImagePullBackOff',
      pod: pod(
        {},
        {
          phase: 'Pending',
          containerStatuses: [
            { name: 'c', ready: false, restartCount: 0, state: waiting('ImagePullBackOff') },
          ],
        },
      ),
      want: ['0/1', 'ImagePullBackOff', '0'],
    },
    {
      desc: 'Completed',
      pod: pod(
        {},
        {
          phase: 'Succeeded',
          containerStatuses: [
            { name: 'c', ready: false, restartCount: 0, state: terminated(0, 'Completed') },
          ],
        },
      ),
      want: ['0/1', 'Completed', '0'],
    },
    {
      desc: 'Error',
      pod: pod(
        {},
        {
          phase: 'Failed',
          containerStatuses: [{ name: 'c', ready: false, restartCount: 0, state: terminated(1, 'Error') }],
        },
      ),
      want: ['0/1', 'Error', '0'],
    },
    {
      desc: 'terminated without a reason shows the exit code',
      pod: pod(
        {},
        {
          phase: 'Failed',
          containerStatuses: [{ name: 'c', ready: false, restartCount: 0, state: terminated(137) }],
        },
      ),
      want: ['0/1', 'ExitCode:137', '0'],
    },
    {
      desc: 'terminated by a signal without a reason',
      pod: pod(
        {},
        {
          phase: 'Failed',
          containerStatuses: [
            { name: 'c', ready: false, restartCount: 0, state: terminated(0, undefined, 9) },
          ],
        },
      ),
      want: ['0/1', 'Signal:9', '0'],
    },
    {
      desc: 'Completed with a container still running and the pod Ready reads Running',
      pod: pod(
        { containers: [{ name: 'a' }, { name: 'b' }] },
        {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'True' }],
          containerStatuses: [
            { name: 'a', ready: false, restartCount: 0, state: terminated(0, 'Completed') },
            { name: 'b', ready: true, restartCount: 0, state: running },
          ],
        },
      ),
      want: ['1/2', 'Running', '0'],
    },
    {
      desc: 'Completed with a container still running and the pod not Ready reads NotReady',
      pod: pod(
        { containers: [{ name: 'a' }, { name: 'b' }] },
        {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'False' }],
          containerStatuses: [
            { name: 'a', ready: false, restartCount: 0, state: terminated(0, 'Completed') },
            { name: 'b', ready: true, restartCount: 0, state: running },
          ],
        },
      ),
      want: ['1/2', 'NotReady', '0'],
    },
    {
      desc: 'Init:0/1 while the init container runs',
      pod: pod(
        { initContainers: [{ name: 'init' }] },
        {
          phase: 'Pending',
          initContainerStatuses: [{ name: 'init', ready: false, restartCount: 0, state: running }],
          containerStatuses: [
            { name: 'c', ready: false, restartCount: 0, state: waiting('PodInitializing') },
          ],
        },
      ),
      want: ['0/1', 'Init:0/1', '0'],
    },
    {
      desc: 'Init:1/2 once the first init container succeeded',
      pod: pod(
        { initContainers: twoInits },
        {
          phase: 'Pending',
          initContainerStatuses: [
            { name: 'init1', ready: false, restartCount: 0, state: terminated(0, 'Completed') },
            { name: 'init2', ready: false, restartCount: 0, state: waiting('PodInitializing') },
          ],
        },
      ),
      want: ['0/1', 'Init:1/2', '0'],
    },
    {
      desc: 'Init:CrashLoopBackOff counts init restarts',
      pod: pod(
        { initContainers: [{ name: 'init' }] },
        {
          phase: 'Pending',
          initContainerStatuses: [
            {
              name: 'init',
              ready: false,
              restartCount: 3,
              state: waiting('CrashLoopBackOff'),
              lastState: { terminated: { exitCode: 1, finishedAt: ago(20_000) } },
            },
          ],
        },
      ),
      want: ['0/1', 'Init:CrashLoopBackOff', '3 (20s ago)'],
    },
    {
      desc: 'Init:Error',
      pod: pod(
        { initContainers: [{ name: 'init' }] },
        {
          phase: 'Failed',
          initContainerStatuses: [
            { name: 'init', ready: false, restartCount: 0, state: terminated(1, 'Error') },
          ],
        },
      ),
      want: ['0/1', 'Init:Error', '0'],
    },
    {
      desc: 'Init:ExitCode without a reason',
      pod: pod(
        { initContainers: [{ name: 'init' }] },
        {
          phase: 'Pending',
          initContainerStatuses: [{ name: 'init', ready: false, restartCount: 0, state: terminated(2) }],
        },
      ),
      want: ['0/1', 'Init:ExitCode:2', '0'],
    },
    {
      desc: 'Init:Signal without a reason',
      pod: pod(
        { initContainers: [{ name: 'init' }] },
        {
          phase: 'Pending',
          initContainerStatuses: [
            { name: 'init', ready: false, restartCount: 0, state: terminated(1, undefined, 15) },
          ],
        },
      ),
      want: ['0/1', 'Init:Signal:15', '0'],
    },
    {
      desc: 'PodInitializing once init is done and the app container waits',
      pod: pod(
        { initContainers: [{ name: 'init' }] },
        {
          phase: 'Pending',
          initContainerStatuses: [
            { name: 'init', ready: true, restartCount: 0, state: terminated(0, 'Completed') },
          ],
          containerStatuses: [
            { name: 'c', ready: false, restartCount: 0, state: waiting('PodInitializing') },
          ],
        },
      ),
      want: ['0/1', 'PodInitializing', '0'],
    },
    {
      desc: 'a started, ready sidecar counts toward READY',
      pod: pod(
        { initContainers: [{ name: 'sidecar', restartPolicy: 'Always' }] },
        {
          phase: 'Running',
          initContainerStatuses: [
            {
              name: 'sidecar',
              ready: true,
              started: true,
              restartCount: 1,
              state: running,
              lastState: { terminated: { exitCode: 1, finishedAt: ago(2 * MIN) } },
            },
          ],
          containerStatuses: [{ name: 'c', ready: true, restartCount: 0, state: running }],
        },
      ),
      want: ['2/2', 'Running', '1 (2m ago)'],
    },
    {
      desc: 'Terminating once deletionTimestamp is set',
      pod: pod(
        {},
        {
          phase: 'Running',
          containerStatuses: [{ name: 'c', ready: true, restartCount: 0, state: running }],
        },
        { deletionTimestamp: ago(MIN) },
      ),
      want: ['1/1', 'Terminating', '0'],
    },
    {
      desc: 'a finished pod being deleted keeps its final status',
      pod: pod(
        {},
        {
          phase: 'Succeeded',
          containerStatuses: [
            { name: 'c', ready: false, restartCount: 0, state: terminated(0, 'Completed') },
          ],
        },
        { deletionTimestamp: ago(MIN) },
      ),
      want: ['0/1', 'Completed', '0'],
    },
    {
      desc: 'NodeLost from status.reason',
      pod: pod({}, { phase: 'Running', reason: 'NodeLost' }),
      want: ['0/1', 'NodeLost', '0'],
    },
    {
      desc: 'NodeLost being deleted reads Unknown',
      pod: pod({}, { phase: 'Running', reason: 'NodeLost' }, { deletionTimestamp: ago(MIN) }),
      want: ['0/1', 'Unknown', '0'],
    },
    {
      desc: 'Evicted from status.reason',
      pod: pod({}, { phase: 'Failed', reason: 'Evicted' }),
      want: ['0/1', 'Evicted', '0'],
    },
    {
      desc: 'SchedulingGated from the PodScheduled condition',
      pod: pod(
        { schedulingGates: [{ name: 'x' }] },
        {
          phase: 'Pending',
          conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
        },
      ),
      want: ['0/1', 'SchedulingGated', '0'],
    },
  ];
  for (const c of cases) {
    test(c.desc, () => {
      const cells = row(c.pod)?.cells ?? [];
      assert.deepEqual(cells.slice(1, 4), c.want);
    });
  }
});

describe('pod row', () => {
  test('the transcript coredns row: 1/1 Running 7 (43m ago) 17d, with wide cells', () => {
    const p = pod(
      { nodeName: 'minikube', readinessGates: [{ conditionType: 'a' }, { conditionType: 'b' }] },
      {
        phase: 'Running',
        podIP: '10.244.0.2',
        podIPs: [{ ip: '10.244.0.2' }],
        conditions: [
          { type: 'a', status: 'True' },
          { type: 'b', status: 'False' },
        ],
        containerStatuses: [
          {
            name: 'coredns',
            ready: true,
            restartCount: 7,
            state: running,
            lastState: { terminated: { exitCode: 0, reason: 'Completed', finishedAt: ago(43 * MIN) } },
          },
        ],
      },
      {
        name: 'coredns-787d4945fb-prwf5',
        namespace: 'kube-system',
        creationTimestamp: ago(17 * DAY + 3 * 60 * MIN),
      },
    );
    assert.deepEqual(row(p)?.cells, [
      'coredns-787d4945fb-prwf5',
      '1/1',
      'Running',
      '7 (43m ago)',
      '17d',
      '10.244.0.2',
      'minikube',
      '<none>',
      '1/2',
    ]);
  });

  test('an unscheduled pod prints <none> for IP, node, nominated node and readiness gates', () => {
    assert.deepEqual(row(pod({}, { phase: 'Pending' }))?.cells.slice(4), [
      '10m',
      '<none>',
      '<none>',
      '<none>',
      '<none>',
    ]);
  });

  test('finished pods carry the Completed row condition', () => {
    assert.deepEqual(row(pod({}, { phase: 'Succeeded' }))?.conditions, [
      {
        type: 'Completed',
        status: 'True',
        reason: 'Succeeded',
        message: 'The pod has completed successfully.',
      },
    ]);
    assert.equal(row(pod({}, { phase: 'Failed' }))?.conditions?.[0]?.reason, 'Failed');
    assert.equal(row(pod({}, { phase: 'Running' }))?.conditions, undefined);
  });
});
