/** DELETE on a collection: every object the selectors match, each with the request's DeleteOptions. */
import type { KubeObject } from '../core/index.ts';
import type { ApiContext, Call, Result } from './context.ts';
import { json } from './context.ts';
import { deleteObject, parseDeleteOptions } from './delete.ts';
import { listMatching, selectorsOf } from './list.ts';
import { groupVersion } from './registry/types.ts';
import type { Target } from './routing.ts';

export async function handleDeleteCollection(ctx: ApiContext, call: Call, t: Target): Promise<Result> {
  const opts = parseDeleteOptions(call.body, call.query);
  const { items, revision } = await listMatching(ctx, t.info, t.namespace, selectorsOf(t.info, call));
  const out: KubeObject[] = [];
  for (const item of items) {
    try {
      const res = await deleteObject(ctx, t.info, item.metadata.namespace, item.metadata.name ?? '', opts);
      out.push(res.object);
    } catch {
      // deleted concurrently: kube's deletecollection skips NotFound as well
    }
  }
  return json(200, {
    kind: t.info.listKind,
    apiVersion: groupVersion(t.info),
    metadata: { resourceVersion: String(revision) },
    items: out,
  });
}
