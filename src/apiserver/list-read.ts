/**
 * The storage side of a paged LIST (k8s staging/src/k8s.io/apiserver/pkg/storage/etcd3/store.go GetList,
 * errors.go): which revision to read at, the continue token's checks, and 410 Expired once the
 * first page's revision is compacted. Every page of one list is read at the first page's revision.
 */
import { ApiError, errors } from '../core/index.ts';
import type { ListResult, Store } from '../store/types.ts';
import { ContinueTokenError, decodeContinue, encodeContinue } from './continue-token.ts';
import type { Result } from './context.ts';
import { json } from './context.ts';

/** errors.go `inconsistentContinue`: the 410 that hands back a token to go on at the latest revision. */
export const INCONSISTENT_CONTINUE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list ' +
  'without the continue parameter, or use the continue token in this response to retrieve the remainder of ' +
  'the results. Continuing with the provided token results in an inconsistent list - objects that were ' +
  'created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';
/** errors.go `expired`. */
export const LIST_EXPIRED = 'The resourceVersion for the provided list is too old.';

export interface ListParams {
  keyPrefix: string;
  limit: number;
  continueToken?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
}

export type ListRead =
  | { ok: true; listed: ListResult; startKey?: string }
  /** A response to send as is (410 with a continue token in its metadata). */
  | { ok: false; result: Result };

/** Parses `limit` as the apiserver's query decoder does: an integer; 0 or negative means no paging. */
export function parseLimit(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  if (!/^-?\d+$/.test(value)) throw errors.badRequest(`limit: Invalid value: "${value}": must be an integer`);
  return Math.max(0, Number(value));
}

function isGone(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'GONE';
}

export async function readList(store: Store, p: ListParams): Promise<ListRead> {
  if (p.continueToken) {
    let token;
    try {
      token = decodeContinue(p.continueToken, p.keyPrefix);
    } catch (error) {
      if (error instanceof ContinueTokenError)
        throw errors.badRequest(`invalid continue token: ${error.message}`);
      throw error;
    }
    if (p.resourceVersion && p.resourceVersion !== '0') {
      throw errors.badRequest('specifying resource version is not allowed when using continue');
    }
    // rv -1: the client accepted an inconsistent continuation at the latest revision.
    if (token.revision < 0)
      return { ok: true, listed: await store.list(p.keyPrefix), startKey: token.startKey };
    try {
      return { ok: true, listed: await store.listAt(p.keyPrefix, token.revision), startKey: token.startKey };
    } catch (error) {
      if (!isGone(error)) throw error;
      const status = {
        ...errors.gone(INCONSISTENT_CONTINUE).toStatus(),
        metadata: { continue: encodeContinue(token.startKey, p.keyPrefix, -1) },
      };
      return { ok: false, result: json(410, status) };
    }
  }
  const rv = Number(p.resourceVersion);
  // A past revision is read only where etcd3 reads one: resourceVersionMatch=Exact, or the legacy
  // "resourceVersion with limit" case; NotOlderThan and no match read the latest.
  const exact =
    p.resourceVersionMatch === 'Exact' ||
    (p.resourceVersionMatch === undefined && p.limit > 0 && p.resourceVersion !== undefined);
  if (exact && Number.isSafeInteger(rv) && rv > 0 && rv <= store.currentRevision()) {
    try {
      return { ok: true, listed: await store.listAt(p.keyPrefix, rv) };
    } catch (error) {
      if (isGone(error)) throw errors.gone(LIST_EXPIRED);
      throw error;
    }
  }
  return { ok: true, listed: await store.list(p.keyPrefix) };
}
