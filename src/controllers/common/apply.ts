/**
 * Performs a reconcile's actions through the client, in order, stopping at the first failure (the
 * work queue retries the key). Events are recorded after the write they describe succeeded; a
 * delete of something already gone counts as done.
 */
import { ApiError } from '../../core/index.ts';
import type { KubeObject } from '../../core/index.ts';
import type { Client, EventRecorder } from '../../client/index.ts';
import type { Action, EventSpec, ResourceName } from './actions.ts';
import { VersionCarry } from './actions.ts';
import { resourceClientFor } from './kit.ts';

export interface Written {
  action: Action;
  resource: ResourceName;
  /** The object the server returned; for deletes, undefined. */
  object?: KubeObject;
  namespace: string;
  name: string;
  uid?: string;
}

function record(recorder: EventRecorder, e: EventSpec, values: { name?: string; error?: string }): void {
  const message = e.message.replace('{name}', values.name ?? '').replace('{error}', values.error ?? '');
  recorder.event(e.about, e.type, e.reason, message);
}

/** Upstream's slowStartBatch starts with one create and doubles the batch after each fully successful one. */
const SLOW_START_INITIAL_BATCH = 1;

function isPodCreate(a: Action): boolean {
  return a.type === 'create' && a.resource === 'pods';
}

export async function applyActions(
  client: Client,
  recorder: EventRecorder,
  actions: Action[],
): Promise<Written[]> {
  const carry = new VersionCarry();
  const written: Written[] = [];
  const applyOne = async (original: Action): Promise<Written | undefined> => {
    const a = carry.prepare(original);
    if (a.type === 'event') {
      record(recorder, a.event, {});
      return undefined;
    }
    const rc = resourceClientFor(client, a.resource);
    try {
      let object: KubeObject | undefined;
      let namespace: string;
      let name: string;
      switch (a.type) {
        case 'create':
          object = await rc.create(a.object);
          break;
        case 'update':
          object = await rc.update(a.object);
          break;
        case 'updateStatus':
          object = await rc.updateStatus(a.object);
          break;
        case 'patch':
          object = await rc.patch(a.name, 'merge', a.body, { namespace: a.namespace });
          break;
        case 'delete':
          try {
            await rc.delete(a.name, {
              namespace: a.namespace,
              ...(a.uid ? { preconditions: { uid: a.uid } } : {}),
            });
          } catch (err) {
            if (!(err instanceof ApiError && err.code === 'NOT_FOUND')) throw err;
          }
          break;
      }
      if (a.type === 'delete') {
        namespace = a.namespace;
        name = a.name;
      } else {
        namespace = object?.metadata.namespace ?? '';
        name = object?.metadata.name ?? '';
        if (object) carry.record(a.resource, object);
      }
      if (a.onSuccess) record(recorder, a.onSuccess, { name });
      return {
        action: a,
        resource: a.resource,
        object,
        namespace,
        name,
        uid: a.type === 'delete' ? a.uid : object?.metadata.uid,
      };
    } catch (err) {
      if (a.onFailure && !(err instanceof ApiError && err.code === 'CONFLICT')) {
        record(recorder, a.onFailure, { error: err instanceof Error ? err.message : String(err) });
      }
      throw err;
    }
  };
  for (let i = 0; i < actions.length;) {
    if (!isPodCreate(actions[i]!)) {
      const w = await applyOne(actions[i]!);
      if (w) written.push(w);
      i++;
      continue;
    }
    // A run of pod creates goes in slow-start batches, as the ReplicaSet/Job controllers upstream do
    // (pkg/controller/replicaset/replica_set.go slowStartBatch): 1, 2, 4, … in parallel, stopping after
    // a batch with a failure, so a broken template costs one request, not hundreds.
    let end = i;
    while (end < actions.length && isPodCreate(actions[end]!)) end++;
    for (let batch = SLOW_START_INITIAL_BATCH; i < end; batch *= 2) {
      const chunk = actions.slice(i, Math.min(end, i + batch));
      i += chunk.length;
      const results = await Promise.allSettled(chunk.map((a) => applyOne(a)));
      for (const r of results) if (r.status === 'fulfilled' && r.value) written.push(r.value);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    }
  }
  return written;
}
