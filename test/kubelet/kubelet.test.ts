/** The kubelet against a real in-process API server with the fake runtime: what `kubectl` would see. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isRecord } from '../../src/core/index.ts';
import { condition, cstatus, get, startNode, status, webPod } from './harness.ts';

describe('kubelet', () => {
  test('a readiness probe on a port nothing serves keeps the pod 0/1 Running with Unhealthy events', async (t) => {
    const n = await startNode(t);
    await n.client.pods.create(
      webPod('web', { readinessProbe: { httpGet: { path: '/index.html', port: 80 } } }),
    );
    const pod = await n.waitFor('Running', async () => {
      const p = await n.pod('web');
      return status(p).phase === 'Running' ? p : undefined;
    });
    const ip = String(status(pod).podIP);
    assert.match(ip, /^127\.250\.\d+\.2$/);
    const text = `Readiness probe failed: Get "http://${ip}:80/index.html": dial tcp ${ip}:80: connect: connection refused`;
    const ev = await n.waitFor(
      'Unhealthy x3',
      async () => {
        const e = (await n.events('web')).find((x) => x.reason === 'Unhealthy');
        return e && Number(e.count) >= 3 ? e : undefined;
      },
      10_000,
    );
    assert.equal(ev.message, text);
    assert.equal(ev.type, 'Warning');
    assert.deepEqual(ev.source, { component: 'kubelet', host: 'kubelab' });
    assert.equal(isRecord(ev.involvedObject) && ev.involvedObject.fieldPath, 'spec.containers{web}');
    const now = await n.pod('web');
    assert.equal(condition(now, 'Ready')?.status, 'False');
    assert.equal(condition(now, 'ContainersReady')?.status, 'False');
    assert.equal(condition(now, 'ContainersReady')?.message, 'containers with unready status: [web]');
    assert.equal(cstatus(now)?.ready, false);
    assert.equal(cstatus(now)?.started, true);
    const reasons = (await n.events('web')).map((e) => `${String(e.reason)}: ${String(e.message)}`);
    assert.ok(
      reasons.includes('Pulled: Container image "test/web:1" already present on machine'),
      reasons.join('\n'),
    );
    assert.ok(reasons.includes('Created: Created container: web'));
    assert.ok(reasons.includes('Started: Started container web'));
  });

  test('a readiness probe on the served port makes the pod 1/1 and it answers on its pod IP', async (t) => {
    const n = await startNode(t);
    await n.client.pods.create(
      webPod('web', { readinessProbe: { httpGet: { path: '/index.html', port: 8000 } } }),
    );
    const pod = await n.waitFor('Ready', async () => {
      const p = await n.pod('web');
      return condition(p, 'Ready')?.status === 'True' ? p : undefined;
    });
    assert.equal(cstatus(pod)?.ready, true);
    assert.match(String(cstatus(pod)?.containerID), /^kubelab:\/\/[0-9a-f]{64}$/);
    const res = await get(`http://${String(status(pod).podIP)}:8000/index.html`);
    assert.equal(res.code, 200);
    assert.equal(res.body, 'hello from web\n');
  });
});
