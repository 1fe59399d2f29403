/**
 * The Endpoints controller's adapter: Services, Pods and Endpoints informers, keys are Service keys;
 * every pod change (IP, readiness, deletion) re-syncs the Services that select it.
 */
import type { Informer } from '../../client/index.ts';
import { objectKey, splitKey } from '../../client/index.ts';
import { applyActions } from '../common/apply.ts';
import { Expectations } from '../common/expectations.ts';
import type { ControllerDeps, RunningController } from '../common/kit.ts';
import { runController } from '../common/runner.ts';
import { servicesForPod } from '../common/service-keys.ts';
import type { Pod, Service } from '../common/types.ts';
import type { Endpoints } from './reconcile.ts';
import { reconcileEndpoints } from './reconcile.ts';

export function startEndpointsController(deps: ControllerDeps): RunningController {
  const svcInformer = deps.informers.informer(deps.client.services) as Informer<Service>;
  const podInformer = deps.informers.informer(deps.client.pods) as Informer<Pod>;
  const epInformer = deps.informers.informer(deps.client.endpoints) as Informer<Endpoints>;
  const recorder = deps.recorder('endpoint-controller');
  const expectations = new Expectations(deps.clock);

  return runController(deps, {
    name: 'endpoints',
    informers: [svcInformer, podInformer, epInformer],
    register(enqueue) {
      const byKey = (o: { metadata: { namespace?: string; name?: string } }) => enqueue(objectKey(o));
      svcInformer.addEventHandler({ add: byKey, update: (_o, n) => byKey(n), delete: byKey });
      // Endpoints someone else changed or deleted are put back (the Go controller watches them too).
      epInformer.addEventHandler({ update: (_o, n) => byKey(n), delete: byKey });
      const pods = (...p: Pod[]) => servicesForPod(svcInformer, ...p).forEach(enqueue);
      podInformer.addEventHandler({
        add: (p) => pods(p),
        update: (o, n) => pods(o, n),
        delete: (p) => pods(p),
      });
    },
    async reconcile(key) {
      if (!expectations.satisfied(key)) return { requeueAfterMs: 1000 };
      const { namespace, name } = splitKey(key);
      const out = reconcileEndpoints({
        service: svcInformer.get(key),
        endpoints: epInformer.get(key),
        pods: podInformer.list().filter((p) => p.metadata.namespace === namespace),
        namespace,
        name,
      });
      for (const w of await applyActions(deps.client, recorder, out.actions)) {
        if (w.object) expectations.expectWrite(key, epInformer, key, w.object);
        else expectations.expectDelete(key, epInformer, key, undefined);
      }
    },
  });
}
