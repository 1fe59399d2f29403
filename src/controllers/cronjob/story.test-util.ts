/**
 * A CronJob story harness: one CronJob, the Jobs of a testing/sim.ts cluster, a fake clock the test
 * moves, and `sync()` running reconcile + the plan executor as the adapter does. The test plays the
 * Job controller (`finish`). Test support only.
 */
import type { KubeObject } from '../../core/index.ts';
import type { Condition } from '../common/types.ts';
import { metaTime } from '../common/time.ts';
import type { Job } from '../job/reconcile.ts';
import { Sim } from '../testing/sim.ts';
import type { CronJobOps } from './execute.ts';
import { executeCronJobPlan } from './execute.ts';
import type { CronJobPlan } from './reconcile.ts';
import { activeNotIn, reconcileCronJob } from './reconcile.ts';
import type { CronJob } from './types.ts';

export function cronJob(spec: Partial<CronJob['spec']> = {}, created = '2026-01-01T00:00:00Z'): CronJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: {
      name: 'cj',
      namespace: 'default',
      uid: 'cj-uid',
      creationTimestamp: created,
      resourceVersion: '1',
    },
    spec: {
      schedule: '*/1 * * * *',
      concurrencyPolicy: 'Allow',
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: {
        spec: {
          template: { spec: { containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'OnFailure' } },
        },
      },
      ...spec,
    },
  };
}

export class CronStory {
  readonly sim = new Sim();
  cj: CronJob;
  lastPlan?: CronJobPlan;
  /** Each sync's requeue delay, in order. */
  readonly requeues: (number | undefined)[] = [];

  constructor(cj: CronJob, start: string) {
    this.cj = cj;
    this.sim.clock.advance(Date.parse(start) - this.sim.clock.now().getTime());
  }

  get now(): Date {
    return this.sim.clock.now();
  }

  jobs(): Job[] {
    return this.sim.list<Job>('jobs');
  }

  jobNames(): string[] {
    return this.jobs()
      .map((j) => j.metadata.name ?? '')
      .sort();
  }

  /** Events about the CronJob since the last call, as `Reason: message`. */
  #seen = 0;
  newEvents(): string[] {
    const out = this.sim.events.slice(this.#seen).map((e) => `${e.reason}: ${e.message}`);
    this.#seen = this.sim.events.length;
    return out;
  }

  advanceTo(iso: string): void {
    this.sim.clock.advance(Date.parse(iso) - this.now.getTime());
  }

  async sync(): Promise<void> {
    const jobs = this.jobs();
    const names = new Set(jobs.map((j) => j.metadata.uid));
    const goneActive = new Set(
      activeNotIn(this.cj, jobs)
        .filter((r) => !names.has(r.uid))
        .map((r) => r.uid ?? ''),
    );
    const plan = reconcileCronJob({ cronJob: this.cj, jobs, now: this.now, goneActive });
    this.lastPlan = plan;
    this.requeues.push(plan.requeueAfterMs);
    const sim = this.sim;
    const event = (about: KubeObject, type: string, reason: string, message: string) =>
      sim.events.push({ kind: about.kind, name: about.metadata.name ?? '', type, reason, message });
    const ops: CronJobOps = {
      apply: (actions) =>
        sim.apply(actions) === actions.length ? Promise.resolve() : Promise.reject(new Error('apply failed')),
      createJob: (job) => Promise.resolve().then(() => sim.create('jobs', job) as Job),
      getJob: (_ns, name) => {
        const j = sim.get<Job>('jobs', name);
        return j
          ? Promise.resolve(j)
          : Promise.reject(Object.assign(new Error('not found'), { code: 'NOT_FOUND' }));
      },
      updateStatus: (cj) => {
        this.cj = structuredClone(cj);
        return Promise.resolve(this.cj);
      },
      event,
    };
    await executeCronJobPlan(ops, this.cj, plan);
  }

  /** The Job controller's part: the Job starts now (status.startTime). */
  start(name: string): void {
    const j = this.sim.get<Job>('jobs', name)!;
    j.status = { ...j.status, startTime: metaTime(this.now), active: 1 };
  }

  /** The Job controller's part: the Job finishes now with Complete or Failed. */
  finish(name: string, type: 'Complete' | 'Failed'): void {
    const j = this.sim.get<Job>('jobs', name)!;
    const t = metaTime(this.now);
    const c: Condition = { type, status: 'True', lastTransitionTime: t };
    j.status = { ...j.status, startTime: j.status?.startTime ?? t, conditions: [c] };
    delete j.status.active;
    if (type === 'Complete') j.status.completionTime = t;
  }
}
