/**
 * The CronJob controller's adapter (k8s: cronjob_controllerv2.go NewControllerV2/sync): CronJobs and
 * Jobs informers, keys are CronJob keys, requeued at each CronJob's next schedule time.
 */
import type { Informer } from '../../client/index.ts';
import { objectKey, splitKey } from '../../client/index.ts';
import { ApiError } from '../../core/index.ts';
import type { Timer } from '../../core/index.ts';
import { applyActions } from '../common/apply.ts';
import { Expectations } from '../common/expectations.ts';
import type { ControllerDeps, RunningController } from '../common/kit.ts';
import { resourceClientFor } from '../common/kit.ts';
import { ownerKey } from '../common/owner-keys.ts';
import { controllerOf } from '../common/owners.ts';
import { runController } from '../common/runner.ts';
import type { Job } from '../job/reconcile.ts';
import type { CronJobOps } from './execute.ts';
import { executeCronJobPlan } from './execute.ts';
import { activeNotIn, reconcileCronJob } from './reconcile.ts';
import { parseStandard } from '../../core/cron/index.ts';
import { nextScheduleTimeDuration } from './times.ts';
import type { CronJob } from './types.ts';

/**
 * time.Local of kube-controller-manager. kind's and minikube's run in UTC containers, so schedules
 * without spec.timeZone are UTC here too, whatever this machine's zone.
 */
const LOCAL_TIME_ZONE = 'UTC';

export function startCronJobController(deps: ControllerDeps): RunningController {
  const cronJobs = deps.client.resource({
    group: 'batch',
    version: 'v1',
    resource: 'cronjobs',
    kind: 'CronJob',
    namespaced: true,
  });
  const jobs = resourceClientFor(deps.client, 'jobs');
  const cronJobInformer = deps.informers.informer(cronJobs) as Informer<CronJob>;
  const jobInformer = deps.informers.informer(jobs) as Informer<Job>;
  const recorder = deps.recorder('cronjob-controller');
  const expectations = new Expectations(deps.clock);
  // Delayed enqueues after a schedule change (the work queue's addAfter is not exposed to register).
  const timers = new Set<Timer>();
  let stopped = false;

  const running = runController(deps, {
    name: 'cronjob',
    informers: [cronJobInformer, jobInformer],
    register(enqueue) {
      const enqueueAfter = (key: string, ms: number) => {
        if (stopped) return;
        const timer = deps.clock.setTimeout(
          () => {
            timers.delete(timer);
            enqueue(key);
          },
          Math.max(0, ms),
        );
        timers.add(timer);
      };
      cronJobInformer.addEventHandler({
        add: (cj) => enqueue(objectKey(cj)),
        delete: (cj) => enqueue(objectKey(cj)),
        update(old, cur) {
          // updateCronJob: a new schedule or zone waits for its next time; other edits sync now.
          if (old.spec.schedule === cur.spec.schedule && old.spec.timeZone === cur.spec.timeZone) {
            enqueue(objectKey(cur));
            return;
          }
          const tz = typeof cur.spec.timeZone === 'string' ? `TZ=${cur.spec.timeZone} ` : '';
          const parsed = parseStandard(
            cur.spec.schedule.includes('TZ') ? cur.spec.schedule : tz + cur.spec.schedule,
            LOCAL_TIME_ZONE,
          );
          if ('error' in parsed) {
            recorder.event(
              cur,
              'Warning',
              'UnParseableCronJobSchedule',
              `unparseable schedule for cronjob: ${cur.spec.schedule}`,
            );
            return;
          }
          const ms = nextScheduleTimeDuration(cur, deps.clock.now(), parsed.schedule);
          if (ms !== undefined) enqueueAfter(objectKey(cur), ms);
        },
      });
      const job = (j: Job) => {
        const k = ownerKey(j, 'CronJob');
        if (k) enqueue(k);
      };
      jobInformer.addEventHandler({
        add: job,
        update(old, cur) {
          if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
          if (controllerOf(old)?.uid !== controllerOf(cur)?.uid) job(old);
          job(cur);
        },
        delete: job,
      });
    },
    async reconcile(key) {
      const cronJob = cronJobInformer.get(key);
      if (!cronJob) {
        expectations.forget(key);
        return;
      }
      if (!expectations.satisfied(key)) return { requeueAfterMs: 1000 };
      const { namespace } = splitKey(key);
      // getJobsToBeReconciled: every Job whose controllerRef names this CronJob, labels or not.
      const owned = jobInformer.list().filter((j) => {
        const ref = controllerOf(j);
        return (
          j.metadata.namespace === namespace && ref?.kind === 'CronJob' && ref.name === cronJob.metadata.name
        );
      });
      // An active Job missing from the cache is looked up, so a slow watch does not drop it.
      const goneActive = new Set<string>();
      for (const ref of activeNotIn(cronJob, owned)) {
        try {
          await jobs.get(ref.name ?? '', { namespace: ref.namespace ?? namespace });
        } catch (err) {
          if (!(err instanceof ApiError && err.code === 'NOT_FOUND')) throw err;
          goneActive.add(ref.uid ?? '');
        }
      }
      const plan = reconcileCronJob({
        cronJob,
        jobs: owned,
        now: deps.clock.now(),
        goneActive,
        localTimeZone: LOCAL_TIME_ZONE,
      });
      const ops: CronJobOps = {
        async apply(actions) {
          for (const w of await applyActions(deps.client, recorder, actions)) {
            if (w.action.type === 'delete')
              expectations.expectDelete(key, jobInformer, `${w.namespace}/${w.name}`, w.uid);
          }
        },
        createJob: async (j) => {
          const created = (await jobs.create(j)) as Job;
          expectations.expectWrite(key, jobInformer, objectKey(created), created);
          return created;
        },
        getJob: async (ns, name) => (await jobs.get(name, { namespace: ns })) as Job,
        updateStatus: async (cj) => {
          const written = (await cronJobs.updateStatus(cj)) as CronJob;
          expectations.expectWrite(key, cronJobInformer, key, written);
          return written;
        },
        event: (about, type, reason, message) => recorder.event(about, type, reason, message),
      };
      await executeCronJobPlan(ops, cronJob, plan);
      return plan.requeueAfterMs === undefined
        ? undefined
        : { requeueAfterMs: Math.max(0, plan.requeueAfterMs) };
    },
  });
  return {
    ...running,
    async stop() {
      stopped = true;
      for (const t of timers) t.cancel();
      timers.clear();
      await running.stop();
    },
  };
}
