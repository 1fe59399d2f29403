/** Dispatches a request on a resource path to its verb (get, list, watch, create, update, patch, delete, subresources). */
import { errors, isRecord } from '../core/index.ts';
import { fieldValidationOf } from './admission.ts';
import { bindNamespace, objectFromBody } from './body.ts';
import type { ApiContext, Call, Result } from './context.ts';
import { json, q, qAll } from './context.ts';
import { createObject } from './create.ts';
import { deleteObject, parseDeleteOptions } from './delete.ts';
import { handleDeleteCollection } from './deletecollection.ts';
import { handleGet } from './get.ts';
import { handleList } from './list.ts';
import { getStored, view } from './objects.ts';
import { handlePatch } from './patch.ts';
import { handleBinding, handleEviction } from './pods/binding.ts';
import { handleLogs } from './pods/logs.ts';
import { finalizeNamespace } from './namespaces/finalize.ts';
import type { Verb } from './registry/types.ts';
import { hasSubresource } from './registry/types.ts';
import type { Target } from './routing.ts';
import { applyScale, toScale } from './scale.ts';
import { replaceWith, updateObject } from './update.ts';
import { handleReview } from './reviews.ts';
import { handleWatch } from './watch.ts';

function requireVerb(t: Target, verb: Verb): void {
  if (!t.info.verbs.includes(verb)) throw errors.methodNotAllowed();
}

function writeOptions(call: Call): { dryRun: boolean; fieldValidation: 'Strict' | 'Warn' | 'Ignore' } {
  return {
    dryRun: qAll(call.query, 'dryRun').includes('All'),
    fieldValidation: fieldValidationOf(q(call.query, 'fieldValidation')),
  };
}

export async function handleResource(ctx: ApiContext, call: Call, t: Target): Promise<Result> {
  const { info } = t;
  if (info.namespaced && t.namespace === undefined && (t.name !== undefined || call.method !== 'GET')) {
    throw errors.notFound(info.resource, info.group, t.name ?? '');
  }
  if (info.review) {
    if (call.method !== 'POST' || t.name !== undefined) throw errors.methodNotAllowed();
    return handleReview(ctx, call, t);
  }
  const isWatch = t.legacyWatch || q(call.query, 'watch') === 'true' || q(call.query, 'watch') === '1';
  if (t.name === undefined) {
    switch (call.method) {
      case 'GET':
        requireVerb(t, isWatch ? 'watch' : 'list');
        return isWatch ? handleWatch(ctx, call, t) : handleList(ctx, call, t);
      case 'POST': {
        requireVerb(t, 'create');
        const obj = objectFromBody(info, call.body);
        bindNamespace(info, obj, t.namespace);
        const res = await createObject(ctx, info, t.namespace, obj, writeOptions(call));
        return json(201, res.object, res.warnings);
      }
      case 'DELETE':
        requireVerb(t, 'deletecollection');
        return handleDeleteCollection(ctx, call, t);
      default:
        throw errors.methodNotAllowed();
    }
  }
  const name = t.name;
  const sub = t.subresource;
  if (sub !== undefined && !hasSubresource(info, sub)) throw errors.notFound(info.resource, info.group, name);
  if (sub === undefined || sub === 'status') {
    switch (call.method) {
      case 'GET':
        if (isWatch) return handleWatch(ctx, call, t);
        requireVerb(t, 'get');
        return handleGet(ctx, call, t, name);
      case 'PUT': {
        requireVerb(t, 'update');
        const obj = objectFromBody(info, call.body);
        const res = await updateObject(ctx, info, t.namespace, name, replaceWith(obj), {
          ...writeOptions(call),
          ...(sub === 'status' ? { subresource: 'status' as const } : {}),
        });
        return json(200, res.object, res.warnings);
      }
      case 'PATCH':
        requireVerb(t, 'patch');
        return handlePatch(ctx, call, t, name);
      case 'DELETE': {
        if (sub !== undefined) throw errors.methodNotAllowed();
        requireVerb(t, 'delete');
        const res = await deleteObject(
          ctx,
          info,
          t.namespace,
          name,
          parseDeleteOptions(call.body, call.query),
        );
        return json(200, res.object);
      }
      default:
        throw errors.methodNotAllowed();
    }
  }
  return handleSubresource(ctx, call, t, name, sub);
}

async function handleSubresource(
  ctx: ApiContext,
  call: Call,
  t: Target,
  name: string,
  sub: string,
): Promise<Result> {
  const { info } = t;
  const key = `${call.method} ${sub}`;
  switch (key) {
    case 'GET scale':
      return json(200, toScale(info, view(info, (await getStored(ctx, info, t.namespace, name)).object)));
    case 'PUT scale': {
      const res = await updateObject(
        ctx,
        info,
        t.namespace,
        name,
        (live) => applyScale(info, live, call.body),
        writeOptions(call),
      );
      return json(200, toScale(info, res.object));
    }
    case 'PATCH scale':
      return handlePatch(ctx, call, t, name);
    case 'GET log':
      return handleLogs(ctx, call, t, name);
    case 'POST binding':
      return handleBinding(ctx, call, t, name);
    case 'POST eviction':
      return handleEviction(ctx, call, t, name);
    case 'PUT finalize':
      return json(200, await finalizeNamespace(ctx, name, isRecord(call.body) ? call.body : {}));
    case 'GET exec':
    case 'GET attach':
    case 'GET portforward':
      throw errors.badRequest('Upgrade request required');
    case 'POST exec':
    case 'POST attach':
    case 'POST portforward':
      throw errors.badRequest(
        `kubelab serves ${sub} over WebSocket (v5.channel.k8s.io) only, not SPDY: use kubectl 1.30 or newer`,
      );
    default:
      throw errors.methodNotAllowed();
  }
}
