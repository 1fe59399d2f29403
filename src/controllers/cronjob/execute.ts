/**
 * Carries out a CronJob plan in upstream's order (k8s: cronjob_controllerv2.go sync): the deletes
 * and events, then the create of the due Job (SuccessfulCreate; on AlreadyExists the Job is taken
 * into status.active only if this CronJob controls it and it is not there yet), then one status
 * write. The operations are injected: the adapter passes the API client, story tests an in-memory
 * cluster.
 */
import type { KubeObject } from '../../core/index.ts';
import type { Action } from '../common/actions.ts';
import { isControlledBy } from '../common/owners.ts';
import type { Job } from '../job/reconcile.ts';
import type { CronJobPlan } from './reconcile.ts';
import { statusWithCreated } from './reconcile.ts';
import type { CronJob } from './types.ts';

export interface CronJobOps {
  /** Performs deletes and events in order, stopping at the first failure (common/apply.ts). */
  apply(actions: Action[]): Promise<void>;
  createJob(job: Job): Promise<Job>;
  getJob(namespace: string, name: string): Promise<Job>;
  updateStatus(cronJob: CronJob): Promise<CronJob>;
  event(about: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void;
}

export interface Executed {
  created?: Job;
  statusWritten?: CronJob;
}

const codeOf = (err: unknown) => (err as { code?: unknown } | undefined)?.code;

export async function executeCronJobPlan(ops: CronJobOps, cj: CronJob, plan: CronJobPlan): Promise<Executed> {
  await ops.apply(plan.actions);
  let status = plan.status;
  let changed = plan.statusChanged;
  const out: Executed = {};
  if (plan.create) {
    const { job, scheduledTime } = plan.create;
    let created: Job | undefined;
    try {
      created = await ops.createJob(job);
      out.created = created;
      ops.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${created.metadata.name}`);
    } catch (err) {
      if (codeOf(err) !== 'ALREADY_EXISTS') {
        // Namespace termination included: the create is retried with the key's backoff.
        if (codeOf(err) !== 'CONFLICT')
          ops.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${(err as Error).message}`);
        throw err;
      }
      // We created it before and lost the status write: take it back into the active list.
      const existing = await ops.getJob(job.metadata.namespace ?? '', job.metadata.name ?? '');
      const known = (status.active ?? []).some((r) => r.uid === existing.metadata.uid);
      if (isControlledBy(existing, cj) && !known) created = existing;
    }
    if (created) {
      status = statusWithCreated(status, created, scheduledTime);
      changed = true;
    }
  }
  if (changed) out.statusWritten = await ops.updateStatus({ ...cj, status });
  return out;
}
