/**
 * networking.k8s.io/v1 Ingress and IngressClass validation (k8s: pkg/apis/networking/validation/validation.go
 * ValidateIngressSpec, validateIngressRules, validateHTTPIngressPath, validateIngressBackend,
 * validateIngressClassSpec).
 */
import type { FieldError } from '../../../core/index.ts';
import { child, index, invalid, notSupported, required, tooLong } from '../field-errors.ts';
import {
  isDNS1035Label,
  isDNS1123Subdomain,
  isValidPortName,
  isValidPortNum,
  isWildcardDNS1123Subdomain,
  nameIsDNSSubdomain,
  nameIsPathSegment,
} from '../names.ts';
import type { Rec } from '../util.ts';
import { rec, recs, str } from '../util.ts';
import { isIP } from './service.ts';

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
    if (typeof r.apiGroup === 'string')
      errs.push(
        ...isDNS1123Subdomain(r.apiGroup).map((m) =>
          invalid(child(path, 'resource', 'apiGroup'), r.apiGroup, m),
        ),
      );
    for (const f of ['kind', 'name']) {
      const v = str(r[f]);
      if (!v) errs.push(required(child(path, 'resource', f), `${f} is required`));
      else errs.push(...nameIsPathSegment(v, false).map((m) => invalid(child(path, 'resource', f), v, m)));
    }
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
  if (hasName && hasNumber) errs.push(invalid(path, '', 'cannot set both port name & port number'));
  else if (hasName)
    errs.push(...isValidPortName(str(port.name)).map((m) => invalid(child(pp, 'name'), port.name, m)));
  else if (hasNumber)
    errs.push(
      ...isValidPortNum(Number(port.number)).map((m) => invalid(child(pp, 'number'), port.number, m)),
    );
  else errs.push(required(path, 'port name or number is required'));
  return errs;
}

function validatePath(p: Rec, path: string): FieldError[] {
  const pathType = p.pathType;
  // kube returns here: the backend is not looked at without a pathType
  if (pathType === undefined || pathType === null)
    return [required(child(path, 'pathType'), 'pathType must be specified')];
  const errs: FieldError[] = [];
  const value = str(p.path);
  const pp = child(path, 'path');
  if (pathType === 'Exact' || pathType === 'Prefix') {
    if (!value.startsWith('/')) errs.push(invalid(pp, value, 'must be an absolute path'));
    for (const seq of INVALID_PATH_SEQUENCES)
      if (value.includes(seq)) errs.push(invalid(pp, value, `must not contain '${seq}'`));
    for (const end of INVALID_PATH_SUFFIXES)
      if (value.endsWith(end)) errs.push(invalid(pp, value, `cannot end with '${end}'`));
  } else if (pathType === 'ImplementationSpecific') {
    if (value && !value.startsWith('/')) errs.push(invalid(pp, value, 'must be an absolute path'));
  } else {
    errs.push(notSupported(child(path, 'pathType'), pathType, PATH_TYPES));
  }
  errs.push(...validateBackend(rec(p.backend), child(path, 'backend')));
  return errs;
}

function hostErrors(host: string, path: string): FieldError[] {
  const msgs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
  return msgs.map((m) => invalid(path, host, m));
}

export function validateIngressSpec(spec: Rec, path = 'spec'): FieldError[] {
  const errs: FieldError[] = [];
  const rules = recs(spec.rules);
  const hasDefault = spec.defaultBackend !== undefined && spec.defaultBackend !== null;
  if (rules.length === 0 && !hasDefault)
    errs.push(invalid(path, rules, 'either `defaultBackend` or `rules` must be specified'));
  if (hasDefault) errs.push(...validateBackend(rec(spec.defaultBackend), child(path, 'defaultBackend')));
  rules.forEach((rule, i) => {
    const rp = index(child(path, 'rules'), i);
    const host = str(rule.host);
    if (host) {
      if (isIP(host)) errs.push(invalid(child(rp, 'host'), host, 'must be a DNS name, not an IP address'));
      errs.push(...hostErrors(host, child(rp, 'host')));
    }
    if (rule.http === undefined || rule.http === null) return;
    const hp = child(rp, 'http');
    const paths = recs(rec(rule.http).paths);
    if (paths.length === 0) errs.push(required(child(hp, 'paths'), ''));
    paths.forEach((p, j) => errs.push(...validatePath(p, index(child(hp, 'paths'), j))));
  });
  recs(spec.tls).forEach((tls, i) => {
    const tp = index(child(path, 'tls'), i);
    (Array.isArray(tls.hosts) ? tls.hosts : []).forEach((h, j) =>
      errs.push(...hostErrors(str(h), index(child(tp, 'hosts'), j))),
    );
    const secretName = str(tls.secretName);
    if (secretName)
      errs.push(
        ...nameIsDNSSubdomain(secretName, false).map((m) => invalid(child(tp, 'secretName'), secretName, m)),
      );
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

/** ValidateIngressCreate: the legacy class annotation must agree with spec.ingressClassName. */
export function validateIngressClassAnnotation(ing: Rec): FieldError[] {
  const annotation = rec(rec(ing.metadata).annotations)['kubernetes.io/ingress.class'];
  const className = rec(ing.spec).ingressClassName;
  if (typeof annotation === 'string' && typeof className === 'string' && annotation !== className)
    return [
      invalid(
        'annotations.kubernetes.io/ingress.class',
        annotation,
        'must match `ingressClassName` when both are specified',
      ),
    ];
  return [];
}

const HTTP_PATH = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";

/** validateIngressClassSpec: spec.controller is a domain-prefixed path (IsDomainPrefixedPath). */
export function validateIngressClassSpec(spec: Rec, path = 'spec'): FieldError[] {
  const controller = str(spec.controller);
  const p = child(path, 'controller');
  const errs: FieldError[] = [];
  if (controller.length > 250) errs.push(tooLong(p, 250));
  if (!controller) return [...errs, required(p, '')];
  const slash = controller.indexOf('/');
  const host = controller.slice(0, slash);
  const rest = controller.slice(slash + 1);
  if (slash <= 0 || !rest)
    return [...errs, invalid(p, controller, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  errs.push(...isDNS1123Subdomain(host).map((m) => invalid(p, host, m)));
  if (!new RegExp(`^${HTTP_PATH}$`).test(rest))
    errs.push(invalid(p, rest, `Invalid path (regex used for validation is '${HTTP_PATH}')`));
  return errs;
}

/** IngressClass spec.controller never changes. */
export function validateIngressClassUpdate(spec: Rec, oldSpec: Rec, path = 'spec'): FieldError[] {
  return spec.controller !== oldSpec.controller
    ? [invalid(child(path, 'controller'), spec.controller ?? '', 'field is immutable')]
    : [];
}
