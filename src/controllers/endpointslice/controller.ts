/**
 * The EndpointSlice controller's adapter: Services, Pods and EndpointSlices informers, keys are
 * Service keys; slices find their Service through the `kubernetes.io/service-name` label.
 */
import type { Informer } from '../../client/index.ts';
import { objectKey, splitKey } from '../../client/index.ts';
import { applyActions } from '../common/apply.ts';
import { Expectations } from '../common/expectations.ts';
import type { ControllerDeps, RunningController } from '../common/kit.ts';
import { runController } from '../common/runner.ts';
import { servicesForPod } from '../common/service-keys.ts';
import type { Pod, Service } from '../common/types.ts';
import type { EndpointSlice } from './reconcile.ts';
import {
  MANAGED_BY_LABEL,
  CONTROLLER_NAME,
  reconcileEndpointSlices,
  SERVICE_NAME_LABEL,
} from './reconcile.ts';

export function startEndpointSliceController(deps: ControllerDeps): RunningController {
  const svcInformer = deps.informers.informer(deps.client.services) as Informer<Service>;
  const podInformer = deps.informers.informer(deps.client.pods) as Informer<Pod>;
  const sliceInformer = deps.informers.informer(deps.client.endpointslices) as Informer<EndpointSlice>;
  const recorder = deps.recorder('endpointslice-controller');
  const expectations = new Expectations(deps.clock);

  return runController(deps, {
    name: 'endpointslice',
    informers: [svcInformer, podInformer, sliceInformer],
    register(enqueue) {
      const byKey = (o: Service) => enqueue(objectKey(o));
      svcInformer.addEventHandler({ add: byKey, update: (_o, n) => byKey(n), delete: byKey });
      const slice = (s: EndpointSlice) => {
        const svc = s.metadata.labels?.[SERVICE_NAME_LABEL];
        if (svc && s.metadata.labels?.[MANAGED_BY_LABEL] === CONTROLLER_NAME)
          enqueue(`${s.metadata.namespace}/${svc}`);
      };
      sliceInformer.addEventHandler({ add: slice, update: (_o, n) => slice(n), delete: slice });
      const pods = (...p: Pod[]) => servicesForPod(svcInformer, ...p).forEach(enqueue);
      podInformer.addEventHandler({
        add: (p) => pods(p),
        update: (o, n) => pods(o, n),
        delete: (p) => pods(p),
      });
    },
    async reconcile(key) {
      const service = svcInformer.get(key);
      // A deleted Service's slices go with it through their ownerReferences (garbage collector).
      if (!service) {
        expectations.forget(key);
        return;
      }
      if (!expectations.satisfied(key)) return { requeueAfterMs: 1000 };
      const { namespace } = splitKey(key);
      const out = reconcileEndpointSlices({
        service,
        pods: podInformer.list().filter((p) => p.metadata.namespace === namespace),
        slices: sliceInformer.list().filter((s) => s.metadata.namespace === namespace),
      });
      for (const w of await applyActions(deps.client, recorder, out.actions)) {
        const k = `${w.namespace}/${w.name}`;
        if (w.object && w.action.type !== 'delete') expectations.expectWrite(key, sliceInformer, k, w.object);
        else expectations.expectDelete(key, sliceInformer, k, w.uid);
      }
    },
  });
}
