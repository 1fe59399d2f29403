/** validateObject's dispatch: metadata with the kind's name rule, then the kind's spec and update rules. */
import type { FieldError, KubeObject } from '../../../core/index.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from '../metadata.ts';
import type { NameFn } from '../names.ts';
import { nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain, nameIsPathSegment } from '../names.ts';
import type { Operation } from '../types.ts';
import type { Rec } from '../util.ts';
import { rec } from '../util.ts';
import {
  validateIngressClassAnnotation,
  validateIngressClassSpec,
  validateIngressClassUpdate,
  validateIngressSpec,
} from './ingress.ts';
import {
  validateCRD,
  validateCRDUpdate,
  validateConfigMap,
  validateConfigMapUpdate,
  validateNamespace,
  validateSecret,
  validateSecretUpdate,
} from './misc.ts';
import { validateCronJobCreate, validateCronJobUpdate } from './cronjob.ts';
import { validatePodSpec, validatePodSpecUpdate } from './pod-spec.ts';
import { validateServiceSpec, validateServiceUpdate } from './service.ts';
import {
  validateDaemonSetSpec,
  validateDeploymentSpec,
  validateJobSpec,
  validateJobUpdate,
  validateReplicaSetSpec,
  validateSelectorImmutable,
  validateStatefulSetSpec,
  validateStatefulSetUpdate,
} from './workloads.ts';

interface KindRules {
  /** Runs on CREATE and on UPDATE. */
  create?: (obj: Rec) => FieldError[];
  /** Runs on CREATE only, for kinds whose update validation differs (kube's separate ValidateXCreate/ValidateXUpdate). */
  createOnly?: (obj: Rec) => FieldError[];
  update?: (obj: Rec, old: Rec) => FieldError[];
}

const spec = (fn: (s: Rec) => FieldError[]) => (o: Rec) => fn(rec(o.spec));
const selectorImmutable = (o: Rec, old: Rec): FieldError[] =>
  validateSelectorImmutable(rec(o.spec), rec(old.spec));

const RULES: Record<string, KindRules> = {
  'v1/Pod': {
    create: spec((s) => validatePodSpec(s, 'spec')),
    update: (o, old) => validatePodSpecUpdate(rec(o.spec), rec(old.spec)),
  },
  'v1/Service': {
    create: spec((s) => validateServiceSpec(s)),
    update: (o, old) => validateServiceUpdate(rec(o.spec), rec(old.spec)),
  },
  'v1/ConfigMap': { create: validateConfigMap, update: validateConfigMapUpdate },
  'v1/Secret': { create: validateSecret, update: validateSecretUpdate },
  'v1/Namespace': { create: validateNamespace },
  'apps/v1/Deployment': { create: spec((s) => validateDeploymentSpec(s)), update: selectorImmutable },
  'apps/v1/ReplicaSet': { create: spec((s) => validateReplicaSetSpec(s)), update: selectorImmutable },
  'apps/v1/DaemonSet': { create: spec((s) => validateDaemonSetSpec(s)), update: selectorImmutable },
  'apps/v1/StatefulSet': {
    create: spec((s) => validateStatefulSetSpec(s)),
    update: (o, old) => [
      ...selectorImmutable(o, old),
      ...validateStatefulSetUpdate(rec(o.spec), rec(old.spec)),
    ],
  },
  'batch/v1/Job': {
    create: spec((s) => validateJobSpec(s)),
    update: (o, old) => validateJobUpdate(rec(o.spec), rec(old.spec)),
  },
  'batch/v1/CronJob': { createOnly: validateCronJobCreate, update: validateCronJobUpdate },
  'networking.k8s.io/v1/Ingress': {
    create: (o) => [...validateIngressSpec(rec(o.spec)), ...validateIngressClassAnnotation(o)],
  },
  'networking.k8s.io/v1/IngressClass': {
    create: spec((s) => validateIngressClassSpec(s)),
    update: (o, old) => validateIngressClassUpdate(rec(o.spec), rec(old.spec)),
  },
  'apiextensions.k8s.io/v1/CustomResourceDefinition': { create: validateCRD, update: validateCRDUpdate },
};

/** The metadata.name rule of each kind (kube: each kind's ValidateXName). */
export function nameRuleOf(apiVersion: string, kind: string): NameFn {
  if (apiVersion === 'v1' && kind === 'Service') return nameIsDNS1035Label;
  if (apiVersion === 'v1' && kind === 'Namespace') return nameIsDNSLabel;
  if (apiVersion.startsWith('rbac.authorization.k8s.io/')) return nameIsPathSegment;
  return nameIsDNSSubdomain;
}

export function validateKind(obj: KubeObject, op: Operation, old: KubeObject | undefined): FieldError[] {
  const errs = validateObjectMeta(rec(obj.metadata), nameRuleOf(obj.apiVersion, obj.kind));
  const rules = RULES[`${obj.apiVersion}/${obj.kind}`];
  if (op === 'UPDATE' && old) errs.push(...validateObjectMetaUpdate(rec(obj.metadata), rec(old.metadata)));
  if (rules?.create) errs.push(...rules.create(obj));
  if (rules?.createOnly && !(op === 'UPDATE' && old)) errs.push(...rules.createOnly(obj));
  if (op === 'UPDATE' && old && rules?.update) errs.push(...rules.update(obj, old));
  return errs;
}
