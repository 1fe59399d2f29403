/**
 * The ReplicaSet controller's adapter: informers for ReplicaSets and Pods, a work queue of RS keys,
 * reconcileReplicaSet, and the writes applied through the client (events as `replicaset-controller`).
 */
import type { Informer } from '../../client/index.ts';
import { objectKey, splitKey } from '../../client/index.ts';
import type { KubeObject } from '../../core/index.ts';
import { applyActions } from '../common/apply.ts';
import { Expectations } from '../common/expectations.ts';
import type { ControllerDeps, RunningController } from '../common/kit.ts';
import { ownerKey } from '../common/owner-keys.ts';
import { controllerOf } from '../common/owners.ts';
import { runController } from '../common/runner.ts';
import { selectorMatches } from '../common/selector.ts';
import type { Pod, ReplicaSet } from '../common/types.ts';
import { reconcileReplicaSet } from './reconcile.ts';

export function startReplicaSetController(deps: ControllerDeps): RunningController {
  const rsInformer = deps.informers.informer(deps.client.replicasets) as Informer<ReplicaSet>;
  const podInformer = deps.informers.informer(deps.client.pods) as Informer<Pod>;
  const recorder = deps.recorder('replicaset-controller');
  const expectations = new Expectations(deps.clock);

  return runController(deps, {
    name: 'replicaset',
    informers: [rsInformer, podInformer],
    register(enqueue) {
      const rsHandler = (rs: KubeObject) => enqueue(objectKey(rs));
      rsInformer.addEventHandler({ add: rsHandler, update: (_o, n) => rsHandler(n), delete: rsHandler });
      // A pod wakes its controller; an orphan wakes every RS that could adopt it (addPod/updatePod).
      const podHandler = (pod: Pod) => {
        const key = ownerKey(pod, 'ReplicaSet');
        if (key) return enqueue(key);
        if (controllerOf(pod)) return;
        for (const rs of rsInformer.list()) {
          if (
            rs.metadata.namespace === pod.metadata.namespace &&
            selectorMatches(rs.spec.selector, pod.metadata.labels)
          ) {
            enqueue(objectKey(rs));
          }
        }
      };
      podInformer.addEventHandler({
        add: podHandler,
        update: (o, n) => {
          if (ownerKey(o, 'ReplicaSet') !== ownerKey(n, 'ReplicaSet')) podHandler(o);
          podHandler(n);
        },
        delete: podHandler,
      });
    },
    async reconcile(key) {
      const rs = rsInformer.get(key);
      if (!rs) {
        expectations.forget(key);
        return;
      }
      const { namespace } = splitKey(key);
      const pods = podInformer.list().filter((p) => p.metadata.namespace === namespace);
      const out = reconcileReplicaSet({
        rs,
        pods,
        now: deps.clock.now(),
        needsSync: expectations.satisfied(key),
      });
      const written = await applyActions(deps.client, recorder, out.actions);
      for (const w of written) {
        if (w.resource !== 'pods') continue;
        const podKey = `${w.namespace}/${w.name}`;
        if (w.action.type === 'create' && w.object)
          expectations.expectWrite(key, podInformer, podKey, w.object);
        if (w.action.type === 'delete') expectations.expectDelete(key, podInformer, podKey, w.uid);
      }
      return out.requeueAfterMs === undefined ? undefined : { requeueAfterMs: out.requeueAfterMs };
    },
  });
}
