import assert from 'node:assert/strict';
import { test } from 'node:test';
import { containerStatus, generateConditions, podPhase, stampConditions } from './status.ts';
import type { ContainerView, InstanceView, Json } from './status.ts';

const base = {
  name: 'web',
  image: 'kubelab/web:0.1.0',
  imageID: 'kubelab/web@sha256:0',
  ready: false,
  started: false,
};
const run = (attempt: number, id = `c${attempt}`): InstanceView => ({
  id,
  attempt,
  running: true,
  startedAt: '2026-01-01T00:00:10Z',
});
const exited = (attempt: number, exitCode: number, reason?: string): InstanceView => ({
  id: `c${attempt}`,
  attempt,
  running: false,
  startedAt: '2026-01-01T00:00:10Z',
  finishedAt: '2026-01-01T00:00:20Z',
  exitCode,
  ...(reason ? { reason } : {}),
});

test('container status for each state (convertToAPIContainerStatuses)', async (t) => {
  const rows: Array<{ desc: string; view: Partial<ContainerView>; want: Json }> = [
    {
      desc: 'not created yet: ContainerCreating',
      view: {},
      want: {
        state: { waiting: { reason: 'ContainerCreating' } },
        lastState: {},
        restartCount: 0,
        ready: false,
        started: false,
      },
    },
    {
      desc: 'waiting for init containers: PodInitializing',
      view: { waiting: { reason: 'PodInitializing' } },
      want: {
        state: { waiting: { reason: 'PodInitializing' } },
        lastState: {},
        restartCount: 0,
        ready: false,
        started: false,
      },
    },
    {
      desc: 'running and ready',
      view: { current: run(0), ready: true, started: true },
      want: {
        state: { running: { startedAt: '2026-01-01T00:00:10Z' } },
        lastState: {},
        restartCount: 0,
        ready: true,
        started: true,
        containerID: 'kubelab://c0',
      },
    },
    {
      desc: 'completed',
      view: { current: exited(0, 0) },
      want: {
        state: {
          terminated: {
            exitCode: 0,
            reason: 'Completed',
            startedAt: '2026-01-01T00:00:10Z',
            finishedAt: '2026-01-01T00:00:20Z',
            containerID: 'kubelab://c0',
          },
        },
        lastState: {},
        restartCount: 0,
        ready: false,
        started: false,
        containerID: 'kubelab://c0',
      },
    },
    {
      desc: 'CrashLoopBackOff shows the exited instance as lastState',
      view: {
        current: exited(2, 1),
        previous: exited(1, 1),
        waiting: {
          reason: 'CrashLoopBackOff',
          message: 'back-off 20s restarting failed container=web pod=web_default(u)',
        },
      },
      want: {
        state: {
          waiting: {
            reason: 'CrashLoopBackOff',
            message: 'back-off 20s restarting failed container=web pod=web_default(u)',
          },
        },
        lastState: {
          terminated: {
            exitCode: 1,
            reason: 'Error',
            startedAt: '2026-01-01T00:00:10Z',
            finishedAt: '2026-01-01T00:00:20Z',
            containerID: 'kubelab://c2',
          },
        },
        restartCount: 2,
        ready: false,
        started: false,
        containerID: 'kubelab://c2',
      },
    },
    {
      desc: 'restarted after OOM: running with lastState OOMKilled',
      view: { current: run(1), previous: exited(0, 137, 'OOMKilled'), ready: true, started: true },
      want: {
        state: { running: { startedAt: '2026-01-01T00:00:10Z' } },
        lastState: {
          terminated: {
            exitCode: 137,
            reason: 'OOMKilled',
            startedAt: '2026-01-01T00:00:10Z',
            finishedAt: '2026-01-01T00:00:20Z',
            containerID: 'kubelab://c0',
          },
        },
        restartCount: 1,
        ready: true,
        started: true,
        containerID: 'kubelab://c1',
      },
    },
    {
      desc: 'ErrImagePull',
      view: { waiting: { reason: 'ErrImagePull', message: 'no such image' } },
      want: {
        state: { waiting: { reason: 'ErrImagePull', message: 'no such image' } },
        lastState: {},
        restartCount: 0,
        ready: false,
        started: false,
      },
    },
  ];
  for (const r of rows) {
    await t.test(r.desc, () => {
      const got = containerStatus({ ...base, ...r.view });
      const { name: _n, image: _i, imageID: _d, ...rest } = got;
      assert.deepEqual(rest, r.want);
    });
  }
});

const st = (state: Json, extra: Json = {}): Json => ({ name: 'x', state, lastState: {}, ...extra });
const running = st({ running: {} });
const waiting = st({ waiting: { reason: 'ContainerCreating' } });
const done0 = st({ terminated: { exitCode: 0 } });
const done1 = st({ terminated: { exitCode: 1 } });
const crashLoop = st(
  { waiting: { reason: 'CrashLoopBackOff' } },
  { lastState: { terminated: { exitCode: 1 } } },
);

test('pod phase (getPhase)', async (t) => {
  const rows: Array<{ desc: string; policy: string; init: Json[]; main: Json[]; want: string }> = [
    { desc: 'creating', policy: 'Always', init: [], main: [waiting], want: 'Pending' },
    {
      desc: 'init running',
      policy: 'Always',
      init: [running],
      main: [st({ waiting: { reason: 'PodInitializing' } })],
      want: 'Pending',
    },
    {
      desc: 'init crash looping (Always) is Pending',
      policy: 'Always',
      init: [crashLoop],
      main: [waiting],
      want: 'Pending',
    },
    {
      desc: 'init failed (Never) is Failed',
      policy: 'Never',
      init: [done1],
      main: [waiting],
      want: 'Failed',
    },
    { desc: 'running', policy: 'Always', init: [done0], main: [running], want: 'Running' },
    {
      desc: 'crash loop (Always) is Running',
      policy: 'Always',
      init: [],
      main: [crashLoop],
      want: 'Running',
    },
    {
      desc: 'all exited 0 (Always) is still Running',
      policy: 'Always',
      init: [],
      main: [done0],
      want: 'Running',
    },
    {
      desc: 'all exited 0 (Never) is Succeeded',
      policy: 'Never',
      init: [],
      main: [done0],
      want: 'Succeeded',
    },
    { desc: 'one failed (Never) is Failed', policy: 'Never', init: [], main: [done0, done1], want: 'Failed' },
    {
      desc: 'one failed (OnFailure) is Running',
      policy: 'OnFailure',
      init: [],
      main: [done1],
      want: 'Running',
    },
    { desc: 'OnFailure all 0 is Succeeded', policy: 'OnFailure', init: [], main: [done0], want: 'Succeeded' },
  ];
  for (const r of rows)
    await t.test(r.desc, () => assert.equal(podPhase(r.policy, r.init, r.main, false), r.want));
});

test('pod conditions (generate.go)', async (t) => {
  const named = (s: Json, name: string, ready = false): Json => ({ ...s, name, ready });
  const rows = [
    {
      desc: 'init pending',
      init: [named(running, 'init')],
      main: [named(st({ waiting: { reason: 'PodInitializing' } }), 'web')],
      phase: 'Pending' as const,
      want: [
        'Initialized False ContainersNotInitialized containers with incomplete status: [init]',
        'Ready False ContainersNotReady containers with unready status: [web]',
        'ContainersReady False ContainersNotReady containers with unready status: [web]',
      ],
    },
    {
      desc: 'running, not ready',
      init: [],
      main: [named(running, 'web'), named(running, 'side', true)],
      phase: 'Running' as const,
      want: [
        'Initialized True',
        'Ready False ContainersNotReady containers with unready status: [web]',
        'ContainersReady False ContainersNotReady containers with unready status: [web]',
      ],
    },
    {
      desc: 'all ready',
      init: [named(done0, 'init')],
      main: [named(running, 'web', true)],
      phase: 'Running' as const,
      want: ['Initialized True', 'Ready True', 'ContainersReady True'],
    },
    {
      desc: 'succeeded',
      init: [],
      main: [named(done0, 'web')],
      phase: 'Succeeded' as const,
      want: ['Initialized True', 'Ready False PodCompleted', 'ContainersReady False PodCompleted'],
    },
  ];
  for (const r of rows) {
    await t.test(r.desc, () => {
      const conds = generateConditions(
        r.init,
        r.main,
        r.main.map((m) => String(m.name)),
        r.init.map((m) => String(m.name)),
        r.phase,
        [],
      );
      assert.deepEqual(
        conds.map((c) => [c.type, c.status, c.reason, c.message].filter(Boolean).join(' ')),
        r.want,
      );
    });
  }
  await t.test('a readiness gate without its condition', () => {
    const conds = generateConditions([], [named(running, 'web', true)], ['web'], [], 'Running', [
      { type: 'x' },
    ]);
    assert.equal(conds[1]?.message, 'corresponding condition of pod readiness gate "x" does not exist.');
  });
});

test('lastTransitionTime is kept while a condition keeps its status', () => {
  const old = [{ type: 'Ready', status: 'False', lastTransitionTime: '2026-01-01T00:00:00Z' }];
  const a = stampConditions([{ type: 'Ready', status: 'False' }], old, '2026-01-01T00:01:00Z');
  assert.equal(a[0]?.lastTransitionTime, '2026-01-01T00:00:00Z');
  const b = stampConditions([{ type: 'Ready', status: 'True' }], old, '2026-01-01T00:01:00Z');
  assert.equal(b[0]?.lastTransitionTime, '2026-01-01T00:01:00Z');
});
