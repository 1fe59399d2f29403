/**
 * Test harness: an in-process API server (memory store, plain HTTP, podTermination 'kubelet') with a
 * kubelet on a FakeClock, the fake runtime, and its own pod CIDR so parallel runs never collide.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { startApiServer } from '../../src/apiserver/index.ts';
import type { ApiServer } from '../../src/apiserver/index.ts';
import { createClient } from '../../src/client/index.ts';
import type { Client } from '../../src/client/index.ts';
import { FakeClock, isRecord } from '../../src/core/index.ts';
import type { KubeObject } from '../../src/core/index.ts';
import { lazyPodHooks, startKubelet } from '../../src/kubelet/index.ts';
import type { ContainerRuntime, Kubelet } from '../../src/kubelet/index.ts';
import { fakeRuntime } from '../../src/kubelet/testing/fake-runtime.ts';
import type { FakeRuntime } from '../../src/kubelet/testing/fake-runtime.ts';
import { openStore } from '../../src/store/index.ts';

export interface Node {
  server: ApiServer;
  client: Client;
  kubelet: Kubelet;
  /** The fake runtime (unused when `opts.runtime` gave another one). */
  runtime: FakeRuntime;
  clock: FakeClock;
  podCIDR: string;
  /** Advances the fake clock in `stepMs` steps until `pred` holds (real-time deadline 15 s). */
  waitFor<T>(what: string, pred: () => Promise<T | undefined | false>, stepMs?: number): Promise<T>;
  pod(name: string): Promise<KubeObject | undefined>;
  events(name: string): Promise<KubeObject[]>;
}

export async function startNode(
  t: TestContext,
  opts: { schedule?: boolean; runtime?: (clock: FakeClock) => ContainerRuntime } = {},
): Promise<Node> {
  const store = await openStore({ driver: 'memory' });
  const lazy = lazyPodHooks();
  const server = await startApiServer({
    store,
    plainHttp: true,
    listen: { host: '127.0.0.1', port: 0 },
    hooks: lazy.hooks,
    podTermination: 'kubelet',
  });
  const rootDir = mkdtempSync(join(tmpdir(), 'kubelab-kubelet-'));
  const clock = new FakeClock(new Date());
  const runtime = fakeRuntime();
  // A /24 of its own in 127.250.0.0/16 per node, so concurrent tests never share an address.
  const podCIDR = `127.250.${Math.floor(Math.random() * 250) + 1}.0/24`;
  const kubelet = await startKubelet({
    transport: server.transport,
    runtime: opts.runtime?.(clock) ?? runtime,
    rootDir,
    podCIDR,
    clock,
    ...(opts.schedule !== undefined ? { schedule: opts.schedule } : {}),
  });
  lazy.bind(kubelet.hooks);
  t.after(async () => {
    await kubelet.stop();
    await server.close();
    await store.close();
    rmSync(rootDir, { recursive: true, force: true });
  });
  const client = createClient(server.transport);
  const node: Node = {
    server,
    client,
    kubelet,
    runtime,
    clock,
    podCIDR,
    async waitFor(what, pred, stepMs = 1000) {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const v = await pred();
        if (v) return v;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        clock.advance(stepMs);
        await new Promise((r) => setTimeout(r, 15));
      }
    },
    async pod(name) {
      try {
        return await client.pods.get(name, { namespace: 'default' });
      } catch {
        return undefined;
      }
    },
    async events(name) {
      const list = await client.events.list({ namespace: 'default' });
      return list.items.filter((e) => isRecord(e.involvedObject) && e.involvedObject.name === name);
    },
  };
  return node;
}

export function webPod(
  name: string,
  container: Record<string, unknown>,
  spec: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: {
      nodeName: 'kubelab',
      terminationGracePeriodSeconds: 5,
      containers: [{ name: 'web', image: 'test/web:1', ports: [{ containerPort: 8000 }], ...container }],
      ...spec,
    },
  };
}

type Rec = Record<string, unknown>;
export const status = (pod: KubeObject | undefined): Rec => (pod && isRecord(pod.status) ? pod.status : {});
export function condition(pod: KubeObject | undefined, type: string): Rec | undefined {
  const conds = status(pod).conditions;
  return Array.isArray(conds) ? conds.filter(isRecord).find((c) => c.type === type) : undefined;
}
export function cstatus(
  pod: KubeObject | undefined,
  name = 'web',
  field = 'containerStatuses',
): Rec | undefined {
  const list = status(pod)[field];
  return Array.isArray(list) ? list.filter(isRecord).find((c) => c.name === name) : undefined;
}

/** One GET without keep-alive: status code and body. */
export function get(url: string): Promise<{ code: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ code: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}
