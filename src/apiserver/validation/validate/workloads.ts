/**
 * apps/v1 and batch/v1 validation (k8s: pkg/apis/apps/validation/validation.go ValidateDeploymentSpec,
 * ValidateDeploymentStrategy, ValidateRollingUpdateDeployment, ValidatePodTemplateSpecForReplicaSet,
 * ValidateDaemonSetSpec; pkg/apis/batch/validation/validation.go).
 */
import type { FieldError } from '../../../core/index.ts';
import { GoText, child, forbidden, intOrString, invalid, notSupported, required } from '../field-errors.ts';
import { validateAnnotations, validateLabels } from '../metadata.ts';
import { isValidPercent } from '../names.ts';
import type { Rec } from '../util.ts';
import { deepEqual, rec, strMap } from '../util.ts';
import { nonNegative } from './containers.ts';
import { validatePodSpec } from './pod-spec.ts';
import {
  goLabelSelector,
  goStringMap,
  selectorIsEmpty,
  selectorMatches,
  validateLabelSelector,
} from './selector.ts';

export function validatePodTemplateSpec(template: Rec, path: string): FieldError[] {
  const meta = rec(template.metadata);
  return [
    ...validateLabels(meta.labels, child(path, 'metadata', 'labels')),
    ...validateAnnotations(meta.annotations, child(path, 'metadata', 'annotations')),
    ...validatePodSpec(rec(template.spec), child(path, 'spec')),
  ];
}

/** Selector required, non-empty for apps kinds, and matching the template labels. */
function validateSelectorAndTemplate(
  spec: Rec,
  path: string,
  what: string,
  restartAlways: boolean,
): FieldError[] {
  const errs: FieldError[] = [];
  const selector = spec.selector;
  if (selector === undefined || selector === null) errs.push(required(child(path, 'selector'), ''));
  else {
    errs.push(...validateLabelSelector(rec(selector), child(path, 'selector')));
    if (selectorIsEmpty(rec(selector)))
      errs.push(
        invalid(
          child(path, 'selector'),
          goLabelSelector(rec(selector)),
          `empty selector is invalid for ${what}`,
        ),
      );
  }
  const template = rec(spec.template);
  const tpath = child(path, 'template');
  const labels = rec(template.metadata).labels;
  if (selector && !selectorIsEmpty(rec(selector)) && !selectorMatches(rec(selector), strMap(labels)))
    errs.push(
      invalid(
        child(tpath, 'metadata', 'labels'),
        goStringMap(labels),
        '`selector` does not match template `labels`',
      ),
    );
  errs.push(...validatePodTemplateSpec(template, tpath));
  const tspec = rec(template.spec);
  if (restartAlways && tspec.restartPolicy !== 'Always')
    errs.push(notSupported(child(tpath, 'spec', 'restartPolicy'), tspec.restartPolicy ?? '', ['Always']));
  if (restartAlways && tspec.activeDeadlineSeconds !== undefined && tspec.activeDeadlineSeconds !== null)
    errs.push(
      forbidden(
        child(tpath, 'spec', 'activeDeadlineSeconds'),
        `activeDeadlineSeconds in ${what === 'daemonset' ? 'DaemonSet' : 'ReplicaSet'} is not Supported`,
      ),
    );
  return errs;
}

/** ValidatePositiveIntOrPercent. */
function positiveIntOrPercent(v: unknown, path: string): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((m) => invalid(path, intOrString(v), m));
  if (typeof v === 'number') return nonNegative(v, path);
  // verbatim: kube passes this literal, with its doubled %, to field.Invalid
  return [invalid(path, intOrString(v), "must be an integer or percentage (e.g '5%%')")];
}

/** getIntOrPercentValue: the raw number, percent or not. */
const rawValue = (v: unknown): number =>
  typeof v === 'number' ? v : typeof v === 'string' ? Number.parseInt(v, 10) || 0 : 0;

function notMoreThan100Percent(v: unknown, path: string): FieldError[] {
  return typeof v === 'string' && v.endsWith('%') && rawValue(v) > 100
    ? [invalid(path, intOrString(v), 'must not be greater than 100%')]
    : [];
}

function validateDeploymentStrategy(strategy: Rec, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (strategy.type === 'Recreate') {
    if (strategy.rollingUpdate !== undefined && strategy.rollingUpdate !== null)
      errs.push(
        forbidden(child(path, 'rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'"),
      );
  } else if (strategy.type === 'RollingUpdate') {
    const ru = strategy.rollingUpdate;
    if (ru === undefined || ru === null)
      return [required(child(path, 'rollingUpdate'), 'this should be defaulted and never be nil')];
    const { maxUnavailable, maxSurge } = rec(ru);
    const p = child(path, 'rollingUpdate');
    errs.push(...positiveIntOrPercent(maxUnavailable, child(p, 'maxUnavailable')));
    errs.push(...positiveIntOrPercent(maxSurge, child(p, 'maxSurge')));
    if (rawValue(maxUnavailable) === 0 && rawValue(maxSurge) === 0)
      errs.push(
        invalid(child(p, 'maxUnavailable'), intOrString(maxUnavailable), 'may not be 0 when `maxSurge` is 0'),
      );
    errs.push(...notMoreThan100Percent(maxUnavailable, child(p, 'maxUnavailable')));
  } else {
    errs.push(notSupported(path, strategy.type ?? '', ['Recreate', 'RollingUpdate']));
  }
  return errs;
}

export function validateDeploymentSpec(spec: Rec, path = 'spec'): FieldError[] {
  const errs = nonNegative(spec.replicas, child(path, 'replicas'));
  errs.push(...validateSelectorAndTemplate(spec, path, 'deployment', true));
  errs.push(...validateDeploymentStrategy(rec(spec.strategy), child(path, 'strategy')));
  errs.push(...nonNegative(spec.minReadySeconds, child(path, 'minReadySeconds')));
  errs.push(...nonNegative(spec.revisionHistoryLimit, child(path, 'revisionHistoryLimit')));
  const pds = spec.progressDeadlineSeconds;
  if (typeof pds === 'number') {
    errs.push(...nonNegative(pds, child(path, 'progressDeadlineSeconds')));
    if (pds <= (typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0))
      errs.push(invalid(child(path, 'progressDeadlineSeconds'), pds, 'must be greater than minReadySeconds'));
  }
  return errs;
}

export function validateReplicaSetSpec(spec: Rec, path = 'spec'): FieldError[] {
  const errs = nonNegative(spec.replicas, child(path, 'replicas'));
  errs.push(...nonNegative(spec.minReadySeconds, child(path, 'minReadySeconds')));
  errs.push(...validateSelectorAndTemplate(spec, path, 'deployment', true));
  return errs;
}

/** ValidateRollingUpdateDaemonSet: exactly one of maxUnavailable and maxSurge is non-zero. */
function validateRollingUpdateDaemonSet(ru: Rec, p: string): FieldError[] {
  const errs = [
    ...positiveIntOrPercent(ru.maxUnavailable, child(p, 'maxUnavailable')),
    ...positiveIntOrPercent(ru.maxSurge, child(p, 'maxSurge')),
    ...notMoreThan100Percent(ru.maxUnavailable, child(p, 'maxUnavailable')),
    ...notMoreThan100Percent(ru.maxSurge, child(p, 'maxSurge')),
  ];
  const hasUnavailable = rawValue(ru.maxUnavailable) !== 0;
  const hasSurge = rawValue(ru.maxSurge) !== 0;
  if (hasUnavailable && hasSurge)
    errs.push(
      invalid(
        child(p, 'maxSurge'),
        intOrString(ru.maxSurge),
        'may not be set when maxUnavailable is non-zero',
      ),
    );
  if (!hasUnavailable && !hasSurge)
    errs.push(required(child(p, 'maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
  return errs;
}

export function validateDaemonSetSpec(spec: Rec, path = 'spec'): FieldError[] {
  const errs = validateSelectorAndTemplate(spec, path, 'daemonset', true);
  errs.push(...nonNegative(spec.minReadySeconds, child(path, 'minReadySeconds')));
  const strategy = rec(spec.updateStrategy);
  const sp = child(path, 'updateStrategy');
  if (strategy.type === 'RollingUpdate') {
    if (strategy.rollingUpdate === undefined || strategy.rollingUpdate === null)
      errs.push(required(child(sp, 'rollingUpdate'), ''));
    else
      errs.push(...validateRollingUpdateDaemonSet(rec(strategy.rollingUpdate), child(sp, 'rollingUpdate')));
  } else if (strategy.type !== 'OnDelete') {
    errs.push(notSupported(sp, strategy.type ?? '', ['RollingUpdate', 'OnDelete']));
  }
  errs.push(...nonNegative(spec.revisionHistoryLimit, child(path, 'revisionHistoryLimit')));
  return errs;
}

export function validateStatefulSetSpec(spec: Rec, path = 'spec'): FieldError[] {
  const errs = nonNegative(spec.replicas, child(path, 'replicas'));
  errs.push(...validateSelectorAndTemplate(spec, path, 'statefulset', true));
  return errs;
}

export function validateJobSpec(spec: Rec, path = 'spec'): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of [
    'parallelism',
    'completions',
    'activeDeadlineSeconds',
    'backoffLimit',
    'ttlSecondsAfterFinished',
  ])
    errs.push(...nonNegative(spec[f], child(path, f)));
  if (spec.manualSelector === true && (spec.selector === undefined || spec.selector === null))
    errs.push(required(child(path, 'selector'), ''));
  const template = rec(spec.template);
  const tpath = child(path, 'template');
  if (
    spec.selector &&
    !selectorIsEmpty(rec(spec.selector)) &&
    !selectorMatches(rec(spec.selector), strMap(rec(template.metadata).labels))
  )
    errs.push(
      invalid(
        child(tpath, 'metadata', 'labels'),
        goStringMap(rec(template.metadata).labels),
        '`selector` does not match template `labels`',
      ),
    );
  errs.push(...validatePodTemplateSpec(template, tpath));
  const restart = rec(template.spec).restartPolicy;
  if (restart !== 'OnFailure' && restart !== 'Never')
    errs.push(notSupported(child(tpath, 'spec', 'restartPolicy'), restart ?? '', ['OnFailure', 'Never']));
  return errs;
}

/** `spec.selector` never changes after create (apps/v1, batch/v1). */
export function validateSelectorImmutable(spec: Rec, oldSpec: Rec, path = 'spec'): FieldError[] {
  if (deepEqual(spec.selector ?? null, oldSpec.selector ?? null)) return [];
  return [invalid(child(path, 'selector'), goLabelSelector(rec(spec.selector)), 'field is immutable')];
}

const STATEFULSET_MUTABLE = [
  'replicas',
  'ordinals',
  'template',
  'updateStrategy',
  'persistentVolumeClaimRetentionPolicy',
  'minReadySeconds',
];

/** ValidateStatefulSetUpdate: only a few spec fields may change. */
export function validateStatefulSetUpdate(spec: Rec, oldSpec: Rec): FieldError[] {
  const strip = (s: Rec): Rec =>
    Object.fromEntries(Object.entries(s).filter(([k]) => !STATEFULSET_MUTABLE.includes(k)));
  if (deepEqual(strip(spec), strip(oldSpec))) return [];
  return [
    forbidden(
      'spec',
      "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ),
  ];
}

/**
 * ValidateJobUpdate: selector and pod template are fixed once created (kube relaxes the template's
 * scheduling fields for suspended Jobs; kubelab does not). kube prints the whole Go struct as the value;
 * kubelab abbreviates it.
 */
export function validateJobUpdate(spec: Rec, oldSpec: Rec): FieldError[] {
  const errs = validateSelectorImmutable(spec, oldSpec);
  if (!deepEqual(spec.template ?? null, oldSpec.template ?? null))
    errs.push(invalid('spec.template', new GoText('core.PodTemplateSpec{...}'), 'field is immutable'));
  return errs;
}
