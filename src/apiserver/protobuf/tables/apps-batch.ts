/**
 * Protobuf field tables for apps.v1, batch.v1, in the notation of ../schema.ts.
 * Derived from reading kubernetes/api@v0.32.4 apps/v1, kubernetes/api@v0.32.4 batch/v1: generated.proto (field numbers, wire types) and types.go (json names,
 * omitempty, pointers, inline), for every message reachable from the kinds kubectl sends as protobuf.
 */
import type { PackageTable } from '../schema.ts';

export const APPS_V1: PackageTable = {
  Deployment: 'metadata=1:meta.v1.ObjectMeta spec=2:DeploymentSpec status=3:DeploymentStatus',
  DeploymentSpec:
    'replicas=1:i32? selector=2:meta.v1.LabelSelector? template=3:core.v1.PodTemplateSpec strategy=4:DeploymentStrategy minReadySeconds=5:i32 revisionHistoryLimit=6:i32? paused=7:b progressDeadlineSeconds=9:i32?',
  DeploymentStatus:
    'observedGeneration=1:i64 replicas=2:i32 updatedReplicas=3:i32 readyReplicas=7:i32 availableReplicas=4:i32 unavailableReplicas=5:i32 conditions=6:DeploymentCondition[] collisionCount=8:i32?',
  DeploymentStrategy: 'type=1:s rollingUpdate=2:RollingUpdateDeployment?',
  DeploymentCondition:
    'type=1:s! status=2:s! lastUpdateTime=6:meta.v1.Time lastTransitionTime=7:meta.v1.Time reason=4:s message=5:s',
  RollingUpdateDeployment: 'maxUnavailable=1:intstr.IntOrString? maxSurge=2:intstr.IntOrString?',
};

export const BATCH_V1: PackageTable = {
  Job: 'metadata=1:meta.v1.ObjectMeta spec=2:JobSpec status=3:JobStatus',
  CronJob: 'metadata=1:meta.v1.ObjectMeta spec=2:CronJobSpec status=3:CronJobStatus',
  JobSpec:
    'parallelism=1:i32? completions=2:i32? activeDeadlineSeconds=3:i64? podFailurePolicy=11:PodFailurePolicy? successPolicy=16:SuccessPolicy? backoffLimit=7:i32? backoffLimitPerIndex=12:i32? maxFailedIndexes=13:i32? selector=4:meta.v1.LabelSelector? manualSelector=5:b? template=6:core.v1.PodTemplateSpec ttlSecondsAfterFinished=8:i32? completionMode=9:s? suspend=10:b? podReplacementPolicy=14:s? managedBy=15:s?',
  JobStatus:
    'conditions=1:JobCondition[] startTime=2:meta.v1.Time? completionTime=3:meta.v1.Time? active=4:i32 succeeded=5:i32 failed=6:i32 terminating=11:i32? completedIndexes=7:s failedIndexes=10:s? uncountedTerminatedPods=8:UncountedTerminatedPods? ready=9:i32?',
  CronJobSpec:
    'schedule=1:s! timeZone=8:s? startingDeadlineSeconds=2:i64? concurrencyPolicy=3:s suspend=4:b? jobTemplate=5:JobTemplateSpec successfulJobsHistoryLimit=6:i32? failedJobsHistoryLimit=7:i32?',
  CronJobStatus:
    'active=1:core.v1.ObjectReference[] lastScheduleTime=4:meta.v1.Time? lastSuccessfulTime=5:meta.v1.Time?',
  PodFailurePolicy: 'rules=1:PodFailurePolicyRule[]',
  SuccessPolicy: 'rules=1:SuccessPolicyRule[]',
  JobCondition:
    'type=1:s! status=2:s! lastProbeTime=3:meta.v1.Time lastTransitionTime=4:meta.v1.Time reason=5:s message=6:s',
  UncountedTerminatedPods: 'succeeded=1:s[] failed=2:s[]',
  JobTemplateSpec: 'metadata=1:meta.v1.ObjectMeta spec=2:JobSpec',
  PodFailurePolicyRule:
    'action=1:s! onExitCodes=2:PodFailurePolicyOnExitCodesRequirement? onPodConditions=3:PodFailurePolicyOnPodConditionsPattern[]',
  SuccessPolicyRule: 'succeededIndexes=1:s? succeededCount=2:i32?',
  PodFailurePolicyOnExitCodesRequirement: 'containerName=1:s? operator=2:s! values=3:i32[]',
  PodFailurePolicyOnPodConditionsPattern: 'type=1:s! status=2:s!',
};
