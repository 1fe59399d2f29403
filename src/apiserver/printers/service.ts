/**
 * Service, Endpoints and EndpointSlice tables, ported from printService, formatEndpoints and
 * printEndpointSlice in kubernetes/kubernetes pkg/printers/internalversion/printers.go (v1.32).
 */
import type { KindPrinter } from './types.ts';
import { ageCol, col, formatLabels, nameCol } from './columns.ts';
import { since } from './duration.ts';
import { arr, get, int, optInt, rec, recs, str } from './fields.ts';

/** loadBalancerStatusStringer with wide=true (the apiserver always prints wide): sorted, unique. */
export function loadBalancerIngress(status: unknown): string {
  const result = new Set<string>();
  for (const ing of recs(get(status, 'ingress'))) {
    if (str(ing.ip) !== '') result.add(str(ing.ip));
    else if (str(ing.hostname) !== '') result.add(str(ing.hostname));
  }
  return [...result].sort().join(',');
}

function externalIP(svc: Record<string, unknown>): string {
  const spec = rec(svc.spec);
  const externalIPs = arr(spec.externalIPs).map(str);
  switch (str(spec.type) || 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lbIps = loadBalancerIngress(get(svc, 'status', 'loadBalancer'));
      if (externalIPs.length > 0) return [...(lbIps ? lbIps.split(',') : []), ...externalIPs].join(',');
      return lbIps !== '' ? lbIps : '<pending>';
    }
    case 'ExternalName':
      return str(spec.externalName);
    default:
      return '<unknown>';
  }
}

/** makePortString: `port[:nodePort]/protocol`, comma-joined (protocol defaults to TCP as in v1). */
export function servicePorts(ports: unknown): string {
  return recs(ports)
    .map((p) => {
      const proto = str(p.protocol) || 'TCP';
      const nodePort = int(p.nodePort);
      return nodePort > 0 ? `${int(p.port)}:${nodePort}/${proto}` : `${int(p.port)}/${proto}`;
    })
    .join(',');
}

export const servicePrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Type', 'string', 'type determines how the Service is exposed.'),
    col('Cluster-IP', 'string', 'clusterIP is the IP address of the service.'),
    col(
      'External-IP',
      'string',
      'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.',
    ),
    col('Port(s)', 'string', 'The list of ports that are exposed by this service.'),
    ageCol(),
    col(
      'Selector',
      'string',
      'Route service traffic to pods with label keys and values matching this selector.',
      1,
    ),
  ],
  cells(svc, now) {
    const spec = rec(svc.spec);
    // The internal type's clusterIPs[0]; v1 clusterIP is authoritative when both are set.
    const clusterIP = str(spec.clusterIP) || str(arr(spec.clusterIPs)[0]) || '<none>';
    return [
      svc.metadata.name ?? '',
      str(spec.type) || 'ClusterIP',
      clusterIP,
      externalIP(svc),
      servicePorts(spec.ports) || '<none>',
      since(svc.metadata.creationTimestamp, now),
      formatLabels(spec.selector),
    ];
  },
};

/** net.JoinHostPort: brackets around IPv6 hosts. */
const hostPort = (ip: string, port: number): string =>
  ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;

const MAX_LISTED = 3;

/** listWithMoreString: the first three, then " + N more..."; `<unset>` when empty. */
function listWithMore(list: string[], count: number): string {
  const ret = list.slice(0, MAX_LISTED).join(',');
  if (count > MAX_LISTED) return `${ret} + ${count - MAX_LISTED} more...`;
  return ret === '' ? '<unset>' : ret;
}

/** formatEndpoints(endpoints, nil): ip:port for every subset address × port, at most three listed. */
export function formatEndpoints(subsets: unknown): string {
  const all = recs(subsets);
  if (all.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  let more = false;
  const add = (s: string): void => {
    if (list.length === MAX_LISTED) more = true;
    else list.push(s);
  };
  for (const ss of all) {
    const addresses = recs(ss.addresses);
    const ports = recs(ss.ports);
    if (ports.length === 0) {
      // It's possible to have headless services with no ports.
      count += addresses.length;
      addresses.forEach((a) => add(str(a.ip)));
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      addresses.forEach((a) => add(hostPort(str(a.ip), int(port.port))));
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - MAX_LISTED} more...` : ret;
}

export const endpointsPrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Endpoints', 'string', 'The set of all endpoints is the union of all subsets.'),
    ageCol(),
  ],
  cells: (ep, now) => [
    ep.metadata.name ?? '',
    formatEndpoints(ep.subsets),
    since(ep.metadata.creationTimestamp, now),
  ],
};

function slicePorts(ports: unknown): string {
  const all = recs(ports).map((p) => {
    const port = optInt(p.port);
    return port !== undefined ? String(port) : typeof p.name === 'string' ? p.name : '*';
  });
  return listWithMore(all, all.length);
}

function sliceEndpoints(endpoints: unknown): string {
  const all = recs(endpoints).flatMap((e) => arr(e.addresses).map(str));
  return listWithMore(all, all.length);
}

export const endpointSlicePrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('AddressType', 'string', 'addressType specifies the type of address carried by this EndpointSlice.'),
    col(
      'Ports',
      'string',
      'ports specifies the list of network ports exposed by each endpoint in this slice.',
    ),
    col('Endpoints', 'string', 'endpoints is a list of unique endpoints in this slice.'),
    ageCol(),
  ],
  cells: (slice, now) => [
    slice.metadata.name ?? '',
    str(slice.addressType),
    slicePorts(slice.ports),
    sliceEndpoints(slice.endpoints),
    since(slice.metadata.creationTimestamp, now),
  ],
};
