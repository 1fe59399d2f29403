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
import { fieldManagerOf, managerContext } from './managed-fields/options.ts';
import type { FieldManagerOption } from './managed-fields/options.ts';

function patchOne(
  ctx: ApiContext,
  info: ResourceInfo,
  type: PatchType,
  live: KubeObject | undefined,
  patch: unknown,
  call: Call,
  fm: FieldManagerOption,
): KubeObject {
  const force = q(call.query, 'force');
  const manager = q(call.query, 'fieldManager');
  const mc = managerContext(info, fm, ctx.config.clock.now());
  return applyPatch({
    type,
    gvk: { group: info.group, version: info.version, kind: info.kind },
    live,
    patch,
    builtIn: info.builtIn,
    ...(manager !== undefined ? { fieldManager: manager } : {}),
    ...(force !== undefined ? { force: force === 'true' } : {}),
    ...(type === 'apply' ? { manager: mc } : {}),
  });
}

export async function handlePatch(ctx: ApiContext, call: Call, t: Target, name: string): Promise<Result> {
  const type = patchTypeOf(call.headers['content-type'], t.info.builtIn || t.subresource === 'scale');
  const sub = t.subresource;
  const fm = { ...fieldManagerOf(call, sub), ...(type === 'apply' ? { apply: true } : {}) };
  const opts = {
    dryRun: qAll(call.query, 'dryRun').includes('All'),
    fieldValidation: fieldValidationOf(q(call.query, 'fieldValidation')),
    patch: true,
    fieldManager: fm,
  };
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
      // Apply to /scale is recorded as an Update of spec.replicas (no scale apply conflicts yet).
      { ...opts, fieldValidation: 'Ignore', fieldManager: fieldManagerOf(call, 'scale') },
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
      (live) => patchOne(ctx, t.info, type, live, call.body, call, fm),
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
  const created = patchOne(ctx, t.info, type, undefined, call.body, call, fm);
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
