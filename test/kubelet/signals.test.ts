/**
 * pid 1 signal semantics through the kubelet and the built-in images, on the harness's fake clock:
 * SIGTERM reaches only a handler (`web serve`, a shell's `trap … TERM`); `busybox sleep 3600` waits for
 * the SIGKILL at the end of terminationGracePeriodSeconds and ends 137 (Error).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isRecord } from '../../src/core/index.ts';
import type { FakeClock, KubeObject } from '../../src/core/index.ts';
import { builtinImages, createInProcessRuntime } from '../../src/images/index.ts';
import type { ContainerExit, ContainerRuntime } from '../../src/kubelet/index.ts';
import * as web from '../../src/web/index.ts';
import { cstatus, startNode } from './harness.ts';
import type { Node } from './harness.ts';

interface Stopped {
  stopAt?: number;
  graceMs?: number;
  exit?: ContainerExit;
  exitAt?: number;
}

/** The built-in images' runtime on the node's fake clock, noting when each container was stopped and how it ended. */
function recordingRuntime(clock: FakeClock, log: Map<string, Stopped>): ContainerRuntime {
  const inner = createInProcessRuntime({ registry: builtinImages(web), clock });
  return {
    pullImage: (image) => inner.pullImage(image),
    close: () => inner.close(),
    async startContainer(spec, out) {
      const c = await inner.startContainer(spec, out);
      const rec: Stopped = {};
      // The first instance of each pod: a restarted container does not replace it.
      if (!log.has(spec.pod.name)) log.set(spec.pod.name, rec);
      void c.exited.then((exit) => {
        rec.exit = exit;
        rec.exitAt = clock.now().getTime();
      });
      return {
        exited: c.exited,
        exec: (argv, io) => c.exec(argv, io),
        stop(graceMs) {
          rec.stopAt ??= clock.now().getTime();
          rec.graceMs ??= graceMs;
          return c.stop(graceMs);
        },
      };
    },
  };
}

function pod(name: string, container: Record<string, unknown>, grace: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: {
      nodeName: 'kubelab',
      terminationGracePeriodSeconds: grace,
      containers: [{ name: 'main', image: 'busybox:1.36', ...container }],
    },
  };
}

const rec = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});
const running = (p: KubeObject | undefined) => 'running' in rec(cstatus(p, 'main')?.state);

async function startSignalNode(t: Parameters<typeof startNode>[0]) {
  const log = new Map<string, Stopped>();
  const n = await startNode(t, { runtime: (clock) => recordingRuntime(clock, log) });
  return { n, log };
}

/** Creates the pod, waits until it runs, deletes it (graceful) and waits until it is gone. */
async function runAndDelete(n: Node, p: KubeObject): Promise<void> {
  const name = p.metadata.name ?? '';
  await n.client.pods.create(p);
  await n.waitFor(`${name} running`, async () => running(await n.pod(name)));
  await n.client.pods.delete(name, { namespace: 'default' });
  await n.waitFor(`${name} gone`, async () => (await n.pod(name)) === undefined, 250);
}

describe('stopping built-in containers as on Linux (pid 1 has no default SIGTERM action)', () => {
  test('busybox sleep 3600 deleted with terminationGracePeriodSeconds 2: SIGKILL after 2 s, exit 137 (Error)', async (t) => {
    const { n, log } = await startSignalNode(t);
    await runAndDelete(n, pod('sleeper', { command: ['sleep', '3600'] }, 2));
    const r = log.get('sleeper');
    assert.equal(r?.graceMs, 2000);
    assert.deepEqual(r?.exit, { exitCode: 137, reason: 'Error' });
    assert.ok(r.exitAt! - r.stopAt! >= 2000, `ended ${r.exitAt! - r.stopAt!} ms after SIGTERM`);
  });

  test("trap 'exit 0' TERM with a loop of sleep 1 (grace 30 s): exits 0 within about a second", async (t) => {
    const { n, log } = await startSignalNode(t);
    const script = "trap 'echo bye; exit 0' TERM; while true; do sleep 1; done";
    await runAndDelete(n, pod('trapper', { command: ['sh', '-c', script] }, 30));
    const r = log.get('trapper');
    assert.deepEqual(r?.exit, { exitCode: 0 });
    assert.ok(r.exitAt! - r.stopAt! <= 1500, `ended ${r.exitAt! - r.stopAt!} ms after SIGTERM`);
  });

  test('web serve handles SIGTERM: exit 0 (Completed) at once', async (t) => {
    const { n, log } = await startSignalNode(t);
    await runAndDelete(
      n,
      pod('web', { image: 'kubelab/web', args: ['serve', '--root', '/tmp', '--port', '8000'] }, 30),
    );
    const r = log.get('web');
    assert.deepEqual(r?.exit, { exitCode: 0 });
    assert.ok(r.exitAt! - r.stopAt! < 1000, `ended ${r.exitAt! - r.stopAt!} ms after SIGTERM`);
  });

  test('a liveness failure kills sleep 3600 after the probe-level grace period: lastState 137 Error, restarted', async (t) => {
    const { n, log } = await startSignalNode(t);
    await n.client.pods.create(
      pod(
        'live',
        {
          command: ['sleep', '3600'],
          livenessProbe: {
            exec: { command: ['false'] },
            periodSeconds: 1,
            failureThreshold: 1,
            terminationGracePeriodSeconds: 3,
          },
        },
        30,
      ),
    );
    const p = await n.waitFor(
      'restartCount 1',
      async () => {
        const x = await n.pod('live');
        return cstatus(x, 'main')?.restartCount === 1 ? x : undefined;
      },
      250,
    );
    const last = rec(rec(cstatus(p, 'main')?.lastState).terminated);
    assert.equal(last.exitCode, 137);
    assert.equal(last.reason, 'Error');
    const killing = (await n.events('live')).find((e) => e.reason === 'Killing');
    assert.equal(killing?.message, 'Container main failed liveness probe, will be restarted');
    const r = log.get('live');
    assert.equal(r?.graceMs, 3000, "the probe's terminationGracePeriodSeconds overrides the pod's");
    assert.ok(r.exitAt! - r.stopAt! >= 3000, `ended ${r.exitAt! - r.stopAt!} ms after SIGTERM`);
  });
});
