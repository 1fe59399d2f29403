/**
 * PATCH: the Content-Type picks the patch type; applyPatch computes the result, which then takes the
 * update path (admission, conflicts, generation). Server-side apply creates a missing object (201).
 */
import { ApiError, errors } from '../core/index.ts';
import type { KubeObject } from '../core/index.ts';
import { fieldValidationOf } from './admission.ts';
import { objectFromBody } from './body.ts';
import type { ApiContext, Call, Result } from './context.ts';
import { json, q, qAll } from './context.ts';
import { createObject } from './create.ts';
import { applyPatch, patchTypeOf } from './patch/index.ts';
import type { PatchType } from './patch/index.ts';
import type { ResourceInfo } from './registry/types.ts';
import type { Target } from './routing.ts';
import { applyScale, toScale } from './scale.ts';
import { updateObject } from './update.ts';

function patchOne(
  info: ResourceInfo,
  type: PatchType,
  live: KubeObject | undefined,
  patch: unknown,
  call: Call,
): KubeObject {
  const force = q(call.query, 'force');
  const manager = q(call.query, 'fieldManager');
  return applyPatch({
    type,
    gvk: { group: info.group, version: info.version, kind: info.kind },
    live,
    patch,
    builtIn: info.builtIn,
    ...(manager !== undefined ? { fieldManager: manager } : {}),
    ...(force !== undefined ? { force: force === 'true' } : {}),
  });
}

export async function handlePatch(ctx: ApiContext, call: Call, t: Target, name: string): Promise<Result> {
  const type = patchTypeOf(call.headers['content-type'], t.info.builtIn || t.subresource === 'scale');
  const opts = {
    dryRun: qAll(call.query, 'dryRun').includes('All'),
    fieldValidation: fieldValidationOf(q(call.query, 'fieldValidation')),
    patch: true,
  };
  const sub = t.subresource;
  if (sub === 'scale') {
    const res = await updateObject(
      ctx,
      t.info,
      t.namespace,
      name,
      (live) => {
        const scale = applyPatch({
          type: type === 'apply' ? 'merge' : type,
          gvk: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
          live: toScale(t.info, live),
          patch: call.body,
          builtIn: true,
        });
        return applyScale(t.info, live, scale);
      },
      { ...opts, fieldValidation: 'Ignore' },
    );
    return json(200, toScale(t.info, res.object), res.warnings);
  }
  if (sub !== undefined && sub !== 'status') throw errors.methodNotAllowed();
  try {
    const res = await updateObject(
      ctx,
      t.info,
      t.namespace,
      name,
      (live) => patchOne(t.info, type, live, call.body, call),
      {
        ...opts,
        ...(sub === 'status' ? { subresource: 'status' as const } : {}),
      },
    );
    return json(200, res.object, res.warnings);
  } catch (err) {
    if (!(type === 'apply' && sub === undefined && err instanceof ApiError && err.code === 'NOT_FOUND'))
      throw err;
  }
  const created = patchOne(t.info, type, undefined, call.body, call);
  const obj = objectFromBody(t.info, created);
  if (obj.metadata.name !== undefined && obj.metadata.name !== name) {
    throw errors.badRequest(
      `the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`,
    );
  }
  obj.metadata.name = name;
  if (t.info.namespaced && t.namespace) obj.metadata.namespace = t.namespace;
  const res = await createObject(ctx, t.info, t.namespace, obj, opts);
  return json(201, res.object, res.warnings);
}
