/** Service validation (k8s: pkg/apis/core/validation/validation.go ValidateService, ValidateServiceUpdate). */
import type { FieldError } from '../../../core/index.ts';
import {
  GoText,
  child,
  duplicate,
  forbidden,
  index,
  invalid,
  notSupported,
  quote,
  required,
} from '../field-errors.ts';
import { validateLabels } from '../metadata.ts';
import { isDNS1123Label, isValidPortNum } from '../names.ts';
import type { Rec } from '../util.ts';
import { arr, rec, recs, str } from '../util.ts';
import { validatePortNumOrName } from './containers.ts';

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const IP_MSG = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

const isIPv4 = (s: string): boolean =>
  /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(s);
export const isIP = (s: string): boolean => isIPv4(s) || (s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s));

/** core.ServicePort as Go %#v prints it in Duplicate errors. */
function goServicePort(p: Rec): GoText {
  const tp = p.targetPort;
  const target =
    typeof tp === 'string'
      ? `intstr.IntOrString{Type:1, IntVal:0, StrVal:${quote(tp)}}`
      : `intstr.IntOrString{Type:0, IntVal:${typeof tp === 'number' ? tp : 0}, StrVal:""}`;
  return new GoText(
    `core.ServicePort{Name:${quote(str(p.name))}, Protocol:${quote(str(p.protocol))}, AppProtocol:(*string)(nil), Port:${Number(p.port) || 0}, TargetPort:${target}, NodePort:${Number(p.nodePort) || 0}}`,
  );
}

function validatePorts(spec: Rec, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const ports = recs(spec.ports);
  const names = new Set<string>();
  const keys = new Set<string>();
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    const pp = index(child(path, 'ports'), i);
    const name = str(p.name);
    if (ports.length > 1 && !name) errs.push(required(child(pp, 'name'), ''));
    else if (name) {
      errs.push(...isDNS1123Label(name).map((m) => invalid(child(pp, 'name'), name, m)));
      if (names.has(name)) errs.push(duplicate(child(pp, 'name'), name));
      names.add(name);
    }
    errs.push(...isValidPortNum(Number(p.port)).map((m) => invalid(child(pp, 'port'), p.port ?? 0, m)));
    const protocol = str(p.protocol);
    if (!protocol) errs.push(required(child(pp, 'protocol'), ''));
    else if (!PROTOCOLS.includes(protocol))
      errs.push(notSupported(child(pp, 'protocol'), protocol, PROTOCOLS));
    errs.push(...validatePortNumOrName(p.targetPort, child(pp, 'targetPort')));
    const key = `${protocol}/${String(p.port)}`;
    if (keys.has(key)) errs.push(duplicate(pp, goServicePort({ port: p.port, protocol })));
    keys.add(key);
    if (typeof p.nodePort === 'number' && p.nodePort !== 0) {
      if (spec.type === 'ClusterIP')
        errs.push(forbidden(child(pp, 'nodePort'), "may not be used when `type` is 'ClusterIP'"));
      else {
        errs.push(...isValidPortNum(p.nodePort).map((m) => invalid(child(pp, 'nodePort'), p.nodePort, m)));
        const npKey = `${protocol}/${p.nodePort}`;
        if (nodePorts.has(npKey)) errs.push(duplicate(child(pp, 'nodePort'), p.nodePort));
        nodePorts.add(npKey);
      }
    }
  });
  return errs;
}

export function validateServiceSpec(spec: Rec, path = 'spec'): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(spec.type);
  const clusterIPs = arr(spec.clusterIPs).map(str);
  const headless = str(spec.clusterIP) === 'None';
  if (!TYPES.includes(type)) errs.push(notSupported(child(path, 'type'), type, TYPES));
  if (recs(spec.ports).length === 0 && !headless && type !== 'ExternalName')
    errs.push(required(child(path, 'ports'), ''));
  // clusterIP / clusterIPs consistency (validateServiceClusterIPsRelatedFields)
  if (str(spec.clusterIP) && clusterIPs.length && clusterIPs[0] !== str(spec.clusterIP))
    errs.push(invalid(child(path, 'clusterIPs'), clusterIPs, 'first value must match `clusterIP`'));
  clusterIPs.forEach((ip, i) => {
    if (ip !== 'None' && !isIP(ip)) errs.push(invalid(index(child(path, 'clusterIPs'), i), ip, IP_MSG));
  });
  if (headless && (type === 'NodePort' || type === 'LoadBalancer'))
    errs.push(
      invalid(index(child(path, 'clusterIPs'), 0), 'None', `may not be set to 'None' for ${type} services`),
    );
  if (type === 'ExternalName') {
    if (clusterIPs.length > 0 || str(spec.clusterIP))
      errs.push(forbidden(child(path, 'clusterIPs'), 'may not be set for ExternalName services'));
    if (!str(spec.externalName)) errs.push(required(child(path, 'externalName'), ''));
  }
  errs.push(...validatePorts(spec, path));
  errs.push(...validateLabels(spec.selector, child(path, 'selector')));
  const affinity = str(spec.sessionAffinity);
  if (!affinity) errs.push(required(child(path, 'sessionAffinity'), ''));
  else if (affinity !== 'ClientIP' && affinity !== 'None')
    errs.push(notSupported(child(path, 'sessionAffinity'), affinity, ['ClientIP', 'None']));
  if (affinity === 'None' && spec.sessionAffinityConfig)
    errs.push(
      invalid(
        child(path, 'sessionAffinityConfig'),
        new GoText('core.SessionAffinityConfig{...}'),
        'must not be set when session affinity is None',
      ),
    );
  if (affinity === 'ClientIP') {
    const t = rec(rec(spec.sessionAffinityConfig).clientIP).timeoutSeconds;
    if (typeof t !== 'number' || t <= 0 || t > 86400)
      errs.push(
        invalid(
          child(path, 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds'),
          t ?? 0,
          'must be greater than 0 and less than 86400',
        ),
      );
  }
  const external =
    type === 'LoadBalancer' ||
    type === 'NodePort' ||
    (type === 'ClusterIP' && arr(spec.externalIPs).length > 0);
  const etp = spec.externalTrafficPolicy;
  if (!external) {
    if (etp)
      errs.push(
        invalid(
          child(path, 'externalTrafficPolicy'),
          etp,
          'may only be set for externally-accessible services',
        ),
      );
  } else if (!etp) errs.push(required(child(path, 'externalTrafficPolicy'), ''));
  else if (etp !== 'Cluster' && etp !== 'Local')
    errs.push(notSupported(child(path, 'externalTrafficPolicy'), etp, ['Cluster', 'Local']));
  if (spec.healthCheckNodePort && !(type === 'LoadBalancer' && etp === 'Local'))
    errs.push(
      invalid(
        child(path, 'healthCheckNodePort'),
        spec.healthCheckNodePort,
        "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
      ),
    );
  if (type !== 'ExternalName') {
    const itp = spec.internalTrafficPolicy;
    if (!itp) errs.push(required(child(path, 'internalTrafficPolicy'), ''));
    else if (itp !== 'Cluster' && itp !== 'Local')
      errs.push(notSupported(child(path, 'internalTrafficPolicy'), itp, ['Cluster', 'Local']));
    const policy = spec.ipFamilyPolicy;
    const policies = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
    if (policy && !policies.includes(str(policy)))
      errs.push(notSupported(child(path, 'ipFamilyPolicy'), policy, policies));
  }
  if (
    type === 'LoadBalancer' &&
    (spec.allocateLoadBalancerNodePorts === undefined || spec.allocateLoadBalancerNodePorts === null)
  )
    errs.push(required(child(path, 'allocateLoadBalancerNodePorts'), ''));
  if (
    type !== 'LoadBalancer' &&
    spec.allocateLoadBalancerNodePorts !== undefined &&
    spec.allocateLoadBalancerNodePorts !== null
  )
    errs.push(
      forbidden(
        child(path, 'allocateLoadBalancerNodePorts'),
        "may only be used when `type` is 'LoadBalancer'",
      ),
    );
  arr(spec.externalIPs).forEach((ip, i) => {
    if (!isIP(str(ip))) errs.push(invalid(index(child(path, 'externalIPs'), i), ip, IP_MSG));
  });
  return errs;
}

/** ClusterIPs never change once set, except to or from ExternalName (validateUpgradeDowngradeClusterIPs). */
export function validateServiceUpdate(spec: Rec, oldSpec: Rec, path = 'spec'): FieldError[] {
  if (spec.type === 'ExternalName' || oldSpec.type === 'ExternalName') return [];
  const now = arr(spec.clusterIPs).map(str);
  const before = arr(oldSpec.clusterIPs).map(str);
  if (before.length && now.length && now[0] !== before[0])
    return [invalid(index(child(path, 'clusterIPs'), 0), now, 'may not change once set')];
  if (str(oldSpec.clusterIP) && str(spec.clusterIP) !== str(oldSpec.clusterIP))
    return [invalid(child(path, 'clusterIP'), str(spec.clusterIP), 'field is immutable')];
  return [];
}
