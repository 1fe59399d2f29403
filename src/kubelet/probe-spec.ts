/**
 * A container's probe with Kubernetes' defaults applied (k8s: pkg/apis/core/v1/defaults.go
 * `SetDefaults_Probe`, `SetDefaults_HTTPGetAction`): period 10 s, timeout 1 s, thresholds 1/3, path `/`.
 */
import { isRecord } from '../core/index.ts';

export type ProbeKind = 'readiness' | 'liveness' | 'startup';
export type ProbeResult = 'Success' | 'Failure' | 'Unknown';

export type ProbeHandler =
  | {
      type: 'http';
      scheme: 'HTTP' | 'HTTPS';
      /** Empty means the pod IP. */
      host: string;
      port: number | string;
      path: string;
      headers: Array<{ name: string; value: string }>;
    }
  | { type: 'tcp'; host: string; port: number | string }
  | { type: 'exec'; command: string[] }
  | { type: 'grpc'; port: number; service?: string };

export interface ProbeSpec {
  kind: ProbeKind;
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  successThreshold: number;
  failureThreshold: number;
  terminationGracePeriodSeconds?: number;
  handler: ProbeHandler;
}

const num = (v: unknown, dflt: number): number => (typeof v === 'number' && v > 0 ? v : dflt);
const port = (v: unknown): number | string => (typeof v === 'number' || typeof v === 'string' ? v : 0);

/** The handler of a probe or lifecycle hook (`exec`/`httpGet`/`tcpSocket`/`grpc`), defaulted. */
export function parseHandler(raw: Record<string, unknown>): ProbeHandler | undefined {
  if (isRecord(raw.exec)) {
    const cmd = Array.isArray(raw.exec.command) ? raw.exec.command.map(String) : [];
    return { type: 'exec', command: cmd };
  }
  if (isRecord(raw.httpGet)) {
    const h = raw.httpGet;
    const path = typeof h.path === 'string' && h.path ? h.path : '/';
    return {
      type: 'http',
      scheme: h.scheme === 'HTTPS' ? 'HTTPS' : 'HTTP',
      host: typeof h.host === 'string' ? h.host : '',
      port: port(h.port),
      path: path.startsWith('/') ? path : `/${path}`,
      headers: Array.isArray(h.httpHeaders)
        ? h.httpHeaders.filter(isRecord).map((x) => ({ name: String(x.name), value: String(x.value) }))
        : [],
    };
  }
  if (isRecord(raw.tcpSocket)) {
    const t = raw.tcpSocket;
    return { type: 'tcp', host: typeof t.host === 'string' ? t.host : '', port: port(t.port) };
  }
  if (isRecord(raw.grpc)) {
    const g = raw.grpc;
    const out: ProbeHandler = { type: 'grpc', port: typeof g.port === 'number' ? g.port : 0 };
    if (typeof g.service === 'string') out.service = g.service;
    return out;
  }
  return undefined;
}

export function parseProbe(kind: ProbeKind, raw: unknown): ProbeSpec | undefined {
  if (!isRecord(raw)) return undefined;
  const handler = parseHandler(raw);
  if (!handler) return undefined;
  const spec: ProbeSpec = {
    kind,
    initialDelaySeconds: typeof raw.initialDelaySeconds === 'number' ? raw.initialDelaySeconds : 0,
    periodSeconds: num(raw.periodSeconds, 10),
    timeoutSeconds: num(raw.timeoutSeconds, 1),
    // successThreshold must be 1 for liveness and startup (validation), so force it.
    successThreshold: kind === 'readiness' ? num(raw.successThreshold, 1) : 1,
    failureThreshold: num(raw.failureThreshold, 3),
    handler,
  };
  if (typeof raw.terminationGracePeriodSeconds === 'number')
    spec.terminationGracePeriodSeconds = raw.terminationGracePeriodSeconds;
  return spec;
}

/** A named port (`http`) resolves through the container's ports, as kubelet's findPortByName. */
export function resolvePort(p: number | string, container: Record<string, unknown>): number | Error {
  if (typeof p === 'number') return p;
  if (/^\d+$/.test(p)) return Number(p);
  const ports = Array.isArray(container.ports) ? container.ports.filter(isRecord) : [];
  const found = ports.find((x) => x.name === p);
  if (found && typeof found.containerPort === 'number') return found.containerPort;
  return new Error(`couldn't find port: ${p} in ${JSON.stringify(container.name ?? '')}`);
}

export const PROBE_TITLE: Record<ProbeKind, string> = {
  readiness: 'Readiness',
  liveness: 'Liveness',
  startup: 'Startup',
};
