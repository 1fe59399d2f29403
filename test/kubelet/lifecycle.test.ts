/** Restarts, back-off, termination and scheduling through the real API server. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isRecord } from '../../src/core/index.ts';
import type { KubeObject } from '../../src/core/index.ts';
import { condition, cstatus, startNode, status, webPod } from './harness.ts';

const rec = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});
const state = (pod: KubeObject | undefined, name = 'web', field = 'containerStatuses') =>
  rec(cstatus(pod, name, field)?.state);

describe('kubelet lifecycle', () => {
  test('a tcpSocket liveness probe on a closed port gets the container killed and restarted', async (t) => {
    const n = await startNode(t);
    await n.client.pods.create(webPod('web', { livenessProbe: { tcpSocket: { port: 8080 } } }));
    const pod = await n.waitFor('restartCount 1', async () => {
      const p = await n.pod('web');
      return cstatus(p)?.restartCount === 1 && state(p).running ? p : undefined;
    });
    const last = rec(rec(cstatus(pod)?.lastState).terminated);
    assert.equal(last.reason, 'Completed'); // the test web exits 0 on SIGTERM
    const events = await n.events('web');
    const killing = events.find((e) => e.reason === 'Killing');
    assert.equal(killing?.message, 'Container web failed liveness probe, will be restarted');
    const ip = String(status(pod).podIP);
    const unhealthy = events.find((e) => e.reason === 'Unhealthy');
    assert.equal(
      unhealthy?.message,
      `Liveness probe failed: dial tcp ${ip}:8080: connect: connection refused`,
    );
    // The second restart waits out the 10 s back-off after the first one.
    await n.waitFor('restartCount 2', async () => cstatus(await n.pod('web'))?.restartCount === 2);
    assert.equal(n.runtime.started.length, 3);
  });

  test('a new image restarts the container ("definition changed")', async (t) => {
    const n = await startNode(t);
    await n.client.pods.create(webPod('web', {}));
    await n.waitFor('Running', async () => state(await n.pod('web')).running);
    await n.client.pods.patch(
      'web',
      'strategic',
      { spec: { containers: [{ name: 'web', image: 'test/web:2' }] } },
      { namespace: 'default' },
    );
    const pod = await n.waitFor(
      'restarted on the new image',
      async () => {
        const p = await n.pod('web');
        return cstatus(p)?.restartCount === 1 && state(p).running ? p : undefined;
      },
      100,
    );
    assert.equal(cstatus(pod)?.image, 'test/web:2');
    const killing = (await n.events('web')).find((e) => e.reason === 'Killing');
    assert.equal(killing?.message, 'Container web definition changed, will be restarted');
    assert.equal(n.runtime.started.at(-1)?.image, 'test/web:2');
  });

  test('a crashing container goes into CrashLoopBackOff with doubling back-off', async (t) => {
    const n = await startNode(t);
    await n.client.pods.create(
      webPod('crash', {
        image: 'test/crash:1',
        args: ['$(GREETING)', '$$(GREETING)'],
        env: [{ name: 'GREETING', value: 'hi' }],
      }),
    );
    const pod = await n.waitFor(
      'CrashLoopBackOff',
      async () => {
        const p = await n.pod('crash');
        return rec(state(p).waiting).reason === 'CrashLoopBackOff' ? p : undefined;
      },
      200,
    );
    const uid = pod.metadata.uid ?? '';
    assert.equal(
      rec(state(pod).waiting).message,
      `back-off 10s restarting failed container=web pod=crash_default(${uid})`,
    );
    assert.equal(rec(rec(cstatus(pod)?.lastState).terminated).reason, 'Error');
    assert.equal(status(pod).phase, 'Running');
    assert.deepEqual(n.runtime.started[0]?.args, ['hi', '$(GREETING)']);
    const backoff = (await n.events('crash')).find((e) => e.reason === 'BackOff');
    assert.equal(backoff?.message, `Back-off restarting failed container web in pod crash_default(${uid})`);
    const p2 = await n.waitFor(
      'back-off 20s',
      async () => {
        const p = await n.pod('crash');
        return String(rec(state(p).waiting).message).startsWith('back-off 20s') ? p : undefined;
      },
      1000,
    );
    assert.equal(cstatus(p2)?.restartCount, 2);
  });

  test('init containers run first; main containers wait in PodInitializing; logs and previous logs', async (t) => {
    const n = await startNode(t);
    await n.client.pods.create(
      webPod(
        'init',
        {},
        {
          initContainers: [
            { name: 'gen', image: 'test/crash:1', env: [{ name: 'EXIT', value: '0' }], args: ['generate'] },
          ],
        },
      ),
    );
    const pod = await n.waitFor(
      'Running',
      async () => {
        const p = await n.pod('init');
        return state(p).running ? p : undefined;
      },
      200,
    );
    assert.equal(rec(state(pod, 'gen', 'initContainerStatuses').terminated).reason, 'Completed');
    assert.equal(condition(pod, 'Initialized')?.status, 'True');
    assert.equal(condition(pod, 'Ready')?.status, 'True');
    const text = async (container: string, previous = false): Promise<string> => {
      let out = '';
      for await (const c of await n.kubelet.hooks.logs(
        pod,
        container,
        { follow: false, timestamps: false, previous },
        new AbortController().signal,
      ))
        out += c;
      return out;
    };
    assert.equal(await text('gen'), 'crashing generate\n');
    assert.match(await text('web'), /^serving on 127\.250\.\d+\.\d+:8000\n$/);
    await assert.rejects(text('web', true), /previous terminated container "web" in pod "init" not found/);
    const code = await n.kubelet.hooks.exec(
      pod,
      'web',
      ['echo', 'hi'],
      {
        stdout: () => undefined,
        stderr: () => undefined,
        tty: false,
        onResize: () => undefined,
      },
      new AbortController().signal,
    );
    assert.equal(code, 0);
  });

  test('a failing init container with restartPolicy Never fails the pod', async (t) => {
    const n = await startNode(t);
    await n.client.pods.create(
      webPod(
        'initfail',
        {},
        { restartPolicy: 'Never', initContainers: [{ name: 'gen', image: 'test/crash:1' }] },
      ),
    );
    const pod = await n.waitFor(
      'Failed',
      async () => {
        const p = await n.pod('initfail');
        return status(p).phase === 'Failed' ? p : undefined;
      },
      200,
    );
    assert.equal(rec(state(pod, 'gen', 'initContainerStatuses').terminated).exitCode, 1);
    assert.equal(rec(state(pod).waiting).reason, 'PodInitializing');
    assert.equal(condition(pod, 'Initialized')?.message, 'containers with incomplete status: [gen]');
  });

  test('an unknown image gives ErrImagePull, then ImagePullBackOff', async (t) => {
    const n = await startNode(t);
    await n.client.pods.create(webPod('bad', { image: 'nginx:1.25' }));
    const first = await n.waitFor(
      'ErrImagePull',
      async () => {
        const p = await n.pod('bad');
        return rec(state(p).waiting).reason === 'ErrImagePull' ? p : undefined;
      },
      100,
    );
    assert.match(String(rec(state(first).waiting).message), /not a built-in image/);
    const p = await n.waitFor(
      'ImagePullBackOff',
      async () => {
        const x = await n.pod('bad');
        return rec(state(x).waiting).reason === 'ImagePullBackOff' ? x : undefined;
      },
      1000,
    );
    assert.equal(status(p).phase, 'Pending');
    const msgs = (await n.events('bad')).map((e) => String(e.message));
    assert.ok(msgs.includes('Pulling image "nginx:1.25"'));
    assert.ok(msgs.includes('Error: ErrImagePull'));
    assert.ok(msgs.includes('Back-off pulling image "nginx:1.25"'));
  });

  test('a missing ConfigMap key is CreateContainerConfigError', async (t) => {
    const n = await startNode(t);
    await n.client.pods.create(
      webPod('cfg', { env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'nope', key: 'k' } } }] }),
    );
    const p = await n.waitFor(
      'CreateContainerConfigError',
      async () => {
        const x = await n.pod('cfg');
        return rec(state(x).waiting).reason === 'CreateContainerConfigError' ? x : undefined;
      },
      100,
    );
    assert.equal(rec(state(p).waiting).message, 'configmap "nope" not found');
  });

  test('graceful delete: SIGTERM, then the kubelet removes the pod', async (t) => {
    const n = await startNode(t);
    await n.client.pods.create(webPod('web', {}));
    const pod = await n.waitFor('Running', async () => {
      const p = await n.pod('web');
      return state(p).running ? p : undefined;
    });
    const id = String(cstatus(pod)?.containerID).replace('kubelab://', '');
    await n.client.pods.delete('web', { namespace: 'default' });
    await n.waitFor('pod gone', async () => (await n.pod('web')) === undefined, 100);
    assert.deepEqual(n.runtime.signals.get(id), ['SIGTERM']);
    assert.equal(n.runtime.running(), 0);
    const killing = (await n.events('web')).find((e) => e.reason === 'Killing');
    assert.equal(killing?.message, 'Stopping container web');
  });

  test('a deleted pod leaves its EndpointSlice before its container gets SIGTERM', async (t) => {
    const n = await startNode(t);
    await n.client.pods.create(webPod('web', {}));
    const pod = await n.waitFor('Running', async () => {
      const p = await n.pod('web');
      return state(p).running ? p : undefined;
    });
    const ip = String(status(pod).podIP);
    const id = String(cstatus(pod)?.containerID).replace('kubelab://', '');
    const slice = await n.client.endpointslices.create({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'web-abc', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: [ip], conditions: { ready: true } }],
      ports: [{ port: 8000, protocol: 'TCP' }],
    });
    await n.client.pods.delete('web', { namespace: 'default' });
    // Most of the drain budget (half of the 5 s grace) passes with the slice listing the pod: no signal.
    for (let i = 0; i < 20; i++) {
      n.clock.advance(100);
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.deepEqual(n.runtime.signals.get(id), []);
    await n.client.endpointslices.update({
      ...slice,
      endpoints: [{ addresses: [ip], conditions: { ready: false, serving: true, terminating: true } }],
    });
    await n.waitFor('pod gone', async () => (await n.pod('web')) === undefined, 10);
    assert.deepEqual(n.runtime.signals.get(id), ['SIGTERM']);
  });

  test('a failing preStop hook is reported and the container still stops', async (t) => {
    const n = await startNode(t);
    await n.client.pods.create(webPod('hook', { lifecycle: { preStop: { exec: { command: ['false'] } } } }));
    const pod = await n.waitFor('Running', async () => {
      const p = await n.pod('hook');
      return state(p).running ? p : undefined;
    });
    const uid = pod.metadata.uid ?? '';
    await n.client.pods.delete('hook', { namespace: 'default' });
    await n.waitFor('pod gone', async () => (await n.pod('hook')) === undefined, 100);
    const ev = (await n.events('hook')).find((e) => e.reason === 'FailedPreStopHook');
    assert.equal(
      ev?.message,
      `Exec lifecycle hook ([false]) for Container "web" in Pod "hook_default(${uid})" failed - error: command 'false' exited with 1: , message: ""`,
    );
  });

  test('a container ignoring SIGTERM is killed when the grace period ends', async (t) => {
    const n = await startNode(t);
    await n.client.pods.create(
      webPod('sleeper', { image: 'test/sleep:1' }, { terminationGracePeriodSeconds: 1 }),
    );
    const pod = await n.waitFor('Running', async () => {
      const p = await n.pod('sleeper');
      return state(p).running ? p : undefined;
    });
    const id = String(cstatus(pod)?.containerID).replace('kubelab://', '');
    await n.client.pods.delete('sleeper', { namespace: 'default' });
    await n.waitFor('pod gone', async () => (await n.pod('sleeper')) === undefined, 100);
    // Grace 1 s is raised to kubelet's 2 s minimum; the fake runtime kills on its own timer.
    assert.deepEqual(n.runtime.signals.get(id), ['SIGTERM', 'SIGKILL']);
  });

  test('force delete stops the containers at once', async (t) => {
    const n = await startNode(t);
    await n.client.pods.create(webPod('sleeper', { image: 'test/sleep:1' }));
    const pod = await n.waitFor('Running', async () => {
      const p = await n.pod('sleeper');
      return state(p).running ? p : undefined;
    });
    const id = String(cstatus(pod)?.containerID).replace('kubelab://', '');
    await n.client.pods.delete('sleeper', { namespace: 'default', gracePeriodSeconds: 0 });
    await n.waitFor('stopped', () => Promise.resolve(n.runtime.running() === 0), 100);
    assert.deepEqual(n.runtime.signals.get(id), ['SIGKILL']);
  });

  test('an unscheduled pod is bound to the node with the Scheduled event', async (t) => {
    const n = await startNode(t);
    const p = webPod('free', {});
    delete (p.spec as Record<string, unknown>).nodeName;
    await n.client.pods.create(p);
    const pod = await n.waitFor('Running', async () => {
      const x = await n.pod('free');
      return state(x).running ? x : undefined;
    });
    assert.equal(rec(pod.spec).nodeName, 'kubelab');
    const ev = (await n.events('free')).find((e) => e.reason === 'Scheduled');
    assert.equal(ev?.message, 'Successfully assigned default/free to kubelab');
    assert.deepEqual(ev?.source, { component: 'default-scheduler' });
    assert.equal(condition(pod, 'PodScheduled')?.status, 'True');
  });
});
