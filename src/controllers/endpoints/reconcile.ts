/**
 * The Endpoints controller's sync as a pure function (k8s: pkg/controller/endpoint/
 * endpoints_controller.go syncService; pkg/api/v1/endpoints/util.go RepackSubsets): one Endpoints
 * object per selector Service, Ready pods under `addresses`, the others under `notReadyAddresses`.
 */
import type { KubeObject } from '../../core/index.ts';
import type { Action, ReconcileOutput } from '../common/actions.ts';
import { deepEqual } from '../common/equality.ts';
import { isPodReady, isPodTerminal, podIP } from '../common/pods.ts';
import { findPort, shouldSetHostname } from '../common/ports.ts';
import { mapSelectorMatches } from '../common/selector.ts';
import type { Pod, Service } from '../common/types.ts';
import { OVER_CAPACITY, truncateSubsets } from './capacity.ts';

export const HEADLESS_LABEL = 'service.kubernetes.io/headless';

export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef: { kind: 'Pod'; namespace: string; name: string; uid: string };
}

export interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

export interface Endpoints extends KubeObject {
  subsets?: EndpointSubset[];
}

export interface EndpointsInput {
  /** Undefined when the Service is gone: its Endpoints are deleted. */
  service: Service | undefined;
  /** The current Endpoints of that name, if any. */
  endpoints: Endpoints | undefined;
  /** Pods in the Service's namespace. */
  pods: Pod[];
  /** For the deletion case. */
  namespace: string;
  name: string;
}

/** ShouldPodBeInEndpoints(pod, includeTerminating). */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  if (!podIP(pod)) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

/** An address in Go's field order (ip, hostname, nodeName, targetRef). */
function address(pod: Pod, svc: Service): EndpointAddress {
  const a: Partial<EndpointAddress> = { ip: podIP(pod)! };
  if (shouldSetHostname(pod, svc.metadata.name, svc.metadata.namespace)) a.hostname = pod.spec.hostname;
  if (pod.spec.nodeName) a.nodeName = pod.spec.nodeName;
  const m = pod.metadata;
  a.targetRef = { kind: 'Pod', namespace: m.namespace ?? '', name: m.name ?? '', uid: m.uid ?? '' };
  return a as EndpointAddress;
}

const portKey = (p: EndpointPort) => `${p.name ?? ''}/${p.protocol}/${p.port}`;
const ipOrder = (a: EndpointAddress, b: EndpointAddress) =>
  a.ip.localeCompare(b.ip, 'en', { numeric: true }) || a.targetRef.uid.localeCompare(b.targetRef.uid);

/** The subsets for a Service: each address with the set of ports it serves, grouped by equal port sets. */
export function desiredSubsets(svc: Service, pods: Pod[]): EndpointSubset[] {
  const tolerateUnready = svc.spec.publishNotReadyAddresses === true;
  const entries = new Map<
    string,
    { addr: EndpointAddress; ready: boolean; ports: Map<string, EndpointPort> }
  >();
  const headless = svc.spec.clusterIP === 'None';
  for (const pod of pods) {
    if (!mapSelectorMatches(svc.spec.selector ?? {}, pod.metadata.labels)) continue;
    if (!shouldPodBeInEndpoints(pod, tolerateUnready)) continue;
    const addr = address(pod, svc);
    const ready = tolerateUnready || isPodReady(pod);
    const key = `${addr.ip}/${addr.targetRef.uid}`;
    const ports = new Map<string, EndpointPort>();
    const svcPorts = svc.spec.ports ?? [];
    if (svcPorts.length === 0) {
      if (!headless) continue;
    } else {
      let any = false;
      for (const sp of svcPorts) {
        const num = findPort(pod, sp);
        if (num === undefined) continue;
        const ep: EndpointPort = {
          ...(sp.name ? { name: sp.name } : {}),
          port: num,
          protocol: sp.protocol ?? 'TCP',
        };
        if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
        ports.set(portKey(ep), ep);
        any = true;
      }
      if (!any) continue;
    }
    entries.set(key, { addr, ready, ports });
  }
  // RepackSubsets: addresses that serve the same set of ports share a subset.
  const groups = new Map<string, EndpointSubset>();
  for (const e of entries.values()) {
    const ports = [...e.ports.values()].sort((a, b) => portKey(a).localeCompare(portKey(b)));
    const key = ports.map(portKey).join(',');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = ports.length ? { ports } : {}));
    if (e.ready) (g.addresses ??= []).push(e.addr);
    else (g.notReadyAddresses ??= []).push(e.addr);
  }
  const subsets = [...groups.values()];
  for (const s of subsets) {
    s.addresses?.sort(ipOrder);
    s.notReadyAddresses?.sort(ipOrder);
  }
  const first = (s: EndpointSubset) => (s.addresses ?? s.notReadyAddresses ?? [])[0]?.ip ?? '';
  return subsets
    .sort((a, b) => first(a).localeCompare(first(b), 'en', { numeric: true }))
    .map((s) => ({
      ...(s.addresses ? { addresses: s.addresses } : {}),
      ...(s.notReadyAddresses ? { notReadyAddresses: s.notReadyAddresses } : {}),
      ...(s.ports ? { ports: s.ports } : {}),
    }));
}

export function reconcileEndpoints(input: EndpointsInput): ReconcileOutput {
  const { service: svc, endpoints: current } = input;
  const actions: Action[] = [];
  if (!svc) {
    if (current)
      actions.push({ type: 'delete', resource: 'endpoints', namespace: input.namespace, name: input.name });
    return { actions };
  }
  // Services without a selector get no endpoints from this controller (the user writes them).
  if (!svc.spec.selector) return { actions };
  if (svc.metadata.deletionTimestamp) return { actions };

  const subsets = desiredSubsets(svc, input.pods);
  const truncated = truncateSubsets(subsets);
  const annotations: Record<string, string> = { ...(current?.metadata.annotations ?? {}) };
  if (truncated) annotations[OVER_CAPACITY] = 'truncated';
  else delete annotations[OVER_CAPACITY];
  const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
  if (svc.spec.clusterIP === 'None') labels[HEADLESS_LABEL] = '';
  else delete labels[HEADLESS_LABEL];

  if (
    current &&
    deepEqual(current.subsets ?? [], subsets) &&
    deepEqual(current.metadata.labels ?? {}, labels) &&
    deepEqual(current.metadata.annotations ?? {}, annotations)
  ) {
    return { actions };
  }
  const metadata: Endpoints['metadata'] = current
    ? { ...structuredClone(current.metadata), labels, annotations }
    : { name: svc.metadata.name, namespace: svc.metadata.namespace, labels, annotations };
  if (Object.keys(labels).length === 0) delete metadata.labels;
  if (Object.keys(annotations).length === 0) delete metadata.annotations;
  const object: Endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata };
  if (subsets.length) object.subsets = subsets;
  actions.push(
    current
      ? { type: 'update', resource: 'endpoints', object }
      : {
          type: 'create',
          resource: 'endpoints',
          object,
          onFailure: {
            about: svc,
            type: 'Warning',
            reason: 'FailedToCreateEndpoint',
            message: `Failed to create endpoint for service ${svc.metadata.namespace}/${svc.metadata.name}: {error}`,
          },
        },
  );
  return { actions };
}
