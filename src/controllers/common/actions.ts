/**
 * What a pure reconcile returns: the writes and events it intends, in order, with no I/O. The adapter
 * (common/apply.ts) performs them one by one and stops at the first failure, as the Go controllers
 * return on the first failed write and retry the whole sync later.
 */
import type { KubeObject } from '../../core/index.ts';

/** The resources the controllers write, by their client name. */
export type ResourceName =
  | 'pods'
  | 'replicasets'
  | 'deployments'
  | 'daemonsets'
  | 'jobs'
  | 'endpoints'
  | 'endpointslices'
  | 'controllerrevisions';

/** An event to record once its action succeeded; `{name}` in the message becomes the written object's name. */
export interface EventSpec {
  /** The object the event is about. */
  about: KubeObject;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

/** An event recorded when the action fails; `{error}` in the message becomes the error's message. */
export type FailureEventSpec = EventSpec;

interface Base {
  resource: ResourceName;
  onSuccess?: EventSpec;
  onFailure?: FailureEventSpec;
}

export type Action =
  | (Base & { type: 'create'; object: KubeObject })
  /** PUT of the whole object; its resourceVersion guards against stale caches (409 → resync). */
  | (Base & { type: 'update'; object: KubeObject })
  | (Base & { type: 'updateStatus'; object: KubeObject })
  /** JSON merge patch (RFC 7386) of the main resource. */
  | (Base & { type: 'patch'; namespace: string; name: string; body: Record<string, unknown> })
  | (Base & { type: 'delete'; namespace: string; name: string; uid?: string })
  | { type: 'event'; event: EventSpec };

/** The output of one reconcile: actions in order, and when to look again even if nothing changes. */
export interface ReconcileOutput {
  actions: Action[];
  /** Milliseconds until a time-based check is due (minReadySeconds, progress deadline). */
  requeueAfterMs?: number;
  /** Look again soon through the work queue's rate limiter (upstream's enqueueRateLimited). */
  requeueRateLimited?: boolean;
}

export function eventAction(
  about: KubeObject,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
): Action {
  return { type: 'event', event: { about, type, reason, message } };
}

/** The earlier of two optional requeue delays. */
export function earlier(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

/**
 * Later writes of one reconcile were computed from the same snapshot as earlier ones: a write to an
 * object this batch already wrote carries the resourceVersion that write returned (as Go carries the
 * object each Update returns), so a reconcile does not conflict with itself.
 */
export class VersionCarry {
  #seen = new Map<string, string>();

  #key(resource: ResourceName, namespace: string | undefined, name: string | undefined): string {
    return `${resource}/${namespace ?? ''}/${name ?? ''}`;
  }

  /** The action with the carried resourceVersion, if any. */
  prepare(action: Action): Action {
    if (action.type !== 'update' && action.type !== 'updateStatus') return action;
    const m = action.object.metadata;
    const rv = this.#seen.get(this.#key(action.resource, m.namespace, m.name));
    if (!rv) return action;
    return { ...action, object: { ...action.object, metadata: { ...m, resourceVersion: rv } } };
  }

  record(
    resource: ResourceName,
    written: { metadata: { namespace?: string; name?: string; resourceVersion?: string } },
  ): void {
    const { namespace, name, resourceVersion } = written.metadata;
    if (resourceVersion) this.#seen.set(this.#key(resource, namespace, name), resourceVersion);
  }
}
