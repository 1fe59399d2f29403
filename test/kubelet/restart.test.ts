/** A kubelet restart (kubelab restarted on a kept store): pods keep their IPs and count a restart. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startApiServer } from '../../src/apiserver/index.ts';
import { createClient } from '../../src/client/index.ts';
import { isRecord } from '../../src/core/index.ts';
import type { KubeObject } from '../../src/core/index.ts';
import { startKubelet } from '../../src/kubelet/index.ts';
import { fakeRuntime } from '../../src/kubelet/testing/fake-runtime.ts';
import { openStore } from '../../src/store/index.ts';
import { cstatus, status, webPod } from './harness.ts';

const rec = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});

async function until<T>(what: string, f: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + 15_000;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('after a kubelet restart the pod keeps its IP, runs again and counts a restart', async (t) => {
  const store = await openStore({ driver: 'memory' });
  const server = await startApiServer({ store, plainHttp: true, podTermination: 'kubelet' });
  const rootDir = mkdtempSync(join(tmpdir(), 'kubelab-kubelet-'));
  const podCIDR = `127.254.${Math.floor(Math.random() * 250) + 1}.0/24`;
  const config = { transport: server.transport, rootDir, podCIDR };
  let kubelet = await startKubelet({ ...config, runtime: fakeRuntime() });
  t.after(async () => {
    await kubelet.stop();
    await server.close();
    await store.close();
    rmSync(rootDir, { recursive: true, force: true });
  });
  const client = createClient(server.transport);
  // Another pod first, so the pod under test does not simply get the first address again.
  await client.pods.create(webPod('first', {}));
  await client.pods.create(webPod('web', {}));
  const running = async (name: string, restarts: number): Promise<KubeObject | undefined> => {
    const p = await client.pods.get(name, { namespace: 'default' });
    const c = cstatus(p);
    return rec(c?.state).running && c?.restartCount === restarts ? p : undefined;
  };
  const before = await until('web running', () => running('web', 0));
  await client.pods.delete('first', { namespace: 'default', gracePeriodSeconds: 0 });
  await kubelet.stop();
  const orphan = join(rootDir, 'pods', 'uid-of-a-pod-that-is-gone', 'volumes');
  mkdirSync(orphan, { recursive: true });
  kubelet = await startKubelet({ ...config, runtime: fakeRuntime() });
  assert.equal(existsSync(orphan), false, 'orphaned pod directories are removed');
  assert.equal(existsSync(join(rootDir, 'pods', before.metadata.uid ?? '')), true);
  const after = await until('web running again', () => running('web', 1));
  assert.equal(status(after).podIP, status(before).podIP);
  const last = rec(rec(cstatus(after)?.lastState).terminated);
  assert.equal(last.exitCode, 255);
  assert.equal(last.reason, 'Unknown');
  assert.equal(last.containerID, cstatus(before)?.containerID);
});
