/**
 * apps/v1 and batch/v1 defaults (k8s: pkg/apis/apps/v1/defaults.go, pkg/apis/batch/v1/defaults.go,
 * pkg/registry/batch/job/strategy.go generateSelector).
 */
import type { Rec } from '../util.ts';
import { ensure, rec, setDefault, setDefaultString, str } from '../util.ts';
import { defaultPodTemplate } from './pod.ts';

export function defaultDeployment(d: Rec): void {
  const spec = ensure(d, 'spec');
  setDefault(spec, 'replicas', 1);
  const strategy = ensure(spec, 'strategy');
  setDefaultString(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const ru = ensure(strategy, 'rollingUpdate');
    setDefault(ru, 'maxUnavailable', '25%');
    setDefault(ru, 'maxSurge', '25%');
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  setDefault(spec, 'progressDeadlineSeconds', 600);
  defaultPodTemplate(ensure(spec, 'template'));
}

export function defaultReplicaSet(rs: Rec): void {
  const spec = ensure(rs, 'spec');
  setDefault(spec, 'replicas', 1);
  defaultPodTemplate(ensure(spec, 'template'));
}

export function defaultDaemonSet(ds: Rec): void {
  const spec = ensure(ds, 'spec');
  const strategy = ensure(spec, 'updateStrategy');
  setDefaultString(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const ru = ensure(strategy, 'rollingUpdate');
    setDefault(ru, 'maxUnavailable', 1);
    setDefault(ru, 'maxSurge', 0);
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  defaultPodTemplate(ensure(spec, 'template'));
}

export function defaultStatefulSet(ss: Rec): void {
  const spec = ensure(ss, 'spec');
  setDefault(spec, 'replicas', 1);
  setDefaultString(spec, 'podManagementPolicy', 'OrderedReady');
  const strategy = ensure(spec, 'updateStrategy');
  setDefaultString(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') setDefault(ensure(strategy, 'rollingUpdate'), 'partition', 0);
  setDefault(spec, 'revisionHistoryLimit', 10);
  const retention = ensure(spec, 'persistentVolumeClaimRetentionPolicy');
  setDefaultString(retention, 'whenDeleted', 'Retain');
  setDefaultString(retention, 'whenScaled', 'Retain');
  defaultPodTemplate(ensure(spec, 'template'));
}

const CONTROLLER_UID = 'batch.kubernetes.io/controller-uid';
const JOB_NAME = 'batch.kubernetes.io/job-name';
const CONTROLLER_UID_LEGACY = 'controller-uid';
const JOB_NAME_LEGACY = 'job-name';

export function defaultJob(job: Rec, creating: boolean): void {
  const spec = ensure(job, 'spec');
  if ((spec.completions ?? null) === null && (spec.parallelism ?? null) === null) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  setDefault(spec, 'parallelism', 1);
  setDefault(spec, 'backoffLimit', 6);
  setDefaultString(spec, 'completionMode', 'NonIndexed');
  setDefault(spec, 'suspend', false);
  setDefaultString(spec, 'podReplacementPolicy', spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed');
  const template = ensure(spec, 'template');
  defaultPodTemplate(template);
  // batch/v1 SetDefaults_Job: a Job without labels takes its template's labels (before generateSelector adds more).
  const meta = ensure(job, 'metadata');
  const templateLabels = rec(rec(template.metadata).labels);
  if (Object.keys(templateLabels).length && !Object.keys(rec(meta.labels)).length)
    meta.labels = { ...templateLabels };
  const uid = rec(job.metadata).uid;
  // Job strategy PrepareForCreate: unless manualSelector, label the template with the controller uid and
  // select on it (both the batch.kubernetes.io/ keys and the legacy ones, as 1.27+ does).
  if (creating && spec.manualSelector !== true && typeof uid === 'string' && uid) {
    const name = str(rec(job.metadata).name);
    const labels = ensure(ensure(template, 'metadata'), 'labels');
    for (const [k, v] of [
      [JOB_NAME_LEGACY, name],
      [JOB_NAME, name],
      [CONTROLLER_UID_LEGACY, uid],
      [CONTROLLER_UID, uid],
    ])
      setDefault(labels, k as string, v);
    setDefault(ensure(ensure(spec, 'selector'), 'matchLabels'), CONTROLLER_UID, uid);
  }
}

export function defaultCronJob(cj: Rec): void {
  const spec = ensure(cj, 'spec');
  setDefaultString(spec, 'concurrencyPolicy', 'Allow');
  setDefault(spec, 'suspend', false);
  setDefault(spec, 'successfulJobsHistoryLimit', 3);
  setDefault(spec, 'failedJobsHistoryLimit', 1);
  const jobTemplateSpec = ensure(ensure(spec, 'jobTemplate'), 'spec');
  setDefault(jobTemplateSpec, 'backoffLimit', 6);
  setDefaultString(jobTemplateSpec, 'completionMode', 'NonIndexed');
  setDefault(jobTemplateSpec, 'suspend', false);
  defaultPodTemplate(ensure(jobTemplateSpec, 'template'));
}
