/**
 * The Deployment controller's adapter: informers for Deployments, ReplicaSets and Pods, a work queue
 * of Deployment keys, reconcileDeployment, writes through the client, `ScalingReplicaSet` events as
 * `deployment-controller`, and a requeue when the progress deadline falls due.
 */
import type { Informer } from '../../client/index.ts';
import { objectKey, splitKey } from '../../client/index.ts';
import { applyActions } from '../common/apply.ts';
import { Expectations } from '../common/expectations.ts';
import type { ControllerDeps, RunningController } from '../common/kit.ts';
import { ownerKey } from '../common/owner-keys.ts';
import { controllerOf } from '../common/owners.ts';
import { runController } from '../common/runner.ts';
import { selectorMatches } from '../common/selector.ts';
import type { Deployment, Pod, ReplicaSet } from '../common/types.ts';
import { reconcileDeployment } from './reconcile.ts';

export function startDeploymentController(deps: ControllerDeps): RunningController {
  const dInformer = deps.informers.informer(deps.client.deployments) as Informer<Deployment>;
  const rsInformer = deps.informers.informer(deps.client.replicasets) as Informer<ReplicaSet>;
  const podInformer = deps.informers.informer(deps.client.pods) as Informer<Pod>;
  const recorder = deps.recorder('deployment-controller');
  const expectations = new Expectations(deps.clock);

  return runController(deps, {
    name: 'deployment',
    informers: [dInformer, rsInformer, podInformer],
    register(enqueue) {
      const dHandler = (d: Deployment) => enqueue(objectKey(d));
      dInformer.addEventHandler({ add: dHandler, update: (_o, n) => dHandler(n), delete: dHandler });
      const rsHandler = (rs: ReplicaSet) => {
        const key = ownerKey(rs, 'Deployment');
        if (key) return enqueue(key);
        if (controllerOf(rs)) return;
        for (const d of dInformer.list()) {
          if (
            d.metadata.namespace === rs.metadata.namespace &&
            selectorMatches(d.spec.selector, rs.metadata.labels)
          )
            dHandler(d);
        }
      };
      rsInformer.addEventHandler({
        add: rsHandler,
        update: (o, n) => {
          if (ownerKey(o, 'Deployment') !== ownerKey(n, 'Deployment')) rsHandler(o);
          rsHandler(n);
        },
        delete: rsHandler,
      });
      // Recreate waits for old pods to be gone (deletePod in deployment_controller.go).
      podInformer.addEventHandler({
        delete: (pod) => {
          const rsKey = ownerKey(pod, 'ReplicaSet');
          const rs = rsKey ? rsInformer.get(rsKey) : undefined;
          const key = ownerKey(rs, 'Deployment');
          if (key) enqueue(key);
        },
      });
    },
    async reconcile(key) {
      const d = dInformer.get(key);
      if (!d) {
        expectations.forget(key);
        return;
      }
      if (!expectations.satisfied(key)) return { requeueAfterMs: 1000 };
      const { namespace } = splitKey(key);
      const inNs = <T extends { metadata: { namespace?: string } }>(list: T[]) =>
        list.filter((o) => o.metadata.namespace === namespace);
      const out = reconcileDeployment({
        deployment: d,
        replicaSets: inNs(rsInformer.list()),
        pods: inNs(podInformer.list()),
        now: deps.clock.now(),
      });
      const written = await applyActions(deps.client, recorder, out.actions);
      for (const w of written) {
        const k = `${w.namespace}/${w.name}`;
        if (w.action.type === 'delete') continue;
        if (w.resource === 'replicasets' && w.object) expectations.expectWrite(key, rsInformer, k, w.object);
        if (w.resource === 'deployments' && w.object) expectations.expectWrite(key, dInformer, k, w.object);
      }
      if (out.requeueRateLimited) return { requeueRateLimited: true };
      return out.requeueAfterMs === undefined ? undefined : { requeueAfterMs: out.requeueAfterMs };
    },
  });
}
