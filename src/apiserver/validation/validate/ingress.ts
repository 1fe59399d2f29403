/**
 * networking.k8s.io/v1 Ingress and IngressClass validation (k8s: pkg/apis/networking/validation/validation.go
 * ValidateIngressSpec, validateIngressRules, validateHTTPIngressPath, validateIngressBackend).
 */
import type { FieldError } from '../../../core/index.ts';
import { child, index, invalid, notSupported, required } from '../field-errors.ts';
import {
  isDNS1123Subdomain,
  isDNS1035Label,
  isValidPortName,
  isValidPortNum,
  isWildcardDNS1123Subdomain,
  nameIsDNSSubdomain,
} from '../names.ts';
import type { Rec } from '../util.ts';
import { rec, recs, str } from '../util.ts';

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];

function validateBackend(backend: Rec, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const hasService = backend.service !== undefined && backend.service !== null;
  const hasResource = backend.resource !== undefined && backend.resource !== null;
  if (hasService && hasResource) return [invalid(path, '', 'cannot set both resource and service backends')];
  if (hasResource) {
    const r = rec(backend.resource);
    if (!str(r.kind)) errs.push(required(child(path, 'resource', 'kind'), ''));
    if (!str(r.name)) errs.push(required(child(path, 'resource', 'name'), ''));
    return errs;
  }
  if (!hasService) return [invalid(path, '', 'resource or service backend is required')];
  const svc = rec(backend.service);
  const sp = child(path, 'service');
  const name = str(svc.name);
  if (!name) errs.push(required(child(sp, 'name'), ''));
  else errs.push(...isDNS1035Label(name).map((m) => invalid(child(sp, 'name'), name, m)));
  const port = rec(svc.port);
  const pp = child(sp, 'port');
  const hasName = str(port.name) !== '';
  const hasNumber = typeof port.number === 'number' && port.number !== 0;
  if (hasName && hasNumber) errs.push(invalid(pp, port.name, 'cannot set both port name & port number'));
  else if (hasName)
    errs.push(...isValidPortName(str(port.name)).map((m) => invalid(child(pp, 'name'), port.name, m)));
  else if (hasNumber)
    errs.push(
      ...isValidPortNum(Number(port.number)).map((m) => invalid(child(pp, 'number'), port.number, m)),
    );
  else errs.push(required(pp, 'port name or number is required'));
  return errs;
}

function validatePath(p: Rec, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const pathType = p.pathType;
  const value = str(p.path);
  if (pathType === undefined || pathType === null || pathType === '') {
    errs.push(required(child(path, 'pathType'), 'pathType must be specified'));
    return [...errs, ...validateBackend(rec(p.backend), child(path, 'backend'))];
  }
  if (pathType === 'Exact' || pathType === 'Prefix') {
    if (!value.startsWith('/')) errs.push(invalid(child(path, 'path'), value, 'must be an absolute path'));
    if (value) {
      for (const seq of INVALID_PATH_SEQUENCES)
        if (value.includes(seq)) errs.push(invalid(child(path, 'path'), value, `must not contain '${seq}'`));
      for (const suffix of INVALID_PATH_SUFFIXES)
        if (value.endsWith(suffix))
          errs.push(invalid(child(path, 'path'), value, `cannot end with '${suffix}'`));
    }
  } else if (pathType === 'ImplementationSpecific') {
    if (value && !value.startsWith('/'))
      errs.push(invalid(child(path, 'path'), value, 'must be an absolute path'));
  } else {
    errs.push(notSupported(child(path, 'pathType'), pathType, PATH_TYPES));
  }
  errs.push(...validateBackend(rec(p.backend), child(path, 'backend')));
  return errs;
}

export function validateIngressSpec(spec: Rec, path = 'spec'): FieldError[] {
  const errs: FieldError[] = [];
  const rules = recs(spec.rules);
  if (rules.length === 0 && (spec.defaultBackend === undefined || spec.defaultBackend === null))
    errs.push(invalid(path, rules, 'either `defaultBackend` or `rules` must be specified'));
  if (spec.defaultBackend)
    errs.push(...validateBackend(rec(spec.defaultBackend), child(path, 'defaultBackend')));
  rules.forEach((rule, i) => {
    const rp = index(child(path, 'rules'), i);
    const host = str(rule.host);
    if (host) {
      const msgs = host.startsWith('*.')
        ? isWildcardDNS1123Subdomain(host)
        : host.includes('*')
          ? isWildcardDNS1123Subdomain(host)
          : isDNS1123Subdomain(host);
      errs.push(...msgs.map((m) => invalid(child(rp, 'host'), host, m)));
    }
    if (rule.http !== undefined && rule.http !== null) {
      const hp = child(rp, 'http');
      const paths = recs(rec(rule.http).paths);
      if (paths.length === 0) errs.push(required(child(hp, 'paths'), ''));
      paths.forEach((p, j) => errs.push(...validatePath(p, index(child(hp, 'paths'), j))));
    }
  });
  recs(spec.tls).forEach((tls, i) => {
    (Array.isArray(tls.hosts) ? tls.hosts : []).forEach((h, j) => {
      const host = str(h);
      const msgs = host.startsWith('*.') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
      errs.push(...msgs.map((m) => invalid(index(child(index(child(path, 'tls'), i), 'hosts'), j), host, m)));
    });
  });
  const className = spec.ingressClassName;
  if (typeof className === 'string')
    errs.push(
      ...nameIsDNSSubdomain(className, false).map((m) =>
        invalid(child(path, 'ingressClassName'), className, m),
      ),
    );
  return errs;
}

export function validateIngressClassSpec(spec: Rec, path = 'spec'): FieldError[] {
  const controller = str(spec.controller);
  const errs: FieldError[] = [];
  if (!controller) errs.push(required(child(path, 'controller'), ''));
  else if (controller.length > 250)
    errs.push(invalid(child(path, 'controller'), controller, 'must be no more than 250 characters'));
  return errs;
}

/** IngressClass spec.controller never changes. */
export function validateIngressClassUpdate(spec: Rec, oldSpec: Rec, path = 'spec'): FieldError[] {
  return spec.controller !== oldSpec.controller
    ? [invalid(child(path, 'controller'), spec.controller ?? '', 'field is immutable')]
    : [];
}
