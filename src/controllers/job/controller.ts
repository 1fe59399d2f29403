/** The Job controller's adapter: Jobs and Pods informers, keys are Job keys. */
import type { Informer } from '../../client/index.ts';
import { objectKey, splitKey } from '../../client/index.ts';
import { applyActions } from '../common/apply.ts';
import { Expectations } from '../common/expectations.ts';
import type { ControllerDeps, RunningController } from '../common/kit.ts';
import { resourceClientFor } from '../common/kit.ts';
import { ownerKey } from '../common/owner-keys.ts';
import { runController } from '../common/runner.ts';
import type { Pod } from '../common/types.ts';
import type { Job } from './reconcile.ts';
import { reconcileJob } from './reconcile.ts';

export function startJobController(deps: ControllerDeps): RunningController {
  const jobInformer = deps.informers.informer(resourceClientFor(deps.client, 'jobs')) as Informer<Job>;
  const podInformer = deps.informers.informer(deps.client.pods) as Informer<Pod>;
  const recorder = deps.recorder('job-controller');
  const expectations = new Expectations(deps.clock);

  return runController(deps, {
    name: 'job',
    informers: [jobInformer, podInformer],
    register(enqueue) {
      const byKey = (o: Job) => enqueue(objectKey(o));
      jobInformer.addEventHandler({ add: byKey, update: (_o, n) => byKey(n), delete: byKey });
      const pod = (p: Pod) => {
        const k = ownerKey(p, 'Job');
        if (k) enqueue(k);
      };
      podInformer.addEventHandler({ add: pod, update: (o, n) => (pod(o), pod(n)), delete: pod });
    },
    async reconcile(key) {
      const job = jobInformer.get(key);
      if (!job) {
        expectations.forget(key);
        return;
      }
      if (!expectations.satisfied(key)) return { requeueAfterMs: 1000 };
      const { namespace } = splitKey(key);
      const out = reconcileJob({
        job,
        pods: podInformer.list().filter((p) => p.metadata.namespace === namespace),
        now: deps.clock.now(),
      });
      for (const w of await applyActions(deps.client, recorder, out.actions)) {
        const k = `${w.namespace}/${w.name}`;
        if (w.resource === 'pods' && w.action.type === 'create' && w.object)
          expectations.expectWrite(key, podInformer, k, w.object);
        if (w.resource === 'pods' && w.action.type === 'delete')
          expectations.expectDelete(key, podInformer, k, w.uid);
        if (w.resource === 'jobs' && w.object) expectations.expectWrite(key, jobInformer, k, w.object);
      }
      return out.requeueAfterMs === undefined ? undefined : { requeueAfterMs: out.requeueAfterMs };
    },
  });
}
