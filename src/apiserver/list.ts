/** LIST of a collection with label and field selectors, paged by `limit` and `continue` as kube-apiserver pages it. */
import type { KubeObject } from '../core/index.ts';
import type { ApiContext, Call, Result } from './context.ts';
import { json, q } from './context.ts';
import { listPrefix } from './keys.ts';
import { cutPage } from './list-page.ts';
import { parseLimit, readList } from './list-read.ts';
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
  const keyPrefix = listPrefix(t.info, t.namespace);
  const limit = parseLimit(q(call.query, 'limit'));
  const read = await readList(ctx.store, {
    keyPrefix,
    limit,
    continueToken: q(call.query, 'continue'),
    resourceVersion: q(call.query, 'resourceVersion'),
    resourceVersionMatch: q(call.query, 'resourceVersionMatch'),
  });
  if (!read.ok) return read.result;
  const { revision } = read.listed;
  const page = cutPage(
    read.listed.items,
    {
      keyPrefix,
      startKey: read.startKey,
      limit,
      revision,
      unfiltered: sel.labels.length === 0 && sel.fields.length === 0,
    },
    (it) => selects(t.info, sel, it.object),
  );
  const items = page.items.map((it) => view(t.info, it.object));
  const metadata = {
    resourceVersion: String(revision),
    ...(page.continue !== undefined ? { continue: page.continue } : {}),
    ...(page.remainingItemCount !== undefined ? { remainingItemCount: page.remainingItemCount } : {}),
  };
  if (wantsTable(call.headers.accept)) {
    const table = toTable(
      t.info,
      items,
      String(revision),
      ctx.config.clock.now(),
      includeObjectOf(q(call.query, 'includeObject')),
    );
    return { type: 'object', status: 200, body: { ...table, metadata }, contentType: TABLE_CONTENT_TYPE };
  }
  return json(200, { kind: t.info.listKind, apiVersion: groupVersion(t.info), metadata, items });
}
