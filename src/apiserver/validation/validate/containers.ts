/**
 * Container validation (k8s: pkg/apis/core/validation/validation.go validateContainers, validateContainerPorts,
 * validateProbe, validateHandler, ValidateVolumeMounts, validateEnv, validatePortNumOrName).
 */
import type { FieldError } from '../../../core/index.ts';
import {
  child,
  duplicate,
  forbidden,
  index,
  invalid,
  notFound,
  notSupported,
  required,
} from '../field-errors.ts';
import { isDNS1123Label, isValidPortName, isValidPortNum } from '../names.ts';
import type { Rec } from '../util.ts';
import { rec, recs, str } from '../util.ts';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

/** Port given as number or IANA_SVC_NAME (probes, Service targetPort). */
export function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => invalid(path, port, m));
  if (typeof port === 'string') {
    if (port === '') return [required(path, '')];
    return isValidPortName(port).map((m) => invalid(path, port, m));
  }
  return [required(path, '')];
}

export const nonNegative = (value: unknown, path: string): FieldError[] =>
  typeof value === 'number' && value < 0 ? [invalid(path, value, 'must be greater than or equal to 0')] : [];

function validateHandler(h: Rec, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  for (const kind of ['exec', 'httpGet', 'tcpSocket', 'grpc']) {
    if (h[kind] === undefined || h[kind] === null) continue;
    if (n > 0) {
      errs.push(forbidden(child(path, kind), 'may not specify more than 1 handler type'));
      continue;
    }
    n++;
    const a = rec(h[kind]);
    const p = child(path, kind);
    if (kind === 'exec' && !(Array.isArray(a.command) && a.command.length))
      errs.push(required(child(p, 'command'), ''));
    if (kind === 'httpGet') {
      if (!str(a.path)) errs.push(required(child(p, 'path'), ''));
      errs.push(...validatePortNumOrName(a.port, child(p, 'port')));
      if (a.scheme !== 'HTTP' && a.scheme !== 'HTTPS')
        errs.push(notSupported(child(p, 'scheme'), a.scheme ?? '', ['HTTP', 'HTTPS']));
    }
    if (kind === 'tcpSocket') errs.push(...validatePortNumOrName(a.port, child(p, 'port')));
    if (kind === 'grpc' && typeof a.port === 'number')
      errs.push(...isValidPortNum(a.port).map((m) => invalid(child(p, 'port'), a.port, m)));
  }
  if (n === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

function validateProbe(
  probe: unknown,
  path: string,
  kind: 'liveness' | 'readiness' | 'startup',
): FieldError[] {
  if (probe === undefined || probe === null) return [];
  const p = rec(probe);
  const errs = validateHandler(p, path);
  for (const f of [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
  ])
    errs.push(...nonNegative(p[f], child(path, f)));
  const grace = p.terminationGracePeriodSeconds;
  if (kind === 'readiness' && grace !== undefined && grace !== null)
    errs.push(
      invalid(child(path, 'terminationGracePeriodSeconds'), grace, 'must not be set for readinessProbes'),
    );
  else if (typeof grace === 'number' && grace <= 0)
    errs.push(invalid(child(path, 'terminationGracePeriodSeconds'), grace, 'must be greater than 0'));
  if (kind !== 'readiness' && p.successThreshold !== undefined && p.successThreshold !== 1)
    errs.push(invalid(child(path, 'successThreshold'), p.successThreshold, 'must be 1'));
  return errs;
}

function validatePorts(ports: Rec[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = index(path, i);
    const name = str(port.name);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) errs.push(...msgs.map((m) => invalid(child(p, 'name'), name, m)));
      else if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
      else names.add(name);
    }
    if (!port.containerPort) errs.push(required(child(p, 'containerPort'), ''));
    else
      errs.push(
        ...isValidPortNum(Number(port.containerPort)).map((m) =>
          invalid(child(p, 'containerPort'), port.containerPort, m),
        ),
      );
    if (port.hostPort)
      errs.push(
        ...isValidPortNum(Number(port.hostPort)).map((m) => invalid(child(p, 'hostPort'), port.hostPort, m)),
      );
    if (!str(port.protocol)) errs.push(required(child(p, 'protocol'), ''));
    else if (!PROTOCOLS.includes(str(port.protocol)))
      errs.push(notSupported(child(p, 'protocol'), port.protocol, PROTOCOLS));
  });
  return errs;
}

function validateEnv(env: Rec[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  env.forEach((e, i) => {
    const p = index(path, i);
    const name = str(e.name);
    // RelaxedEnvironmentVariableValidation (beta, on in 1.32).
    if (!name) errs.push(required(child(p, 'name'), ''));
    else if (!/^[\x20-\x7e]+$/.test(name) || name.includes('='))
      errs.push(
        invalid(
          child(p, 'name'),
          name,
          "a valid environment variable name must consist only of printable ASCII characters other than '='",
        ),
      );
  });
  return errs;
}

function validateVolumeMounts(mounts: Rec[], volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  mounts.forEach((m, i) => {
    const p = index(path, i);
    const name = str(m.name);
    if (!name) errs.push(required(child(p, 'name'), ''));
    if (!volumes.has(name)) errs.push(notFound(child(p, 'name'), name));
    const mountPath = str(m.mountPath);
    if (!mountPath) errs.push(required(child(p, 'mountPath'), ''));
    if (mountPoints.has(mountPath)) errs.push(invalid(child(p, 'mountPath'), mountPath, 'must be unique'));
    mountPoints.add(mountPath);
  });
  return errs;
}

export interface ContainerContext {
  volumes: Set<string>;
  /** Names already used by the other container list (init containers may not reuse regular names). */
  otherNames: Set<string>;
  init: boolean;
}

export function validateContainers(list: unknown, path: string, ctx: ContainerContext): FieldError[] {
  const containers = recs(list);
  const errs: FieldError[] = [];
  if (!ctx.init && containers.length === 0) return [required(path, '')];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const p = index(path, i);
    const name = str(c.name);
    if (!name) errs.push(required(child(p, 'name'), ''));
    else errs.push(...isDNS1123Label(name).map((m) => invalid(child(p, 'name'), name, m)));
    if (names.has(name) || (ctx.init && ctx.otherNames.has(name)))
      errs.push(duplicate(child(p, 'name'), name));
    else names.add(name);
    if (!str(c.image)) errs.push(required(child(p, 'image'), ''));
    const pull = str(c.imagePullPolicy);
    if (!pull) errs.push(required(child(p, 'imagePullPolicy'), ''));
    else if (!['Always', 'IfNotPresent', 'Never'].includes(pull))
      errs.push(notSupported(child(p, 'imagePullPolicy'), pull, ['Always', 'IfNotPresent', 'Never']));
    const tmp = str(c.terminationMessagePolicy);
    if (tmp && tmp !== 'File' && tmp !== 'FallbackToLogsOnError')
      errs.push(notSupported(child(p, 'terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']));
    errs.push(...validatePorts(recs(c.ports), child(p, 'ports')));
    errs.push(...validateEnv(recs(c.env), child(p, 'env')));
    errs.push(...validateVolumeMounts(recs(c.volumeMounts), ctx.volumes, child(p, 'volumeMounts')));
    const sidecar = ctx.init && c.restartPolicy === 'Always';
    for (const [field, kind] of [
      ['livenessProbe', 'liveness'],
      ['readinessProbe', 'readiness'],
      ['startupProbe', 'startup'],
    ] as const) {
      if (ctx.init && !sidecar && c[field] !== undefined && c[field] !== null)
        errs.push(
          forbidden(child(p, field), 'may not be set for init containers without restartPolicy=Always'),
        );
      else errs.push(...validateProbe(c[field], child(p, field), kind));
    }
  });
  return errs;
}
