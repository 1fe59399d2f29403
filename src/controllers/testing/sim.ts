/**
 * A tiny in-memory cluster for story tests: applies reconcile actions to objects the way the API
 * server would (names from generateName, uids, resourceVersion conflicts, generation bumps, merge
 * patches) and runs the Deployment and ReplicaSet reconciles to a fixed point after each step. The
 * test plays the kubelet (marks pods Ready) and the clock. Test support only.
 */
import type { KubeObject } from '../../core/index.ts';
import { FakeClock } from '../../core/index.ts';
import type { Action, EventSpec, ReconcileOutput, ResourceName } from '../common/actions.ts';
import { VersionCarry } from '../common/actions.ts';
import { deepEqual } from '../common/equality.ts';
import { metaTime } from '../common/time.ts';
import type { Deployment, Pod, ReplicaSet } from '../common/types.ts';
import { reconcileDeployment } from '../deployment/reconcile.ts';
import { reconcileReplicaSet } from '../replicaset/reconcile.ts';

export interface RecordedEvent {
  kind: string;
  name: string;
  type: string;
  reason: string;
  message: string;
}

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export class Sim {
  readonly clock = new FakeClock('2026-01-01T00:00:00Z');
  readonly objects = new Map<ResourceName, Map<string, KubeObject>>();
  readonly events: RecordedEvent[] = [];
  /** When true, deleting a pod marks it Terminating; `finishTermination()` removes it. */
  gracefulPodDeletion = false;
  #rv = 1;
  #uid = 1;
  #suffix = 0;

  store(resource: ResourceName): Map<string, KubeObject> {
    let m = this.objects.get(resource);
    if (!m) this.objects.set(resource, (m = new Map<string, KubeObject>()));
    return m;
  }

  list<T extends KubeObject>(resource: ResourceName): T[] {
    return [...this.store(resource).values()] as T[];
  }

  get<T extends KubeObject>(resource: ResourceName, name: string): T | undefined {
    return this.store(resource).get(name) as T | undefined;
  }

  create(resource: ResourceName, object: KubeObject): KubeObject {
    const o = structuredClone(object);
    const m = o.metadata;
    if (!m.name && m.generateName) {
      let n = this.#suffix++;
      let s = '';
      for (let i = 0; i < 5; i++, n = Math.floor(n / ALPHABET.length)) s = ALPHABET[n % ALPHABET.length] + s;
      m.name = m.generateName + s;
    }
    if (this.store(resource).has(m.name!))
      throw Object.assign(new Error(`${resource} "${m.name}" already exists`), { code: 'ALREADY_EXISTS' });
    m.namespace ??= 'default';
    m.uid = `uid-${this.#uid++}`;
    m.creationTimestamp = metaTime(this.clock.now());
    m.resourceVersion = String(this.#rv++);
    if (resource !== 'pods') m.generation = 1;
    if (resource === 'pods') o.status = { phase: 'Pending' };
    else if (resource === 'deployments' || resource === 'replicasets') delete o.status;
    this.store(resource).set(m.name!, o);
    return o;
  }

  /** An edit by the user (kubectl apply/edit): bumps generation when the spec changes. */
  edit<T extends KubeObject>(resource: ResourceName, name: string, fn: (o: T) => void): void {
    const o = structuredClone(this.get<T>(resource, name)!);
    fn(o);
    this.#write(resource, o, 'main');
  }

  #write(resource: ResourceName, o: KubeObject, part: 'main' | 'status'): KubeObject {
    const old = this.get(resource, o.metadata.name!);
    if (!old) throw Object.assign(new Error('not found'), { code: 'NOT_FOUND' });
    let next: KubeObject;
    if (part === 'status') next = { ...structuredClone(old), status: structuredClone(o.status) };
    else {
      next = { ...structuredClone(o), status: structuredClone(old.status) };
      if (!deepEqual(o.spec, old.spec)) next.metadata.generation = (old.metadata.generation ?? 0) + 1;
    }
    next.metadata.resourceVersion = String(this.#rv++);
    this.store(resource).set(o.metadata.name!, next);
    return next;
  }

  /** Applies actions in order and stops at the first failure, as the adapter does. */
  apply(actions: Action[]): number {
    let done = 0;
    const carry = new VersionCarry();
    for (const action of actions) {
      const a = carry.prepare(action);
      try {
        this.#applyOne(a, carry);
        done++;
      } catch {
        if (a.type !== 'event' && a.onFailure) this.#event(a.onFailure, undefined);
        break;
      }
    }
    return done;
  }

  #applyOne(a: Action, carry: VersionCarry): void {
    if (a.type === 'event') return this.#event(a.event, undefined);
    let written: KubeObject | undefined;
    switch (a.type) {
      case 'create':
        written = this.create(a.resource, a.object);
        break;
      case 'update':
      case 'updateStatus': {
        const cur = this.get(a.resource, a.object.metadata.name!);
        if (!cur || cur.metadata.resourceVersion !== a.object.metadata.resourceVersion) {
          throw Object.assign(new Error('conflict'), { code: 'CONFLICT' });
        }
        written = this.#write(a.resource, a.object, a.type === 'update' ? 'main' : 'status');
        break;
      }
      case 'patch': {
        const cur = this.get(a.resource, a.name);
        if (!cur) throw Object.assign(new Error('not found'), { code: 'NOT_FOUND' });
        written = this.#write(a.resource, mergePatch(cur, a.body) as KubeObject, 'main');
        break;
      }
      case 'delete': {
        const cur = this.get(a.resource, a.name);
        if (!cur) throw Object.assign(new Error('not found'), { code: 'NOT_FOUND' });
        if (a.resource === 'pods' && this.gracefulPodDeletion) {
          cur.metadata.deletionTimestamp = metaTime(this.clock.now());
          cur.metadata.resourceVersion = String(this.#rv++);
        } else this.store(a.resource).delete(a.name);
        written = cur;
        break;
      }
    }
    if (written && a.type !== 'delete') carry.record(a.resource, written);
    if (a.onSuccess) this.#event(a.onSuccess, written);
  }

  #event(e: EventSpec, written: KubeObject | undefined): void {
    this.events.push({
      kind: e.about.kind,
      name: e.about.metadata.name ?? '',
      type: e.type,
      reason: e.reason,
      message: e.message.replace('{name}', written?.metadata.name ?? ''),
    });
  }

  /** Runs every controller until none has anything to do. */
  settle(maxRounds = 50): void {
    for (let round = 0; round < maxRounds; round++) {
      let acted = 0;
      const now = this.clock.now();
      for (const d of this.list<Deployment>('deployments')) {
        const out = reconcileDeployment({
          deployment: d,
          replicaSets: this.list('replicasets'),
          pods: this.list('pods'),
          now,
        });
        acted += this.#applyWrites(out);
      }
      for (const rs of this.list<ReplicaSet>('replicasets')) {
        acted += this.#applyWrites(reconcileReplicaSet({ rs, pods: this.list('pods'), now }));
      }
      if (acted === 0) return;
    }
    throw new Error('controllers did not settle');
  }

  /** The last resourceVersion handed out: it moves with every write. */
  get revision(): number {
    return this.#rv;
  }

  /** An independent copy of this cluster at this moment (same objects, events, counters and time). */
  fork(): Sim {
    const copy = new Sim();
    for (const [resource, m] of this.objects) copy.objects.set(resource, structuredClone(m));
    copy.events.push(...structuredClone(this.events));
    copy.clock.advance(this.clock.now().getTime() - copy.clock.now().getTime());
    copy.gracefulPodDeletion = this.gracefulPodDeletion;
    copy.#rv = this.#rv;
    copy.#uid = this.#uid;
    copy.#suffix = this.#suffix;
    return copy;
  }

  /** One Deployment controller sync of every Deployment, and nothing else (the RS controller lags). */
  syncDeployments(): void {
    for (const d of this.list<Deployment>('deployments')) {
      this.apply(
        reconcileDeployment({
          deployment: d,
          replicaSets: this.list('replicasets'),
          pods: this.list('pods'),
          now: this.clock.now(),
        }).actions,
      );
    }
  }

  /** One ReplicaSet controller sync of that ReplicaSet only (its pods and its status). */
  syncReplicaSet(name: string): void {
    const rs = this.get<ReplicaSet>('replicasets', name);
    if (rs) this.apply(reconcileReplicaSet({ rs, pods: this.list('pods'), now: this.clock.now() }).actions);
  }

  #applyWrites(out: ReconcileOutput): number {
    const writes = out.actions.filter((a) => a.type !== 'event').length;
    this.apply(out.actions);
    return writes;
  }

  /** The kubelet's part: a pod runs and turns Ready now. */
  markReady(pod: Pod): void {
    const t = metaTime(this.clock.now());
    pod.status = {
      ...pod.status,
      phase: 'Running',
      podIP: pod.status?.podIP ?? `127.244.0.${this.#uid}`,
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: t }],
    };
    pod.metadata.resourceVersion = String(this.#rv++);
  }

  /** The kubelet finishes graceful deletions. */
  finishTermination(): void {
    for (const [name, pod] of this.store('pods'))
      if (pod.metadata.deletionTimestamp) this.store('pods').delete(name);
  }

  podsOf(rs: ReplicaSet | undefined): Pod[] {
    if (!rs) return [];
    return this.list<Pod>('pods').filter(
      (p) =>
        p.metadata.ownerReferences?.some((r) => r.uid === rs.metadata.uid) && !p.metadata.deletionTimestamp,
    );
  }

  scalingEvents(): string[] {
    return this.events.filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message);
  }
}

function mergePatch(target: unknown, patch: unknown): unknown {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> =
    target && typeof target === 'object' && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}
