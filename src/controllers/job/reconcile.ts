/**
 * The Job controller's sync for NonIndexed Jobs as a pure function (k8s: pkg/controller/job/
 * job_controller.go syncJob/manageJob, backoff_utils.go): keep `parallelism` pods running until
 * `completions` have succeeded, fail past backoffLimit or activeDeadlineSeconds, and (1.31+) add
 * SuccessCriteriaMet/FailureTarget before the terminal Complete/Failed once no pod is still running.
 */
import type { KubeObject } from '../../core/index.ts';
import type { Action, ReconcileOutput } from '../common/actions.ts';
import { adoptPatch, claimDecision, controllerRef } from '../common/owners.ts';
import { isPodActive, isPodReady } from '../common/pods.ts';
import type { LabelSelector } from '../common/selector.ts';
import { selectorMatches } from '../common/selector.ts';
import { metaTime } from '../common/time.ts';
import type { Condition, Pod, PodTemplate } from '../common/types.ts';
import { podsToDelete } from '../replicaset/pod-ranking.ts';

export interface Job extends KubeObject {
  spec: {
    parallelism?: number;
    completions?: number | null;
    backoffLimit?: number;
    activeDeadlineSeconds?: number;
    suspend?: boolean;
    selector?: LabelSelector;
    template: PodTemplate;
  };
  status?: {
    startTime?: string;
    completionTime?: string;
    active?: number;
    succeeded?: number;
    failed?: number;
    ready?: number;
    terminating?: number;
    conditions?: Condition[];
    uncountedTerminatedPods?: Record<string, unknown>;
  };
}

export interface JobInput {
  job: Job;
  /** Pods in the Job's namespace. */
  pods: Pod[];
  now: Date;
  needsSync?: boolean;
}

/** DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff. */
const BACKOFF_BASE_MS = 10_000;
const BACKOFF_MAX_MS = 360_000;

const finished = (job: Job) =>
  job.status?.conditions?.some(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  ) ?? false;

function restarts(pod: Pod): number {
  const all = [
    ...(pod.status?.containerStatuses ?? []),
    ...((pod.status?.initContainerStatuses as { restartCount?: number }[]) ?? []),
  ];
  return all.reduce((n, c) => n + (c.restartCount ?? 0), 0);
}

function finishedAt(pod: Pod): number {
  let t = 0;
  for (const c of pod.status?.containerStatuses ?? []) {
    const f = (c.state as { terminated?: { finishedAt?: string } } | undefined)?.terminated?.finishedAt;
    if (f) t = Math.max(t, Date.parse(f));
  }
  return t;
}

export function jobPod(job: Job): Pod {
  const t = job.spec.template;
  const metadata: Pod['metadata'] = {
    generateName: `${job.metadata.name}-`,
    namespace: job.metadata.namespace,
    labels: { ...(t.metadata?.labels ?? {}) },
    ownerReferences: [controllerRef(job)],
  };
  if (t.metadata?.annotations) metadata.annotations = { ...t.metadata.annotations };
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: structuredClone(t.spec) };
}

function cond(type: string, reason: string, message: string, now: Date): Condition {
  const t = metaTime(now);
  return { type, status: 'True', lastProbeTime: t, lastTransitionTime: t, reason, message };
}

export function reconcileJob(input: JobInput): ReconcileOutput {
  const { job, now } = input;
  const actions: Action[] = [];
  if (finished(job) || !job.spec.selector) return { actions };

  const owned: Pod[] = [];
  for (const pod of input.pods) {
    const d = claimDecision(pod, job, selectorMatches(job.spec.selector, pod.metadata.labels));
    if (d === 'adopt') {
      actions.push({
        type: 'patch',
        resource: 'pods',
        namespace: pod.metadata.namespace ?? '',
        name: pod.metadata.name ?? '',
        body: adoptPatch(pod, job),
      });
      owned.push(pod);
    } else if (d === 'own') owned.push(pod);
  }
  const active = owned.filter(isPodActive);
  const terminating = owned.filter(
    (p) => p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
  );
  const succeeded = Math.max(
    job.status?.succeeded ?? 0,
    owned.filter((p) => p.status?.phase === 'Succeeded').length,
  );
  const failed = Math.max(job.status?.failed ?? 0, owned.filter((p) => p.status?.phase === 'Failed').length);
  const parallelism = job.spec.parallelism ?? 1;
  const completions = job.spec.completions === null ? undefined : (job.spec.completions ?? 1);
  const backoffLimit = job.spec.backoffLimit ?? 6;
  const startTime = job.status?.startTime ?? (job.spec.suspend ? undefined : metaTime(now));
  const conditions = [...(job.status?.conditions ?? [])];
  const has = (type: string) => conditions.some((c) => c.type === type && c.status === 'True');

  // Failure: too many failed pods (Never), too many restarts (OnFailure), or past the deadline.
  let failure: { reason: string; message: string } | undefined;
  const restartPolicy = job.spec.template.spec.restartPolicy;
  // pastBackoffLimitOnFailure: container restarts of running/pending pods count as failures.
  const restartSum = owned
    .filter((p) => p.status?.phase === 'Running' || p.status?.phase === 'Pending')
    .reduce((n, p) => n + restarts(p), 0);
  const pastOnFailure =
    restartPolicy === 'OnFailure' && (backoffLimit === 0 ? restartSum > 0 : restartSum >= backoffLimit);
  if (failed > backoffLimit || pastOnFailure) {
    failure = { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
  } else if (
    job.spec.activeDeadlineSeconds !== undefined &&
    startTime &&
    Date.parse(startTime) + job.spec.activeDeadlineSeconds * 1000 <= now.getTime()
  ) {
    failure = { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
  }
  const complete =
    !failure && (completions !== undefined ? succeeded >= completions : succeeded > 0 && active.length === 0);

  let requeueAfterMs: number | undefined;
  let activeCount = active.length;
  const events: Action[] = [];
  if (failure || complete) {
    if (!has(failure ? 'FailureTarget' : 'SuccessCriteriaMet')) {
      conditions.push(
        failure
          ? cond('FailureTarget', failure.reason, failure.message, now)
          : cond(
              'SuccessCriteriaMet',
              'CompletionsReached',
              'Reached expected number of succeeded pods',
              now,
            ),
      );
    }
    for (const pod of active) {
      actions.push({
        type: 'delete',
        resource: 'pods',
        namespace: pod.metadata.namespace ?? '',
        name: pod.metadata.name ?? '',
        uid: pod.metadata.uid,
      });
    }
    activeCount = 0;
    // The terminal condition waits until no pod of the Job is still running.
    if (active.length === 0 && terminating.length === 0) {
      if (failure) {
        conditions.push(cond('Failed', failure.reason, failure.message, now));
        events.push({
          type: 'event',
          event: { about: job, type: 'Warning', reason: failure.reason, message: failure.message },
        });
      } else {
        conditions.push(
          cond('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods', now),
        );
        events.push({
          type: 'event',
          event: { about: job, type: 'Normal', reason: 'Completed', message: 'Job completed' },
        });
      }
    }
  } else if (input.needsSync !== false && !job.spec.suspend) {
    const want =
      completions === undefined
        ? succeeded > 0
          ? active.length
          : parallelism
        : Math.max(0, Math.min(parallelism, completions - succeeded));
    if (active.length > want) {
      for (const pod of podsToDelete(active, active.length - want, now)) {
        actions.push({
          type: 'delete',
          resource: 'pods',
          namespace: pod.metadata.namespace ?? '',
          name: pod.metadata.name ?? '',
          uid: pod.metadata.uid,
        });
      }
    } else if (active.length < want) {
      // Exponential backoff after pod failures, from the last failure (backoff_utils.go).
      const failedPods = owned.filter((p) => p.status?.phase === 'Failed');
      const last = Math.max(0, ...failedPods.map(finishedAt));
      const delay = failedPods.length
        ? Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (failedPods.length - 1))
        : 0;
      const wait = last ? last + delay - now.getTime() : 0;
      if (wait > 0) requeueAfterMs = wait;
      else {
        for (let i = active.length; i < Math.min(want, active.length + 500); i++) {
          actions.push({
            type: 'create',
            resource: 'pods',
            object: jobPod(job),
            onSuccess: {
              about: job,
              type: 'Normal',
              reason: 'SuccessfulCreate',
              message: 'Created pod: {name}',
            },
            onFailure: {
              about: job,
              type: 'Warning',
              reason: 'FailedCreate',
              message: 'Error creating: {error}',
            },
          });
        }
      }
    }
    if (job.spec.activeDeadlineSeconds !== undefined && startTime) {
      const left = Date.parse(startTime) + job.spec.activeDeadlineSeconds * 1000 - now.getTime();
      requeueAfterMs = Math.min(requeueAfterMs ?? left, left);
    }
  }

  const status: NonNullable<Job['status']> = {};
  if (conditions.length) status.conditions = conditions;
  if (startTime) status.startTime = startTime;
  if (complete && active.length === 0 && terminating.length === 0)
    status.completionTime = job.status?.completionTime ?? metaTime(now);
  if (activeCount) status.active = activeCount;
  if (succeeded) status.succeeded = succeeded;
  if (failed) status.failed = failed;
  status.terminating = terminating.length;
  status.uncountedTerminatedPods = {};
  status.ready = active.filter(isPodReady).length;
  const norm = (s: Job['status']) => JSON.stringify({ ...s, conditions: s?.conditions ?? [] });
  if (norm(status) !== norm({ ...job.status }))
    actions.push({ type: 'updateStatus', resource: 'jobs', object: { ...job, status } });
  actions.push(...events);
  return requeueAfterMs === undefined ? { actions } : { actions, requeueAfterMs };
}
