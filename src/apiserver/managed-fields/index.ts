/**
 * The field manager: records in metadata.managedFields which manager set which fields on each
 * create, update, patch and apply, and computes apply conflicts and removals (k8s:
 * staging/src/k8s.io/apimachinery/pkg/util/managedfields/internal/structuredmerge.go, fieldmanager.go;
 * sigs.k8s.io/structured-merge-diff/v4/merge/update.go Update, Apply, prune).
 */
import type { KubeObject } from '../../core/index.ts';
import { isRecord } from '../../core/index.ts';
import { conflictError } from './conflict.ts';
import { decodeEntries, encodeEntries, identity, isReset, wireTime } from './entries.ts';
import type { Entry } from './entries.ts';
import { compare, difference, filterTop, intersection, toFieldSet, union } from './field-set.ts';
import type { FieldSet } from './field-set.ts';
import { allowedFromLastApplied } from './last-applied.ts';
import { removePaths } from './remove.ts';
import { rootType } from './type-schema.ts';
import type { TypeNode } from './type-schema.ts';

export { managerFromUserAgent } from './user-agent.ts';
export type { Entry, Operation } from './entries.ts';

export interface ManagerContext {
  /** The object's group, version and kind (the apiVersion recorded in the entry). */
  group: string;
  version: string;
  kind: string;
  builtIn: boolean;
  /** Whether the resource has a status subresource (then status and spec are managed apart). */
  statusSubresource: boolean;
  manager: string;
  /** `status` or `scale` for writes through a subresource. */
  subresource?: string;
  now: Date;
}

/** stripmeta.go: fields no manager owns. */
const STRIPPED_META = [
  'name',
  'namespace',
  'creationTimestamp',
  'selfLink',
  'uid',
  'generation',
  'managedFields',
  'resourceVersion',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
];

function stripped(obj: KubeObject | undefined): Record<string, unknown> {
  if (!obj) return {};
  const { apiVersion: _v, kind: _k, metadata, ...rest } = obj;
  const meta: Record<string, unknown> = { ...(isRecord(metadata) ? metadata : {}) };
  for (const f of STRIPPED_META) delete meta[f];
  return Object.keys(meta).length > 0 ? { metadata: meta, ...rest } : rest;
}

/** ResetFieldsStrategy: the main resource does not own status, the status subresource only status. */
function resetFields(set: FieldSet, mc: ManagerContext): FieldSet {
  if (!mc.statusSubresource) return set;
  if (mc.subresource === 'status') return filterTop(set, ['status'], true);
  return filterTop(set, ['status'], false);
}

function typeOf(mc: ManagerContext): TypeNode {
  return rootType(mc.group, mc.version, mc.kind, mc.builtIn);
}

function apiVersion(mc: ManagerContext): string {
  return mc.group ? `${mc.group}/${mc.version}` : mc.version;
}

function write(obj: KubeObject, entries: Entry[]): KubeObject {
  const list = encodeEntries(entries);
  if (list.length > 0) obj.metadata.managedFields = list;
  else delete obj.metadata.managedFields;
  return obj;
}

/** The base record: the request's own list when valid and non-empty, `[]` resets, else the live one. */
function baseEntries(live: KubeObject | undefined, next: KubeObject): Entry[] {
  const sent = next.metadata.managedFields;
  if (isReset(sent)) return [];
  const fromRequest = sent === undefined ? undefined : decodeEntries(sent);
  if (fromRequest && fromRequest.length > 0) return fromRequest;
  return decodeEntries(live?.metadata.managedFields) ?? [];
}

/**
 * An Update (create, PUT, non-apply PATCH, subresource write): the writer owns what it changed and
 * takes it from everyone else; removed fields leave every set. Sets `next.metadata.managedFields`.
 */
export function recordUpdate(live: KubeObject | undefined, next: KubeObject, mc: ManagerContext): KubeObject {
  const base = baseEntries(live, next);
  const t = typeOf(mc);
  const c = compare(stripped(live), stripped(next), t);
  const changed = resetFields(union(c.added, c.modified), mc);
  const removed = resetFields(c.removed, mc);
  const me = {
    manager: mc.manager,
    operation: 'Update' as const,
    apiVersion: apiVersion(mc),
    subresource: mc.subresource,
  };
  const id = identity(me);
  const entries: Entry[] = [];
  let mine: Entry | undefined;
  for (const e of base) {
    if (identity(e) === id) mine = e;
    else entries.push({ ...e, set: difference(difference(e.set, changed), removed) });
  }
  const set = union(difference(mine?.set ?? new Set(), removed), changed);
  if (set.size > 0) entries.push({ ...me, ...timeOf(mine, set, mc), set });
  return write(next, entries);
}

/** The entry's time moves only when its set changed (managedFieldsUpdater). */
function timeOf(prev: Entry | undefined, set: FieldSet, mc: ManagerContext): { time: string } {
  const same = prev !== undefined && prev.set.size === set.size && [...set].every((p) => prev.set.has(p));
  return { time: same && prev.time !== undefined ? prev.time : wireTime(mc.now) };
}

export interface ApplyInput {
  live: KubeObject | undefined;
  /** The live object with the configuration merged in (before removals). */
  merged: KubeObject;
  /** The applied configuration as sent. */
  config: Record<string, unknown>;
  force: boolean;
}

/**
 * An Apply: the applier owns exactly what its configuration sets; fields it applied before and
 * dropped are removed unless another manager owns them; a changed field owned by another manager
 * is a conflict (409) unless forced, which takes it over. Returns the object to store.
 */
export function recordApply({ live, merged, config, force }: ApplyInput, mc: ManagerContext): KubeObject {
  const t = typeOf(mc);
  let base = live ? (decodeEntries(live.metadata.managedFields) ?? []) : [];
  if (live && base.length === 0) {
    // managedfields.go: an object nobody tracked yet is owned by "before-first-apply".
    const set = resetFields(toFieldSet(stripped(live), t), mc);
    base = [{ manager: 'before-first-apply', operation: 'Update', apiVersion: apiVersion(mc), set }];
  }
  const me = {
    manager: mc.manager,
    operation: 'Apply' as const,
    apiVersion: apiVersion(mc),
    subresource: mc.subresource,
  };
  const id = identity(me);
  const last = base.find((e) => identity(e) === id);
  const set = resetFields(toFieldSet(stripped(config as KubeObject), t), mc);
  const others = base.filter((e) => identity(e) !== id);
  let result = merged;
  if (last) {
    const owned = union(set, ...others.map((e) => e.set));
    const dropped = difference(last.set, owned);
    if (dropped.size > 0) result = removePaths(merged, dropped, t);
  }
  const c = compare(stripped(live), stripped(result), t);
  const changed = resetFields(union(c.added, c.modified), mc);
  let conflicts = others
    .map((e) => ({ entry: e, paths: intersection(e.set, changed) }))
    .filter((x) => x.paths.size > 0);
  if (conflicts.length > 0 && !force && live && mc.manager === 'kubectl') {
    const allowed = allowedFromLastApplied(stripped(live), live, apiVersion(mc), t, stripped);
    if (allowed) {
      conflicts = conflicts
        .map((x) => ({ entry: x.entry, paths: difference(x.paths, allowed) }))
        .filter((x) => x.paths.size > 0);
    }
  }
  if (conflicts.length > 0 && !force) throw conflictError(conflicts);
  const entries: Entry[] = others.map((e) => ({
    ...e,
    set: difference(difference(e.set, changed), c.removed),
  }));
  entries.push({ ...me, ...timeOf(last, set, mc), set });
  return write(result, entries);
}
