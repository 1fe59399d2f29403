/**
 * Creates the minikube-like default objects when they are missing, and on every start brings the
 * `kubernetes` Endpoints and the Node's status up to date (idempotent across restarts).
 */
import { ApiError } from '../../core/index.ts';
import type { KubeObject } from '../../core/index.ts';
import type { ApiContext } from '../context.ts';
import { createObject } from '../create.ts';
import { objectKey } from '../keys.ts';
import { updateObject } from '../update.ts';
import {
  kubernetesEndpointSlice,
  kubernetesEndpoints,
  kubernetesService,
  nodeObject,
  PRIORITY_CLASSES,
  SYSTEM_NAMESPACES,
} from './objects.ts';

const opts = { dryRun: false, fieldValidation: 'Ignore' } as const;

function infoOf(ctx: ApiContext, obj: KubeObject): ReturnType<ApiContext['registry']['byKind']> {
  const [group, version] = obj.apiVersion.includes('/')
    ? (obj.apiVersion.split('/') as [string, string])
    : ['', obj.apiVersion];
  return ctx.registry.byKind(group, version, obj.kind);
}

/** Creates `obj` unless it exists; with `refresh`, replaces the named parts of an existing one. */
export async function ensure(
  ctx: ApiContext,
  obj: KubeObject,
  refresh?: (live: KubeObject) => KubeObject,
): Promise<void> {
  const info = infoOf(ctx, obj);
  if (!info) throw new Error(`bootstrap: no resource for ${obj.apiVersion} ${obj.kind}`);
  const ns = obj.metadata.namespace;
  const name = obj.metadata.name ?? '';
  const found = await ctx.store.get(objectKey(info, ns, name));
  if (!found) {
    try {
      await createObject(ctx, info, ns, structuredClone(obj), opts);
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 'ALREADY_EXISTS')) throw err;
    }
    return;
  }
  if (refresh) await updateObject(ctx, info, ns, name, refresh, opts);
}

export async function bootstrap(ctx: ApiContext): Promise<void> {
  for (const name of SYSTEM_NAMESPACES)
    await ensure(ctx, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  for (const pc of PRIORITY_CLASSES) await ensure(ctx, pc);
  const port = ctx.apiPort;
  await ensure(ctx, kubernetesService(ctx.config, port), (live) => {
    const spec = (live.spec ?? {}) as Record<string, unknown>;
    spec.ports = (kubernetesService(ctx.config, port).spec as Record<string, unknown>).ports;
    return live;
  });
  const ep = kubernetesEndpoints(ctx.config, port);
  await ensure(ctx, ep, (live) => ({ ...live, subsets: ep.subsets }));
  const slice = kubernetesEndpointSlice(ctx.config, port);
  await ensure(ctx, slice, (live) => ({ ...live, endpoints: slice.endpoints, ports: slice.ports }));
  const node = nodeObject(ctx.config, ctx.config.clock.now());
  await ensure(ctx, node);
  const nodeInfo = infoOf(ctx, node)!;
  await updateObject(
    ctx,
    nodeInfo,
    undefined,
    node.metadata.name ?? '',
    (live) => ({ ...live, status: node.status }),
    {
      ...opts,
      subresource: 'status',
    },
  );
  for (const extra of ctx.config.bootstrapObjects) await ensure(ctx, extra);
}
