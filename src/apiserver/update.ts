/**
 * Update (PUT, and the common path of PATCH): optimistic concurrency on resourceVersion, kube's
 * spec/status strategies, admission, no-op detection, and deletion once the last finalizer is gone.
 */
import { ApiError, errors } from '../core/index.ts';
import type { KubeObject } from '../core/index.ts';
import { admit, checkFields } from './admission.ts';
import { bindNamespace, checkName } from './body.ts';
import type { ApiContext } from './context.ts';
import type { WriteOptions, WriteResult } from './create.ts';
import { afterWrite } from './hooks-after-write.ts';
import { objectKey } from './keys.ts';
import { getStored, mapStoreError, toStorage, view } from './objects.ts';
import type { ResourceInfo } from './registry/types.ts';
import { tracking } from './service-ips.ts';
import { finalizersOf, prepareForUpdate, sameObject } from './strategy.ts';

export interface UpdateOptions extends WriteOptions {
  subresource?: 'status';
  /** Server-internal writes that kube makes without admission (pods/binding). */
  skipAdmission?: boolean;
  /** A PATCH: strict field errors use the bare text. */
  patch?: boolean;
  /** The delete path marking the object for deletion. */
  deleting?: boolean;
}

const RETRIES = 5;

/** Builds the desired object from the live one (as this resource version shows it). */
export type Mutation = (live: KubeObject) => KubeObject | Promise<KubeObject>;

export interface UpdateResult extends WriteResult {
  /** True when the object was removed because its last finalizer went. */
  deleted: boolean;
}

export async function updateObject(
  ctx: ApiContext,
  info: ResourceInfo,
  namespace: string | undefined,
  name: string,
  mutate: Mutation,
  opts: UpdateOptions,
): Promise<UpdateResult> {
  const key = objectKey(info, namespace, name);
  for (let attempt = 0; ; attempt++) {
    const cur = await getStored(ctx, info, namespace, name);
    const live = view(info, cur.object);
    const desired = await mutate(structuredClone(live));
    checkName(desired, name);
    bindNamespace(info, desired, namespace);
    const preconditionRV = desired.metadata.resourceVersion;
    if (
      preconditionRV !== undefined &&
      preconditionRV !== '' &&
      preconditionRV !== live.metadata.resourceVersion
    ) {
      throw mapStoreError(info, name, new ApiError('CONFLICT', 'stale'));
    }
    const warnings = checkFields(info, desired, opts.fieldValidation, opts.patch);
    const next = prepareForUpdate(
      info,
      desired,
      live,
      opts.subresource,
      ctx.config.clock.now(),
      opts.deleting,
    );
    const tx = tracking(ctx.allocators);
    try {
      if (!opts.skipAdmission) admit(info, next, 'UPDATE', live, tx.alloc);
      const finishing =
        next.metadata.deletionTimestamp !== undefined &&
        finalizersOf(next).length === 0 &&
        !(next.metadata.deletionGracePeriodSeconds && next.metadata.deletionGracePeriodSeconds > 0);
      if (finishing) {
        if (opts.dryRun) return { object: next, warnings, deleted: true };
        const gone = await ctx.store.delete(key, cur.revision);
        afterWrite(ctx, info, undefined, name);
        return { object: view(info, gone.object), warnings, deleted: true };
      }
      next.metadata.resourceVersion = live.metadata.resourceVersion;
      if (sameObject(next, live)) {
        tx.rollback();
        return { object: live, warnings, deleted: false };
      }
      if (opts.dryRun) {
        tx.rollback();
        return { object: next, warnings, deleted: false };
      }
      const stored = await ctx.store.update(key, toStorage(info, next), cur.revision);
      afterWrite(ctx, info, stored.object, undefined);
      return { object: view(info, stored.object), warnings, deleted: false };
    } catch (err) {
      tx.rollback();
      // A concurrent write won the race: read again and re-run the mutation (GuaranteedUpdate). A stale
      // resourceVersion the client asked for is caught by the check at the top of the next attempt; a
      // patch's result inherits the live resourceVersion, so it only conflicts when the patch set one.
      const retry = err instanceof ApiError && err.code === 'CONFLICT' && attempt < RETRIES;
      if (!retry) throw mapStoreError(info, name, err);
    }
  }
}

/** The plain PUT: the body replaces the object. */
export function replaceWith(body: KubeObject): Mutation {
  return () => body;
}

export function requireName(name: string | undefined): string {
  if (name === undefined) throw errors.methodNotAllowed();
  return name;
}
