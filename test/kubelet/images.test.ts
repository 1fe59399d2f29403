/**
 * The kubelet with the built-in images' in-process runtime (src/images) — the wiring the composition
 * root does: the lab's web pod (init container generating the page into an emptyDir, readiness on
 * 8000, the lab's exec liveness probe) serves its own page on its pod IP; exec and logs work.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startApiServer } from '../../src/apiserver/index.ts';
import { createClient } from '../../src/client/index.ts';
import { isRecord } from '../../src/core/index.ts';
import type { KubeObject } from '../../src/core/index.ts';
import { builtinImages, createInProcessRuntime } from '../../src/images/index.ts';
import { lazyPodHooks, startKubelet } from '../../src/kubelet/index.ts';
import { openStore } from '../../src/store/index.ts';
import * as web from '../../src/web/index.ts';
import { get } from './harness.ts';

const rec = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});

test('the lab pod on the built-in images: init, emptyDir, probes, HTTP on the pod IP, exec, logs', async (t) => {
  const store = await openStore({ driver: 'memory' });
  const lazy = lazyPodHooks();
  const server = await startApiServer({
    store,
    plainHttp: true,
    hooks: lazy.hooks,
    podTermination: 'kubelet',
  });
  const rootDir = mkdtempSync(join(tmpdir(), 'kubelab-kubelet-'));
  const kubelet = await startKubelet({
    transport: server.transport,
    runtime: createInProcessRuntime({ registry: builtinImages(web) }),
    rootDir,
    podCIDR: `127.253.${Math.floor(Math.random() * 250) + 1}.0/24`,
  });
  lazy.bind(kubelet.hooks);
  t.after(async () => {
    await kubelet.stop();
    await server.close();
    await store.close();
    rmSync(rootDir, { recursive: true, force: true });
  });
  const client = createClient(server.transport);
  await client.pods.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      initContainers: [
        {
          name: 'init',
          image: 'busybox:1.36',
          command: ['sh', '-c', 'echo "<h1>$(POD_NAME)</h1>" > /app/index.html'],
          env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
          volumeMounts: [{ name: 'app', mountPath: '/app' }],
        },
      ],
      containers: [
        {
          name: 'web',
          image: 'kubelab/web:0.1.0',
          ports: [{ containerPort: 8000 }],
          readinessProbe: { httpGet: { path: '/index.html', port: 8000 } },
          livenessProbe: { exec: { command: ['sh', '-c', 'ps aux | grep my_web_server_process'] } },
          volumeMounts: [{ name: 'app', mountPath: '/app' }],
        },
      ],
      volumes: [{ name: 'app', emptyDir: {} }],
    },
  });
  const deadline = Date.now() + 20_000;
  let pod: KubeObject | undefined;
  for (;;) {
    pod = await client.pods.get('web', { namespace: 'default' });
    const conds = Array.isArray(rec(pod.status).conditions) ? (rec(pod.status).conditions as unknown[]) : [];
    if (conds.some((c) => rec(c).type === 'Ready' && rec(c).status === 'True')) break;
    if (Date.now() > deadline) assert.fail(`not Ready: ${JSON.stringify(pod.status)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const ip = String(rec(pod.status).podIP);
  const res = await get(`http://${ip}:8000/index.html`);
  assert.equal(res.code, 200);
  assert.equal(res.body.trim(), '<h1>web</h1>');
  let out = '';
  const code = await kubelet.hooks.exec(
    pod,
    'web',
    ['cat', '/app/index.html'],
    {
      stdout: (c) => (out += c.toString()),
      stderr: (c) => (out += c.toString()),
      tty: false,
      onResize: () => undefined,
    },
    new AbortController().signal,
  );
  assert.equal(code, 0);
  assert.equal(out.trim(), '<h1>web</h1>');
  let hosts = '';
  await kubelet.hooks.exec(
    pod,
    'web',
    ['cat', '/etc/hosts'],
    {
      stdout: (c) => (hosts += c.toString()),
      stderr: () => undefined,
      tty: false,
      onResize: () => undefined,
    },
    new AbortController().signal,
  );
  assert.match(hosts, new RegExp(`^${ip.replace(/\./g, '\\.')}\\tweb$`, 'm'));
  const events = (await client.events.list({ namespace: 'default' })).items;
  const unhealthy = events.filter((e) => e.reason === 'Unhealthy').map((e) => String(e.message));
  assert.deepEqual(
    unhealthy.filter((m) => m.startsWith('Liveness')),
    [],
    'the ps|grep liveness probe never fails',
  );
});
