/**
 * The CronJob controller's sync as a pure function (k8s: pkg/controller/cronjob/cronjob_controllerv2.go
 * sync, cleanupFinishedJobs, syncCronJob, formatSchedule; utils.go getJobFromTemplate2): from the
 * CronJob, the Jobs it controls and `now`, the deletes and events it intends, the Job to create for
 * the due schedule, the status to write and when to look again. The adapter (execute.ts) creates
 * the Job and only then adds it to status.active, because the reference carries the Job's uid.
 */
import type { Action } from '../common/actions.ts';
import { eventAction } from '../common/actions.ts';
import { metaTime } from '../common/time.ts';
import type { Job } from '../job/reconcile.ts';
import type { Schedule } from '../../core/cron/index.ts';
import { nextScheduleTime, nextScheduleTimeDuration } from './times.ts';
import type { CronJob, CronJobStatus, ObjectReference } from './types.ts';
import { formatRfc1123zUtc, formatRfc3339, loadLocation, parseStandard } from '../../core/cron/index.ts';

/** batchv1.CronJobScheduledTimestampAnnotation. */
export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

export interface CronJobInput {
  cronJob: CronJob;
  /** Jobs in the CronJob's namespace whose controllerRef names it (getJobsToBeReconciled). */
  jobs: Job[];
  now: Date;
  /**
   * uids of status.active entries the API confirmed gone: the adapter GETs each active Job missing
   * from its cache first, as syncCronJob does, so a slow watch does not drop a running Job.
   */
  goneActive?: ReadonlySet<string>;
  /** time.Local of kube-controller-manager: the zone of a schedule without timeZone. Default UTC. */
  localTimeZone?: string;
}

export interface CronJobPlan {
  /** Deletes (history limits, Replace) and events, in upstream's order. */
  actions: Action[];
  /** The Job of the due schedule: create it, then add it to status.active with lastScheduleTime. */
  create?: { job: Job; scheduledTime: Date };
  /** The status after this sync, before any create. */
  status: CronJobStatus;
  statusChanged: boolean;
  /** When to sync again: the next schedule time + 100 ms. */
  requeueAfterMs?: number;
}

function finishedCondition(job: Job): 'Complete' | 'Failed' | undefined {
  const c = job.status?.conditions?.find(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );
  return c?.type as 'Complete' | 'Failed' | undefined;
}

/** byJobStartTime: started Jobs first, oldest first, names break ties. */
function byStartTime(a: Job, b: Job): number {
  const sa = a.status?.startTime;
  const sb = b.status?.startTime;
  if (!sa && sb) return 1;
  if (sa && !sb) return -1;
  if (sa === sb || (sa && sb && Date.parse(sa) === Date.parse(sb)))
    return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
  return Date.parse(sa!) - Date.parse(sb!);
}

/** getJobName: the CronJob's name and the scheduled time in minutes since the epoch. */
export function jobName(cj: CronJob, scheduledTime: Date): string {
  return `${cj.metadata.name}-${Math.floor(scheduledTime.getTime() / 60_000)}`;
}

/** getJobFromTemplate2. */
export function jobFromTemplate(cj: CronJob, scheduledTime: Date): Job {
  const t = cj.spec.jobTemplate;
  const tz = loadLocation(cj.spec.timeZone ?? '', 'UTC');
  const metadata: Job['metadata'] = {
    name: jobName(cj, scheduledTime),
    namespace: cj.metadata.namespace,
    labels: { ...(t.metadata?.labels ?? {}) },
    annotations: {
      ...(t.metadata?.annotations ?? {}),
      [SCHEDULED_TIMESTAMP_ANNOTATION]: formatRfc3339(scheduledTime, 'zone' in tz ? tz.zone : 'UTC'),
    },
    ownerReferences: [
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        name: cj.metadata.name ?? '',
        uid: cj.metadata.uid ?? '',
        controller: true,
        blockOwnerDeletion: true,
      },
    ],
  };
  return { apiVersion: 'batch/v1', kind: 'Job', metadata, spec: structuredClone(t.spec) };
}

/** ref.GetReference of a created Job, as status.active holds it. */
export function jobReference(job: Job): ObjectReference {
  const m = job.metadata;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    name: m.name,
    namespace: m.namespace,
    uid: m.uid,
    resourceVersion: m.resourceVersion,
  };
}

/** status.active entries whose Job is not among `jobs`: the adapter asks the API about these. */
export function activeNotIn(cj: CronJob, jobs: Job[]): ObjectReference[] {
  const uids = new Set(jobs.map((j) => j.metadata.uid));
  return (cj.status?.active ?? []).filter((r) => !uids.has(r.uid));
}

function deleteJobAction(cj: CronJob, namespace: string, name: string): Action {
  return {
    type: 'delete',
    resource: 'jobs',
    namespace,
    name,
    onSuccess: { about: cj, type: 'Normal', reason: 'SuccessfulDelete', message: 'Deleted job {name}' },
    onFailure: { about: cj, type: 'Warning', reason: 'FailedDelete', message: 'Deleted job: {error}' },
  };
}

export function reconcileCronJob(input: CronJobInput): CronJobPlan {
  const { cronJob: cj, jobs, now } = input;
  const local = input.localTimeZone ?? 'UTC';
  const status: CronJobStatus = structuredClone(cj.status ?? {});
  const actions: Action[] = [];
  let changed = false;
  const dropActive = (uid: string | undefined) => {
    const rest = (status.active ?? []).filter((r) => r.uid !== uid);
    if (rest.length) status.active = rest;
    else delete status.active;
  };
  const inActive = (uid: string | undefined) => (status.active ?? []).some((r) => r.uid === uid);
  const plan = (requeueAfterMs?: number): CronJobPlan => ({
    actions,
    status,
    statusChanged: changed,
    ...(requeueAfterMs === undefined ? {} : { requeueAfterMs }),
  });

  // cleanupFinishedJobs: keep the newest N successful and failed Jobs.
  const limits = { Complete: cj.spec.successfulJobsHistoryLimit, Failed: cj.spec.failedJobsHistoryLimit };
  for (const kind of ['Complete', 'Failed'] as const) {
    const limit = limits[kind];
    if (typeof limit !== 'number') continue;
    const finished = jobs.filter((j) => finishedCondition(j) === kind).sort(byStartTime);
    for (const j of finished.slice(0, Math.max(0, finished.length - limit))) {
      actions.push(deleteJobAction(cj, j.metadata.namespace ?? '', j.metadata.name ?? ''));
      dropActive(j.metadata.uid);
      changed = true;
    }
  }

  // syncCronJob: reconcile status.active and lastSuccessfulTime with the Jobs seen.
  for (const j of jobs) {
    const found = inActive(j.metadata.uid);
    const finished = finishedCondition(j);
    if (!found && !finished) {
      // Created by us before a lost status write, or by someone who wants us to adopt it.
      actions.push(
        eventAction(
          cj,
          'Warning',
          'UnexpectedJob',
          `Saw a job that the controller did not create or forgot: ${j.metadata.name}`,
        ),
      );
    } else if (found && finished) {
      dropActive(j.metadata.uid);
      actions.push(
        eventAction(
          cj,
          'Normal',
          'SawCompletedJob',
          `Saw completed job: ${j.metadata.name}, status: ${finished}`,
        ),
      );
      changed = true;
    } else if (finished === 'Complete') {
      const done = j.status?.completionTime;
      if (done && (!status.lastSuccessfulTime || Date.parse(done) > Date.parse(status.lastSuccessfulTime))) {
        status.lastSuccessfulTime = done;
        changed = true;
      }
    }
  }
  for (const ref of activeNotIn(cj, jobs)) {
    if (!input.goneActive?.has(ref.uid ?? '') || !inActive(ref.uid)) continue;
    actions.push(eventAction(cj, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`));
    dropActive(ref.uid);
    changed = true;
  }

  if (cj.metadata.deletionTimestamp) return plan();
  if (cj.spec.timeZone !== undefined && cj.spec.timeZone !== null) {
    const loc = loadLocation(cj.spec.timeZone, local);
    if ('error' in loc) {
      actions.push(
        eventAction(
          cj,
          'Warning',
          'UnknownTimeZone',
          `invalid timeZone: ${JSON.stringify(cj.spec.timeZone)}: ${loc.error}`,
        ),
      );
      return plan();
    }
  }
  if (cj.spec.suspend) return plan();

  const parsed = parseStandard(formatSchedule(cj, actions), local);
  if ('error' in parsed) {
    actions.push(
      eventAction(
        cj,
        'Warning',
        'UnparseableSchedule',
        `unparseable schedule: ${JSON.stringify(cj.spec.schedule)} : ${parsed.error}`,
      ),
    );
    return plan();
  }
  const sched: Schedule = parsed.schedule;
  const due = nextScheduleTime(cj, now, sched);
  if (due.tooManyMissed) {
    actions.push(
      eventAction(
        cj,
        'Warning',
        'TooManyMissedTimes',
        'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew',
      ),
    );
  }
  if (due.error) {
    actions.push(
      eventAction(cj, 'Warning', 'InvalidSchedule', `invalid schedule: ${cj.spec.schedule} : ${due.error}`),
    );
    return plan();
  }
  const requeue = () => nextScheduleTimeDuration({ ...cj, status }, now, sched);
  const scheduled = due.time;
  if (!scheduled) return plan(requeue());

  const sds = cj.spec.startingDeadlineSeconds;
  if (typeof sds === 'number' && scheduled.getTime() + sds * 1000 < now.getTime()) {
    actions.push(
      eventAction(
        cj,
        'Warning',
        'MissSchedule',
        `Missed scheduled time to start a job: ${formatRfc1123zUtc(scheduled)}`,
      ),
    );
    return plan(requeue());
  }
  const name = jobName(cj, scheduled);
  const last = status.lastScheduleTime ? Date.parse(status.lastScheduleTime) : NaN;
  if (
    (status.active ?? []).some((r) => r.name === name && r.namespace === cj.metadata.namespace) ||
    last === scheduled.getTime()
  ) {
    return plan(requeue());
  }
  if (cj.spec.concurrencyPolicy === 'Forbid' && (status.active?.length ?? 0) > 0) {
    // Which source of truth we use, an active Job can go unseen: Forbid is best effort, as upstream.
    actions.push(
      eventAction(
        cj,
        'Normal',
        'JobAlreadyActive',
        'Not starting job because prior execution is running and concurrency policy is Forbid',
      ),
    );
    return plan(requeue());
  }
  if (cj.spec.concurrencyPolicy === 'Replace') {
    for (const ref of status.active ?? []) {
      actions.push(deleteJobAction(cj, ref.namespace ?? cj.metadata.namespace ?? '', ref.name ?? ''));
      dropActive(ref.uid);
      changed = true;
    }
  }
  const after = { ...cj, status: { ...status, lastScheduleTime: metaTime(scheduled) } };
  return {
    ...plan(nextScheduleTimeDuration(after, now, sched)),
    create: { job: jobFromTemplate(cj, scheduled), scheduledTime: scheduled },
  };
}

/**
 * formatSchedule: a `TZ=` in spec.schedule is used as it is, with a warning (the API server refuses it
 * in new objects); otherwise a valid spec.timeZone becomes a `TZ=` prefix.
 */
function formatSchedule(cj: CronJob, actions: Action[]): string {
  if (cj.spec.schedule.includes('TZ')) {
    actions.push(
      eventAction(
        cj,
        'Warning',
        'UnsupportedSchedule',
        `CRON_TZ or TZ used in schedule ${JSON.stringify(cj.spec.schedule)} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`,
      ),
    );
    return cj.spec.schedule;
  }
  if (typeof cj.spec.timeZone === 'string' && 'zone' in loadLocation(cj.spec.timeZone, 'UTC')) {
    return `TZ=${cj.spec.timeZone} ${cj.spec.schedule}`;
  }
  return cj.spec.schedule;
}

/** The status after the Job of `scheduledTime` was created: in active, and the last schedule time. */
export function statusWithCreated(status: CronJobStatus, created: Job, scheduledTime: Date): CronJobStatus {
  return {
    ...status,
    active: [...(status.active ?? []), jobReference(created)],
    lastScheduleTime: metaTime(scheduledTime),
  };
}
