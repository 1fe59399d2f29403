/**
 * Delete with DeleteOptions: preconditions, graceful pod deletion, finalizers, and the three
 * propagation policies (k8s: staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go
 * Delete, pkg/registry/core/pod/strategy.go CheckGracefulDelete).
 */
import { errors, isRecord } from '../core/index.ts';
import type { KubeObject } from '../core/index.ts';
import type { ApiContext, Query } from './context.ts';
import { q, qAll } from './context.ts';
import { afterWrite, isCrdResource } from './hooks-after-write.ts';
import { listPrefix, objectKey } from './keys.ts';
import { getStored, mapStoreError, view } from './objects.ts';
import { orphanDependents } from './gc/orphan.ts';
import { startNamespaceDeletion } from './namespaces/lifecycle.ts';
import type { ResourceInfo } from './registry/types.ts';
import { releaseDifference } from './service-ips.ts';
import { finalizersOf, statusOf } from './strategy.ts';
import { updateObject } from './update.ts';

export type Propagation = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: Propagation;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun: boolean;
}

export const FOREGROUND = 'foregroundDeletion';
export const ORPHAN = 'orphan';

export function parseDeleteOptions(body: unknown, query: Query): DeleteOptions {
  const b = isRecord(body) ? body : {};
  const opts: DeleteOptions = {
    dryRun: qAll(query, 'dryRun').includes('All') || (Array.isArray(b.dryRun) && b.dryRun.includes('All')),
  };
  const grace = b.gracePeriodSeconds ?? q(query, 'gracePeriodSeconds');
  if (grace !== undefined && grace !== null) {
    const n = Number(grace);
    if (!Number.isInteger(n)) throw errors.badRequest(`invalid gracePeriodSeconds: ${JSON.stringify(grace)}`);
    opts.gracePeriodSeconds = n;
  }
  const policy = b.propagationPolicy ?? q(query, 'propagationPolicy');
  const orphan = b.orphanDependents ?? q(query, 'orphanDependents');
  if (policy !== undefined && policy !== null) {
    if (policy !== 'Background' && policy !== 'Foreground' && policy !== 'Orphan') {
      throw errors.invalid('DeleteOptions', '', '', [
        {
          type: 'FieldValueNotSupported',
          field: 'propagationPolicy',
          message: `propagationPolicy: Unsupported value: ${JSON.stringify(policy)}: supported values: "Foreground", "Background", "Orphan", "nil"`,
        },
      ]);
    }
    opts.propagationPolicy = policy;
  } else if (orphan === true || orphan === 'true') opts.propagationPolicy = 'Orphan';
  else if (orphan === false || orphan === 'false') opts.propagationPolicy = 'Foreground';
  if (isRecord(b.preconditions)) {
    const p: { uid?: string; resourceVersion?: string } = {};
    if (typeof b.preconditions.uid === 'string') p.uid = b.preconditions.uid;
    if (typeof b.preconditions.resourceVersion === 'string')
      p.resourceVersion = b.preconditions.resourceVersion;
    opts.preconditions = p;
  }
  return opts;
}

/** The grace period a pod gets: kube removes unscheduled and finished pods at once. */
function podGrace(pod: KubeObject, requested: number | undefined): number {
  const spec = isRecord(pod.spec) ? pod.spec : {};
  const phase = statusOf(pod).phase;
  if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
  const dflt =
    typeof spec.terminationGracePeriodSeconds === 'number' ? spec.terminationGracePeriodSeconds : 30;
  return Math.max(0, requested ?? dflt);
}

export interface DeleteResult {
  object: KubeObject;
  /** False when the object stays (graceful, finalizers, foreground). */
  gone: boolean;
}

function timestamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export async function deleteObject(
  ctx: ApiContext,
  info: ResourceInfo,
  namespace: string | undefined,
  name: string,
  opts: DeleteOptions,
): Promise<DeleteResult> {
  const cur = await getStored(ctx, info, namespace, name);
  const live = view(info, cur.object);
  const pre = opts.preconditions;
  const why = (what: string, want: string, have: string | undefined): never => {
    throw errors.conflict(
      info.resource,
      info.group,
      name,
      `Precondition failed: ${what} in precondition: ${want}, ${what} in object meta: ${have ?? ''}`,
    );
  };
  if (pre?.uid && pre.uid !== live.metadata.uid) why('UID', pre.uid, live.metadata.uid);
  if (pre?.resourceVersion && pre.resourceVersion !== live.metadata.resourceVersion) {
    why('ResourceVersion', pre.resourceVersion, live.metadata.resourceVersion);
  }
  if (info.builtIn && info.group === '' && info.resource === 'namespaces') {
    return { object: await startNamespaceDeletion(ctx, live, opts.dryRun), gone: false };
  }
  const isPod = info.builtIn && info.group === '' && info.resource === 'pods';
  const grace = isPod ? podGrace(live, opts.gracePeriodSeconds) : 0;
  const policy = opts.propagationPolicy ?? 'Background';
  const finalizers = finalizersOf(live);
  const wantForeground = policy === 'Foreground' && !finalizers.includes(FOREGROUND);
  if (finalizers.length > 0 || wantForeground || grace > 0) {
    const now = ctx.config.clock.now();
    const res = await updateObject(
      ctx,
      info,
      namespace,
      name,
      (obj) => {
        const m = obj.metadata;
        if (wantForeground) m.finalizers = [...finalizersOf(obj), FOREGROUND];
        const currentGrace = m.deletionGracePeriodSeconds;
        if (m.deletionTimestamp === undefined || (currentGrace !== undefined && grace < currentGrace)) {
          m.deletionTimestamp = timestamp(new Date(now.getTime() + grace * 1000));
          m.deletionGracePeriodSeconds = grace;
        }
        return obj;
      },
      { dryRun: opts.dryRun, fieldValidation: 'Ignore', deleting: true },
    );
    if (res.deleted) return { object: res.object, gone: true };
    const m = res.object.metadata;
    if (isPod && grace > 0 && !opts.dryRun && m.deletionTimestamp && m.uid) {
      ctx.schedulePodRemoval(namespace ?? '', name, m.uid, new Date(m.deletionTimestamp));
    }
    if (policy === 'Orphan' && !opts.dryRun) await orphanDependents(ctx, live);
    return { object: res.object, gone: false };
  }
  if (opts.dryRun) return { object: live, gone: true };
  if (policy === 'Orphan') await orphanDependents(ctx, live);
  if (isCrdResource(info)) await deleteCustomObjects(ctx, live);
  try {
    const gone = await ctx.store.delete(objectKey(info, namespace, name), cur.revision);
    afterWrite(ctx, info, undefined, name);
    if (info.builtIn && info.group === '' && info.resource === 'services')
      releaseDifference(ctx.allocators, gone.object, undefined);
    return { object: view(info, gone.object), gone: true };
  } catch (err) {
    throw mapStoreError(info, name, err);
  }
}

/** A CRD takes its objects with it (kube's customresourcecleanup finalizer, done inline). */
async function deleteCustomObjects(ctx: ApiContext, crd: KubeObject): Promise<void> {
  const infos = ctx.registry.all().filter((r) => r.crd?.name === crd.metadata.name);
  const first = infos[0];
  if (!first) return;
  const listed = await ctx.store.list(listPrefix(first, undefined));
  for (const item of listed.items) {
    try {
      await ctx.store.delete(item.key);
    } catch {
      // gone already
    }
  }
}
