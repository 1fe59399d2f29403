/**
 * ConfigMap, Secret, Namespace and CRD validation (k8s: pkg/apis/core/validation/validation.go ValidateConfigMap,
 * ValidateSecret, ValidateNamespace; staging/src/k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/validation/validation.go).
 */
import type { FieldError } from '../../../core/index.ts';
import {
  child,
  duplicate,
  forbidden,
  index,
  invalid,
  notSupported,
  required,
  tooLong,
} from '../field-errors.ts';
import {
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
} from '../names.ts';
import type { Rec } from '../util.ts';
import { arr, rec, recs, str } from '../util.ts';

const MAX_DATA_BYTES = 1024 * 1024;

export function validateConfigMap(cm: Rec): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  const seen = new Set<string>();
  for (const [field, map] of [
    ['data', rec(cm.data)],
    ['binaryData', rec(cm.binaryData)],
  ] as const) {
    for (const [k, v] of Object.entries(map)) {
      for (const m of isConfigMapKey(k)) errs.push(invalid(`${field}[${k}]`, k, m));
      if (seen.has(k)) errs.push(invalid(field, k, 'duplicate of key present in data'));
      seen.add(k);
      total += str(v).length;
    }
  }
  if (total > MAX_DATA_BYTES) errs.push(tooLong('', MAX_DATA_BYTES));
  return errs;
}

export function validateSecret(secret: Rec): FieldError[] {
  const errs: FieldError[] = [];
  for (const field of ['data', 'stringData']) {
    for (const k of Object.keys(rec(secret[field])))
      for (const m of isConfigMapKey(k)) errs.push(invalid(`${field}[${k}]`, k, m));
  }
  const data = rec(secret.data);
  const type = str(secret.type);
  const need = (key: string): void => {
    if (!(key in data) && !(key in rec(secret.stringData))) errs.push(required(`data[${key}]`, ''));
  };
  if (type === 'kubernetes.io/tls') {
    need('tls.crt');
    need('tls.key');
  } else if (type === 'kubernetes.io/service-account-token') {
    if (!str(rec(rec(secret.metadata).annotations)['kubernetes.io/service-account.name']))
      errs.push(required('metadata.annotations[kubernetes.io/service-account.name]', ''));
  } else if (type === 'kubernetes.io/dockerconfigjson') need('.dockerconfigjson');
  else if (type === 'kubernetes.io/basic-auth' && !('username' in data) && !('password' in data))
    errs.push(required('data[username]', ''));
  return errs;
}

export function validateSecretUpdate(secret: Rec, old: Rec): FieldError[] {
  const errs: FieldError[] = [];
  if (str(secret.type) !== str(old.type)) errs.push(invalid('type', secret.type ?? '', 'field is immutable'));
  if (old.immutable === true && JSON.stringify(secret.data ?? {}) !== JSON.stringify(old.data ?? {}))
    errs.push(forbidden('data', 'field is immutable when `immutable` is set'));
  return errs;
}

export function validateConfigMapUpdate(cm: Rec, old: Rec): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (JSON.stringify(cm.data ?? {}) !== JSON.stringify(old.data ?? {}))
    errs.push(forbidden('data', 'field is immutable when `immutable` is set'));
  if (cm.immutable !== true) errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
  return errs;
}

export function validateNamespace(ns: Rec): FieldError[] {
  const errs: FieldError[] = [];
  arr(rec(ns.spec).finalizers).forEach((f) => {
    const s = str(f);
    // validateFinalizerName: standard names must be qualified; `kubernetes` is the one bare name allowed.
    if (!s.includes('/') && s !== 'kubernetes')
      errs.push(
        invalid('spec.finalizers', s, 'name is neither a standard finalizer name nor is it fully qualified'),
      );
    else for (const m of isQualifiedName(s)) errs.push(invalid('spec.finalizers', s, m));
  });
  return errs;
}

const SCOPES = ['Cluster', 'Namespaced'];

/** The parts of ValidateCustomResourceDefinition kubectl users meet: names, group, scope, versions. */
export function validateCRD(crd: Rec): FieldError[] {
  const errs: FieldError[] = [];
  const spec = rec(crd.spec);
  const names = rec(spec.names);
  const group = str(spec.group);
  const plural = str(names.plural);
  const name = str(rec(crd.metadata).name);
  if (name !== `${plural}.${group}`)
    errs.push(invalid('metadata.name', name, 'must be spec.names.plural+"."+spec.group'));
  if (!group) errs.push(required('spec.group', ''));
  else {
    errs.push(...isDNS1123Subdomain(group).map((m) => invalid('spec.group', group, m)));
    if (group.split('.').length < 2)
      errs.push(invalid('spec.group', group, 'should be a domain with at least one dot'));
  }
  const scope = str(spec.scope);
  if (!scope) errs.push(required('spec.scope', ''));
  else if (!SCOPES.includes(scope)) errs.push(notSupported('spec.scope', scope, SCOPES));
  for (const [field, value] of [
    ['plural', plural],
    ['singular', str(names.singular)],
    ['kind', str(names.kind)],
    ['listKind', str(names.listKind)],
  ] as const) {
    const p = `spec.names.${field}`;
    if (!value) {
      if (field === 'plural' || field === 'kind' || field === 'listKind') errs.push(required(p, ''));
      continue;
    }
    if (field === 'kind' || field === 'listKind') {
      if (!/^[A-Za-z][A-Za-z0-9]*$/.test(value))
        errs.push(
          invalid(p, value, 'may have mixed case, but should otherwise match: ^[a-z]([-a-z0-9]*[a-z0-9])?$'),
        );
    } else errs.push(...isDNS1035Label(value).map((m) => invalid(p, value, m)));
  }
  if (names.kind && names.kind === names.listKind)
    errs.push(invalid('spec.names.listKind', names.listKind, 'kind and listKind may not be the same'));
  arr(names.shortNames).forEach((s, i) =>
    errs.push(...isDNS1123Label(str(s)).map((m) => invalid(index('spec.names.shortNames', i), s, m))),
  );
  const versions = recs(spec.versions);
  if (versions.length === 0)
    errs.push(required('spec.versions', 'must have exactly one version marked as storage version'));
  const seen = new Set<string>();
  let storage = 0;
  versions.forEach((v, i) => {
    const p = index('spec.versions', i);
    const vname = str(v.name);
    if (!vname) errs.push(required(child(p, 'name'), ''));
    else errs.push(...isDNS1035Label(vname).map((m) => invalid(child(p, 'name'), vname, m)));
    if (seen.has(vname)) errs.push(duplicate(child(p, 'name'), vname));
    seen.add(vname);
    if (v.storage === true) storage++;
    if (spec.preserveUnknownFields !== true && !rec(v.schema).openAPIV3Schema)
      errs.push(required(child(p, 'schema', 'openAPIV3Schema'), 'schemas are required'));
  });
  if (versions.length > 0 && storage !== 1)
    errs.push(
      invalid(
        'spec.versions',
        versions.map((v) => str(v.name)),
        'must have exactly one version marked as storage version',
      ),
    );
  if (versions.length > 0 && !versions.some((v) => v.served === true))
    errs.push(
      invalid(
        'spec.versions',
        versions.map((v) => str(v.name)),
        'must have at least one version marked as served',
      ),
    );
  return errs;
}

/** Names and scope of a CRD stay as created, except adding to names (kube allows more, kubelab keeps it simple). */
export function validateCRDUpdate(crd: Rec, old: Rec): FieldError[] {
  const spec = rec(crd.spec);
  const oldSpec = rec(old.spec);
  const errs: FieldError[] = [];
  if (spec.scope !== oldSpec.scope) errs.push(invalid('spec.scope', spec.scope ?? '', 'field is immutable'));
  if (rec(spec.names).plural !== rec(oldSpec.names).plural)
    errs.push(invalid('spec.names.plural', rec(spec.names).plural ?? '', 'field is immutable'));
  return errs;
}
