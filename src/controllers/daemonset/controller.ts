/** The DaemonSet controller's adapter: DaemonSets, Nodes and Pods informers, keys are DaemonSet keys. */
import type { Informer } from '../../client/index.ts';
import { objectKey, splitKey } from '../../client/index.ts';
import { applyActions } from '../common/apply.ts';
import { Expectations } from '../common/expectations.ts';
import type { ControllerDeps, RunningController } from '../common/kit.ts';
import { ownerKey } from '../common/owner-keys.ts';
import { runController } from '../common/runner.ts';
import type { Pod } from '../common/types.ts';
import type { Node } from './nodes.ts';
import type { DaemonSet } from './reconcile.ts';
import { reconcileDaemonSet } from './reconcile.ts';

export function startDaemonSetController(deps: ControllerDeps): RunningController {
  const dsInformer = deps.informers.informer(deps.client.daemonsets) as Informer<DaemonSet>;
  const nodeInformer = deps.informers.informer(deps.client.nodes) as Informer<Node>;
  const podInformer = deps.informers.informer(deps.client.pods) as Informer<Pod>;
  const recorder = deps.recorder('daemonset-controller');
  const expectations = new Expectations(deps.clock);

  return runController(deps, {
    name: 'daemonset',
    informers: [dsInformer, nodeInformer, podInformer],
    register(enqueue) {
      const byKey = (o: DaemonSet) => enqueue(objectKey(o));
      dsInformer.addEventHandler({ add: byKey, update: (_o, n) => byKey(n), delete: byKey });
      const all = () => dsInformer.list().forEach(byKey);
      nodeInformer.addEventHandler({ add: all, update: all, delete: all });
      const pod = (p: Pod) => {
        const k = ownerKey(p, 'DaemonSet');
        if (k) enqueue(k);
      };
      podInformer.addEventHandler({ add: pod, update: (o, n) => (pod(o), pod(n)), delete: pod });
    },
    async reconcile(key) {
      const ds = dsInformer.get(key);
      if (!ds) {
        expectations.forget(key);
        return;
      }
      const { namespace } = splitKey(key);
      const out = reconcileDaemonSet({
        ds,
        nodes: nodeInformer.list(),
        pods: podInformer.list().filter((p) => p.metadata.namespace === namespace),
        now: deps.clock.now(),
        needsSync: expectations.satisfied(key),
      });
      for (const w of await applyActions(deps.client, recorder, out.actions)) {
        if (w.resource !== 'pods') continue;
        const k = `${w.namespace}/${w.name}`;
        if (w.action.type === 'create' && w.object) expectations.expectWrite(key, podInformer, k, w.object);
        if (w.action.type === 'delete') expectations.expectDelete(key, podInformer, k, w.uid);
      }
      return out.requeueAfterMs === undefined ? undefined : { requeueAfterMs: out.requeueAfterMs };
    },
  });
}
