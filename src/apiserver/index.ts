/**
 * kubelab's Kubernetes API server: REST over the Store that the real kubectl drives, served over
 * HTTP(S) on loopback and in-process through the same ApiTransport interface as the HTTP client.
 */
import type { AddressInfo } from 'node:net';
import type { ApiTransport, Timer } from '../core/index.ts';
import { startNamespaceDefaults } from './namespaces/defaults.ts';
import { bootstrap } from './bootstrap/bootstrap.ts';
import type { ApiServerConfig } from './config.ts';
import { resolveConfig } from './config.ts';
import type { ApiContext } from './context.ts';
import { deleteObject } from './delete.ts';
import { startGarbageCollector } from './gc/collector.ts';
import { createFront } from './http/server.ts';
import { inProcessTransport } from './in-process.ts';
import type { Loop } from './loops/watch-loop.ts';
import { startNamespaceController } from './namespaces/controller.ts';
import { BUILTIN_RESOURCES } from './registry/builtins.ts';
import { Registry } from './registry/registry.ts';
import { createServiceAllocators } from './service-ips.ts';
import * as validation from './validation/index.ts';

export type { ApiServerConfig, Logger, NodeConfig } from './config.ts';
export { ApiServerConfigError } from './config.ts';
export type { PodHooks, LogOptions, ExecStdio } from './pods/hooks.ts';

export interface ApiServer {
  /** `https://127.0.0.1:PORT` (or http:// with plainHttp). */
  url: string;
  port: number;
  /** The same API without sockets, for kubelab's own components. */
  transport: ApiTransport;
  close(): Promise<void>;
}

const PODS = BUILTIN_RESOURCES.find((r) => r.group === '' && r.resource === 'pods')!;

export async function startApiServer(config: ApiServerConfig): Promise<ApiServer> {
  const cfg = resolveConfig(config);
  const store = cfg.store;
  const loadSchemas = (validation as unknown as { loadFieldSchemas?: () => Promise<void> }).loadFieldSchemas;
  if (loadSchemas) await loadSchemas();
  const registry = new Registry();
  for (const crd of (await store.list('/apiextensions.k8s.io/customresourcedefinitions/')).items)
    registry.setCrd(crd.object);
  const timers = new Map<string, Timer>();
  let closed = false;
  const ctx: ApiContext = {
    store,
    registry,
    config: cfg,
    allocators: await createServiceAllocators(store, cfg.serviceCIDR, cfg.nodePortRange),
    apiPort: 0,
    schedulePodRemoval(namespace, name, uid, at): void {
      if (cfg.podTermination !== 'apiserver' || closed) return;
      timers.get(uid)?.cancel();
      const delay = Math.max(0, at.getTime() - cfg.clock.now().getTime());
      timers.set(
        uid,
        cfg.clock.setTimeout(() => {
          timers.delete(uid);
          if (closed) return;
          void deleteObject(ctx, PODS, namespace, name, {
            dryRun: false,
            gracePeriodSeconds: 0,
            preconditions: { uid },
          }).catch(() => undefined);
        }, delay),
      );
    },
  };
  const front = createFront(ctx);
  await new Promise<void>((resolve, reject) => {
    front.server.once('error', reject);
    front.server.listen(cfg.port, cfg.host, () => {
      front.server.off('error', reject);
      resolve();
    });
  });
  const port = (front.server.address() as AddressInfo).port;
  ctx.apiPort = port;
  const loops: Loop[] = [];
  const shutdown = async (): Promise<void> => {
    closed = true;
    for (const l of loops) l.stop();
    for (const t of timers.values()) t.cancel();
    timers.clear();
    front.stopStreams();
    await new Promise<void>((resolve) => {
      front.server.close(() => resolve());
      front.server.closeAllConnections();
    });
  };
  try {
    if (cfg.bootstrap) await bootstrap(ctx);
    loops.push(startGarbageCollector(ctx), startNamespaceController(ctx), startNamespaceDefaults(ctx));
    await Promise.all(loops.map((l) => l.ready));
    for (const pod of (await store.list('/core/pods/')).items) {
      const m = pod.object.metadata;
      if (m.deletionTimestamp && m.uid && m.namespace && m.name)
        ctx.schedulePodRemoval(m.namespace, m.name, m.uid, new Date(m.deletionTimestamp));
    }
  } catch (err) {
    await shutdown();
    throw err;
  }
  const streams = new Set<() => void>();
  const transport = inProcessTransport(ctx, (stop) => {
    streams.add(stop);
    return () => streams.delete(stop);
  });
  const scheme = cfg.tls ? 'https' : 'http';
  return {
    url: `${scheme}://${cfg.host}:${port}`,
    port,
    transport,
    async close(): Promise<void> {
      for (const stop of [...streams]) stop();
      await shutdown();
    },
  };
}
