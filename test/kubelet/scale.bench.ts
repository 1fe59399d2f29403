/**
 * Manual scale check of the kubelet with the fake runtime (real HTTP servers, one per pod IP):
 * `node --import tsx test/kubelet/scale.bench.ts 1000 [--images]` (--images: the built-in images'
 * in-process runtime running kubelab/web instead of the test runtime) prints the time until every pod is Ready,
 * pods per second and resident memory per pod. The real-image benchmark lives in bench/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiServer } from '../../src/apiserver/index.ts';
import { createClient } from '../../src/client/index.ts';
import { isRecord } from '../../src/core/index.ts';
import type { KubeObject } from '../../src/core/index.ts';
import { lazyPodHooks, startKubelet } from '../../src/kubelet/index.ts';
import { fakeRuntime } from '../../src/kubelet/testing/fake-runtime.ts';
import { openStore } from '../../src/store/index.ts';
import { builtinImages, createInProcessRuntime } from '../../src/images/index.ts';
import * as web from '../../src/web/index.ts';

function ready(p: KubeObject): boolean {
  const conds = isRecord(p.status) && Array.isArray(p.status.conditions) ? p.status.conditions : [];
  return conds.some((c) => isRecord(c) && c.type === 'Ready' && c.status === 'True');
}

async function main(n: number, images: boolean): Promise<void> {
  const store = await openStore({ driver: 'memory' });
  const lazy = lazyPodHooks();
  const server = await startApiServer({
    store,
    plainHttp: true,
    hooks: lazy.hooks,
    podTermination: 'kubelet',
  });
  const rootDir = mkdtempSync(join(tmpdir(), 'kubelab-scale-'));
  const kubelet = await startKubelet({
    transport: server.transport,
    runtime: images ? createInProcessRuntime({ registry: builtinImages(web) }) : fakeRuntime(),
    rootDir,
    podCIDR: '127.252.0.0/16',
  });
  lazy.bind(kubelet.hooks);
  const client = createClient(server.transport);
  const rss0 = process.memoryUsage().rss;
  const t0 = Date.now();
  for (let i = 0; i < n; i++) {
    await client.pods.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `web-${i}`, namespace: 'default' },
      spec: {
        initContainers: images
          ? [
              {
                name: 'init',
                image: 'kubelab/web:0.1.0',
                args: ['generate', '--out', '/app'],
                volumeMounts: [{ name: 'app', mountPath: '/app' }],
              },
            ]
          : [],
        containers: [
          {
            name: 'web',
            image: images ? 'kubelab/web:0.1.0' : 'test/web:1',
            readinessProbe: { httpGet: { port: 8000, path: images ? '/index.html' : '/' } },
            volumeMounts: images ? [{ name: 'app', mountPath: '/app' }] : [],
          },
        ],
        volumes: [{ name: 'app', emptyDir: {} }],
      },
    });
  }
  console.log(`created ${n} pods in ${Date.now() - t0} ms`);
  for (;;) {
    const list = await client.pods.list({ namespace: 'default' });
    const count = list.items.filter(ready).length;
    if (count === n) break;
    if (Date.now() - t0 > 600_000) throw new Error(`only ${count}/${n} Ready after 10 minutes`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const dt = Date.now() - t0;
  const perPod = (process.memoryUsage().rss - rss0) / n / 1024;
  console.log(
    `all Ready in ${dt} ms (${(n / (dt / 1000)).toFixed(1)} pods/s), RSS +${perPod.toFixed(0)} KiB/pod, ` +
      `total ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB`,
  );
  await kubelet.stop();
  await server.close();
  await store.close();
  rmSync(rootDir, { recursive: true, force: true });
}

void main(Number(process.argv[2] ?? 1000), process.argv.includes('--images'));
