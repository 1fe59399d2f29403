/**
 * The EndpointSlice controller's sync as a pure function (k8s: staging/src/k8s.io/endpointslice/
 * reconciler.go, utils.go podToEndpoint/getEndpointPorts/setEndpointSliceLabels): IPv4 slices of at
 * most 100 endpoints per distinct port set, terminating pods kept with ready=false.
 */
import type { KubeObject } from '../../core/index.ts';
import type { Action, ReconcileOutput } from '../common/actions.ts';
import { deepEqual } from '../common/equality.ts';
import { controllerRef } from '../common/owners.ts';
import { isPodReady, podIP } from '../common/pods.ts';
import { findPort, shouldSetHostname } from '../common/ports.ts';
import { mapSelectorMatches } from '../common/selector.ts';
import type { Pod, Service } from '../common/types.ts';
import { HEADLESS_LABEL, shouldPodBeInEndpoints } from '../endpoints/reconcile.ts';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
/** --max-endpoints-per-slice default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;

export interface SliceEndpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  hostname?: string;
  targetRef: { kind: 'Pod'; namespace: string; name: string; uid: string };
  nodeName?: string;
}

export interface SlicePort {
  name: string;
  protocol: string;
  port: number;
  appProtocol?: string;
}

export interface EndpointSlice extends KubeObject {
  addressType: 'IPv4' | 'IPv6' | 'FQDN';
  endpoints: SliceEndpoint[];
  ports?: SlicePort[];
}

export interface EndpointSliceInput {
  service: Service;
  /** Pods in the Service's namespace. */
  pods: Pod[];
  /** Slices in the namespace (those of other services or managers are ignored). */
  slices: EndpointSlice[];
}

/** podToEndpoint. */
export function podToEndpoint(pod: Pod, svc: Service): SliceEndpoint {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata.deletionTimestamp;
  // "ready should never be true if a pod is terminating, unless publishNotReadyAddresses was set".
  const ready = svc.spec.publishNotReadyAddresses === true || (serving && !terminating);
  const ep: Partial<SliceEndpoint> = {
    addresses: [podIP(pod)!],
    conditions: { ready, serving, terminating },
  };
  if (shouldSetHostname(pod, svc.metadata.name, svc.metadata.namespace)) ep.hostname = pod.spec.hostname;
  const m = pod.metadata;
  ep.targetRef = { kind: 'Pod', namespace: m.namespace ?? '', name: m.name ?? '', uid: m.uid ?? '' };
  if (pod.spec.nodeName) ep.nodeName = pod.spec.nodeName;
  return ep as SliceEndpoint;
}

function endpointPorts(svc: Service, pod: Pod): SlicePort[] {
  const out: SlicePort[] = [];
  for (const sp of svc.spec.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const p: SlicePort = { name: sp.name ?? '', protocol: sp.protocol ?? 'TCP', port };
    if (sp.appProtocol) p.appProtocol = sp.appProtocol;
    out.push(p);
  }
  return out;
}

const portsKey = (ports: SlicePort[] | undefined) =>
  (ports ?? [])
    .map((p) => `${p.name}/${p.protocol}/${p.port}/${p.appProtocol ?? ''}`)
    .sort()
    .join(',');

/** setEndpointSliceLabels: the Service's labels plus the controller's own. */
function sliceLabels(svc: Service): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata.labels ?? {})) {
    if (k !== SERVICE_NAME_LABEL && k !== MANAGED_BY_LABEL && k !== HEADLESS_LABEL) labels[k] = v;
  }
  if (svc.spec.clusterIP === 'None') labels[HEADLESS_LABEL] = '';
  labels[SERVICE_NAME_LABEL] = svc.metadata.name ?? '';
  labels[MANAGED_BY_LABEL] = CONTROLLER_NAME;
  return labels;
}

function newSlice(svc: Service, ports: SlicePort[], endpoints: SliceEndpoint[]): EndpointSlice {
  const slice: EndpointSlice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: `${svc.metadata.name}-`,
      namespace: svc.metadata.namespace,
      labels: sliceLabels(svc),
      ownerReferences: [{ ...controllerRef(svc), apiVersion: 'v1', kind: 'Service' }],
    },
    addressType: 'IPv4',
    endpoints,
  };
  if (ports.length) slice.ports = ports;
  return slice;
}

const uidOf = (e: SliceEndpoint) => e.targetRef.uid;

export function reconcileEndpointSlices(input: EndpointSliceInput): ReconcileOutput {
  const svc = input.service;
  const actions: Action[] = [];
  if (!svc.spec.selector || svc.spec.type === 'ExternalName' || svc.metadata.deletionTimestamp)
    return { actions };
  const mine = input.slices
    .filter(
      (s) =>
        s.metadata.labels?.[SERVICE_NAME_LABEL] === svc.metadata.name &&
        s.metadata.labels?.[MANAGED_BY_LABEL] === CONTROLLER_NAME &&
        !s.metadata.deletionTimestamp &&
        s.addressType === 'IPv4',
    )
    .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));

  // Desired endpoints grouped by their port set.
  const desired = new Map<string, { ports: SlicePort[]; endpoints: Map<string, SliceEndpoint> }>();
  const pods = input.pods
    .filter(
      (p) => mapSelectorMatches(svc.spec.selector!, p.metadata.labels) && shouldPodBeInEndpoints(p, true),
    )
    .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  for (const pod of pods) {
    const ports = endpointPorts(svc, pod);
    if (ports.length === 0 && (svc.spec.ports ?? []).length > 0) continue;
    const key = portsKey(ports);
    let g = desired.get(key);
    if (!g) desired.set(key, (g = { ports, endpoints: new Map() }));
    const ep = podToEndpoint(pod, svc);
    g.endpoints.set(uidOf(ep), ep);
  }

  const labels = sliceLabels(svc);
  const keep = new Set<EndpointSlice>();
  for (const [key, g] of desired) {
    const candidates = mine.filter((s) => portsKey(s.ports) === key);
    const placed = new Set<string>();
    const plans: { slice: EndpointSlice | undefined; endpoints: SliceEndpoint[] }[] = [];
    // Keep each endpoint in the slice it already lives in, updated in place (less churn).
    for (const s of candidates) {
      const eps = s.endpoints.flatMap((e) => {
        const want = g.endpoints.get(uidOf(e));
        if (!want || placed.has(uidOf(e))) return [];
        placed.add(uidOf(e));
        return [want];
      });
      plans.push({ slice: s, endpoints: eps });
    }
    const rest = [...g.endpoints.values()].filter((e) => !placed.has(uidOf(e)));
    for (const p of plans)
      while (rest.length && p.endpoints.length < MAX_ENDPOINTS_PER_SLICE) p.endpoints.push(rest.shift()!);
    while (rest.length) plans.push({ slice: undefined, endpoints: rest.splice(0, MAX_ENDPOINTS_PER_SLICE) });
    for (const p of plans) {
      if (p.endpoints.length === 0) continue;
      if (!p.slice) {
        actions.push({
          type: 'create',
          resource: 'endpointslices',
          object: newSlice(svc, g.ports, p.endpoints),
        });
        continue;
      }
      keep.add(p.slice);
      if (!deepEqual(p.slice.endpoints, p.endpoints) || !deepEqual(p.slice.metadata.labels, labels)) {
        actions.push({
          type: 'update',
          resource: 'endpointslices',
          object: {
            ...structuredClone(p.slice),
            metadata: { ...structuredClone(p.slice.metadata), labels },
            endpoints: p.endpoints,
          },
        });
      }
    }
  }

  // No endpoints at all: one placeholder slice (no endpoints, no ports) stays, as Go keeps one.
  if (desired.size === 0) {
    const placeholder = mine.find((s) => s.endpoints.length === 0 && (s.ports ?? []).length === 0);
    if (placeholder) {
      keep.add(placeholder);
      if (!deepEqual(placeholder.metadata.labels, labels)) {
        actions.push({
          type: 'update',
          resource: 'endpointslices',
          object: {
            ...structuredClone(placeholder),
            metadata: { ...structuredClone(placeholder.metadata), labels },
          },
        });
      }
    } else actions.push({ type: 'create', resource: 'endpointslices', object: newSlice(svc, [], []) });
  }
  for (const s of mine) {
    if (keep.has(s)) continue;
    actions.push({
      type: 'delete',
      resource: 'endpointslices',
      namespace: s.metadata.namespace ?? '',
      name: s.metadata.name ?? '',
      uid: s.metadata.uid,
    });
  }
  return { actions };
}
