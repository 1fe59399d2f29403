/**
 * Field selectors: the field labels each kind supports (k8s: pkg/registry/<group>/<kind>/strategy.go GetAttrs and
 * pkg/apis/core/v1/conversion.go AddFieldLabelConversionFuncs*), `=`, `==` and `!=` terms in any order.
 */
import { errors, isRecord } from '../../core/index.ts';
import type { KubeObject } from '../../core/index.ts';
import type { ResourceInfo } from '../registry/types.ts';

export interface FieldTerm {
  field: string;
  value: string;
  negate: boolean;
}

type Getter = (o: KubeObject) => string;

function path(...keys: string[]): Getter {
  return (o) => {
    let cur: unknown = o;
    for (const k of keys) cur = isRecord(cur) ? cur[k] : undefined;
    return typeof cur === 'string' ? cur : cur === undefined || cur === null ? '' : JSON.stringify(cur);
  };
}

const involved = (f: string): Getter => path('involvedObject', f);

const PER_KIND: Record<string, Record<string, Getter>> = {
  '/pods': {
    'spec.nodeName': path('spec', 'nodeName'),
    'spec.restartPolicy': path('spec', 'restartPolicy'),
    'spec.schedulerName': path('spec', 'schedulerName'),
    'spec.serviceAccountName': path('spec', 'serviceAccountName'),
    'spec.hostNetwork': (o) => String(isRecord(o.spec) && o.spec.hostNetwork === true),
    'status.phase': path('status', 'phase'),
    'status.podIP': path('status', 'podIP'),
    'status.nominatedNodeName': path('status', 'nominatedNodeName'),
  },
  '/events': {
    'involvedObject.kind': involved('kind'),
    'involvedObject.namespace': involved('namespace'),
    'involvedObject.name': involved('name'),
    'involvedObject.uid': involved('uid'),
    'involvedObject.apiVersion': involved('apiVersion'),
    'involvedObject.resourceVersion': involved('resourceVersion'),
    'involvedObject.fieldPath': involved('fieldPath'),
    reason: path('reason'),
    reportingComponent: path('reportingComponent'),
    source: path('source', 'component'),
    type: path('type'),
  },
  '/secrets': { type: path('type') },
  '/nodes': { 'spec.unschedulable': (o) => String(isRecord(o.spec) && o.spec.unschedulable === true) },
  '/namespaces': { 'status.phase': path('status', 'phase') },
  '/replicationcontrollers': { 'status.replicas': path('status', 'replicas') },
  'apps/replicasets': { 'status.replicas': path('status', 'replicas') },
  'batch/jobs': { 'status.successful': path('status', 'succeeded') },
};

/** events.k8s.io/v1 names for the same fields (k8s: pkg/apis/events/v1 field label conversion). */
const EVENTS_V1_ALIASES: Record<string, string> = {
  'regarding.kind': 'involvedObject.kind',
  'regarding.namespace': 'involvedObject.namespace',
  'regarding.name': 'involvedObject.name',
  'regarding.uid': 'involvedObject.uid',
  'regarding.apiVersion': 'involvedObject.apiVersion',
  'regarding.resourceVersion': 'involvedObject.resourceVersion',
  'regarding.fieldPath': 'involvedObject.fieldPath',
  reportingController: 'reportingComponent',
  'deprecatedSource.component': 'source',
};

export function parseFieldSelector(info: ResourceInfo, text: string | undefined): FieldTerm[] {
  if (!text) return [];
  const supported = fieldsFor(info);
  return text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map((term) => {
      const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(term);
      if (!m) throw errors.badRequest(`invalid selector: '${text}'; can't understand '${term}'`);
      let field = m[1]!;
      if (info.storage.resource === 'events' && info.group === 'events.k8s.io')
        field = EVENTS_V1_ALIASES[field] ?? field;
      if (!supported[field]) throw errors.badRequest(`field label not supported: ${m[1]!}`);
      return { field, value: m[3]!, negate: m[2] === '!=' };
    });
}

function fieldsFor(info: ResourceInfo): Record<string, Getter> {
  const base: Record<string, Getter> = { 'metadata.name': path('metadata', 'name') };
  if (info.namespaced) base['metadata.namespace'] = path('metadata', 'namespace');
  if (!info.builtIn) return base;
  return { ...base, ...(PER_KIND[`${info.storage.group}/${info.storage.resource}`] ?? {}) };
}

/** `obj` is in storage form (core/v1 for events). */
export function matchesFields(info: ResourceInfo, terms: FieldTerm[], obj: KubeObject): boolean {
  if (terms.length === 0) return true;
  const getters = fieldsFor(info);
  return terms.every((t) => (getters[t.field]!(obj) === t.value) !== t.negate);
}
