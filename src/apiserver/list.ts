/** LIST of a collection with label and field selectors; `limit` is ignored (no continue token). */
import type { KubeObject } from '../core/index.ts';
import type { ApiContext, Call, Result } from './context.ts';
import { json, q } from './context.ts';
import { listPrefix } from './keys.ts';
import { view } from './objects.ts';
import { groupVersion } from './registry/types.ts';
import type { ResourceInfo } from './registry/types.ts';
import type { Target } from './routing.ts';
import { matchesFields, parseFieldSelector } from './selectors/fields.ts';
import type { FieldTerm } from './selectors/fields.ts';
import { matchesLabels, parseLabelSelector } from './selectors/labels.ts';
import type { LabelSelector } from './selectors/labels.ts';
import { includeObjectOf, TABLE_CONTENT_TYPE, toTable, wantsTable } from './table.ts';

export interface Selectors {
  labels: LabelSelector;
  fields: FieldTerm[];
}

export function selectorsOf(info: ResourceInfo, call: Call): Selectors {
  return {
    labels: parseLabelSelector(q(call.query, 'labelSelector')),
    fields: parseFieldSelector(info, q(call.query, 'fieldSelector')),
  };
}

/** `stored` is in storage form. */
export function selects(info: ResourceInfo, sel: Selectors, stored: KubeObject): boolean {
  return matchesLabels(sel.labels, stored.metadata.labels) && matchesFields(info, sel.fields, stored);
}

export async function listMatching(
  ctx: ApiContext,
  info: ResourceInfo,
  namespace: string | undefined,
  sel: Selectors,
): Promise<{ items: KubeObject[]; revision: number }> {
  const listed = await ctx.store.list(listPrefix(info, namespace));
  const items = listed.items.filter((it) => selects(info, sel, it.object)).map((it) => view(info, it.object));
  return { items, revision: listed.revision };
}

export async function handleList(ctx: ApiContext, call: Call, t: Target): Promise<Result> {
  const sel = selectorsOf(t.info, call);
  const { items, revision } = await listMatching(ctx, t.info, t.namespace, sel);
  if (wantsTable(call.headers.accept)) {
    const table = toTable(
      t.info,
      items,
      String(revision),
      ctx.config.clock.now(),
      includeObjectOf(q(call.query, 'includeObject')),
    );
    return { type: 'object', status: 200, body: table, contentType: TABLE_CONTENT_TYPE };
  }
  return json(200, {
    kind: t.info.listKind,
    apiVersion: groupVersion(t.info),
    metadata: { resourceVersion: String(revision) },
    items,
  });
}
