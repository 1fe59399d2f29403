/** Create (POST to a collection): name generation, namespace lifecycle, admission, store write. */
import { errors } from '../core/index.ts';
import type { FieldError, KubeObject } from '../core/index.ts';
import { admit, checkFields } from './admission.ts';
import type { FieldValidation } from './admission.ts';
import type { ApiContext } from './context.ts';
import { afterWrite } from './hooks-after-write.ts';
import { objectKey } from './keys.ts';
import { checkNamespaceForCreate, mapStoreError, toStorage, view } from './objects.ts';
import type { ResourceInfo } from './registry/types.ts';
import { tracking } from './service-ips.ts';
import { generateName, prepareForCreate } from './strategy.ts';

export interface WriteOptions {
  dryRun: boolean;
  fieldValidation: FieldValidation;
}

export interface WriteResult {
  object: KubeObject;
  warnings: string[];
}

export async function createObject(
  ctx: ApiContext,
  info: ResourceInfo,
  namespace: string | undefined,
  obj: KubeObject,
  opts: WriteOptions,
): Promise<WriteResult> {
  const warnings = checkFields(info, obj, opts.fieldValidation);
  const m = obj.metadata;
  if (!m.name) {
    if (m.generateName) m.name = generateName(m.generateName);
    else {
      const err: FieldError = {
        type: 'FieldValueRequired',
        field: 'metadata.name',
        message: 'metadata.name: Required value: name or generateName is required',
      };
      throw errors.invalid(info.kind, info.group, '', [err]);
    }
  }
  const name = m.name;
  if (info.namespaced) {
    if (!namespace) throw errors.badRequest('an empty namespace may not be set during creation');
    await checkNamespaceForCreate(ctx, info, namespace, name);
  }
  prepareForCreate(info, obj, ctx.config.clock.now());
  const tx = tracking(ctx.allocators);
  try {
    admit(info, obj, 'CREATE', undefined, tx.alloc);
    if (opts.dryRun) {
      tx.rollback();
      return { object: view(info, obj), warnings };
    }
    const stored = await ctx.store.create(objectKey(info, namespace, name), toStorage(info, obj));
    afterWrite(ctx, info, stored.object, undefined);
    return { object: view(info, stored.object), warnings };
  } catch (err) {
    tx.rollback();
    throw mapStoreError(info, name, err);
  }
}
