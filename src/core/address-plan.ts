/**
 * The address plan: where the API server, the node, pods, Services and LoadBalancers live.
 * Everything is inside 127.0.0.0/8, so every packet stays on this machine; each range is
 * configurable so a second kubelab (a test run beside a user's) can use other ranges at once.
 */

export interface AddressPlan {
  /** The API server's listen address (always loopback). */
  apiHost: string;
  apiPort: number;
  /** The node's InternalIP; NodePorts listen here. */
  nodeIP: string;
  /** Pod IPs are taken from here, skipping the network address and .1. */
  podCIDR: string;
  /** ClusterIPs; the first address is the `kubernetes` Service, the tenth is kube-dns. */
  serviceCIDR: string;
  nodePortRange: { min: number; max: number };
  /** The pool the kubelab overlay gives MetalLB (a suggestion: the IPAddressPool decides). */
  loadBalancerRange: string;
}

export const DEFAULT_ADDRESS_PLAN: AddressPlan = {
  apiHost: '127.0.0.1',
  apiPort: 6443,
  nodeIP: '127.0.0.2',
  podCIDR: '127.244.0.0/16',
  serviceCIDR: '127.96.0.0/12',
  nodePortRange: { min: 30000, max: 32767 },
  loadBalancerRange: '127.17.255.1-127.17.255.254',
};

export class AddressPlanError extends Error {
  override name = 'AddressPlanError';
}

export function ipToInt(ip: string): number {
  const parts = ip.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) {
    throw new AddressPlanError(`"${ip}" is not an IPv4 address`);
  }
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Parses `a.b.c.d/len` into its first and last address as integers. */
export function parseCIDR(cidr: string): { first: number; last: number; prefix: number } {
  const m = /^([\d.]+)\/(\d{1,2})$/.exec(cidr);
  if (!m || Number(m[2]) > 32)
    throw new AddressPlanError(`"${cidr}" is not an IPv4 CIDR such as 127.244.0.0/16`);
  const prefix = Number(m[2]);
  const size = 2 ** (32 - prefix);
  const first = Math.floor(ipToInt(m[1]!) / size) * size;
  return { first, last: first + size - 1, prefix };
}

/** Parses `a-b` or a CIDR into its first and last address. */
export function parseRange(range: string): { first: number; last: number } {
  if (range.includes('/')) return parseCIDR(range);
  const [a, b] = range.split('-');
  if (a === undefined || b === undefined)
    throw new AddressPlanError(`"${range}" is not a range such as 127.17.255.1-127.17.255.254`);
  const first = ipToInt(a.trim());
  const last = ipToInt(b.trim());
  if (last < first) throw new AddressPlanError(`range "${range}" ends before it starts`);
  return { first, last };
}

const LOOPBACK = parseCIDR('127.0.0.0/8');

export function isLoopback(ip: string): boolean {
  try {
    const n = ipToInt(ip);
    return n >= LOOPBACK.first && n <= LOOPBACK.last;
  } catch {
    return false;
  }
}

/** Throws AddressPlanError naming the first problem: a range outside 127.0.0.0/8 or two that overlap. */
export function validateAddressPlan(plan: AddressPlan): AddressPlan {
  const ranges: [string, { first: number; last: number }][] = [
    ['apiHost', parseRange(`${plan.apiHost}-${plan.apiHost}`)],
    ['nodeIP', parseRange(`${plan.nodeIP}-${plan.nodeIP}`)],
    ['podCIDR', parseCIDR(plan.podCIDR)],
    ['serviceCIDR', parseCIDR(plan.serviceCIDR)],
    ['loadBalancerRange', parseRange(plan.loadBalancerRange)],
  ];
  for (const [name, r] of ranges) {
    if (r.first < LOOPBACK.first || r.last > LOOPBACK.last) {
      throw new AddressPlanError(
        `${name} must lie inside 127.0.0.0/8 (kubelab sends traffic only to loopback)`,
      );
    }
  }
  for (let i = 0; i < ranges.length; i++) {
    for (let j = i + 1; j < ranges.length; j++) {
      const [an, a] = ranges[i]!;
      const [bn, b] = ranges[j]!;
      if (an === 'apiHost' && bn === 'nodeIP') continue; // the API may listen on the node address
      if (a.first <= b.last && b.first <= a.last) throw new AddressPlanError(`${an} overlaps ${bn}`);
    }
  }
  const { min, max } = plan.nodePortRange;
  if (!(Number.isInteger(min) && Number.isInteger(max) && min >= 1 && max <= 65535 && min <= max)) {
    throw new AddressPlanError(`nodePortRange ${min}-${max} is not a port range`);
  }
  if (!(Number.isInteger(plan.apiPort) && plan.apiPort >= 0 && plan.apiPort <= 65535)) {
    throw new AddressPlanError(`apiPort ${plan.apiPort} is not a port`);
  }
  return plan;
}

/** The n-th address of a CIDR (n=1 is the first usable: the `kubernetes` Service IP). */
export function nthAddress(cidr: string, n: number): string {
  const { first, last } = parseCIDR(cidr);
  if (first + n > last) throw new AddressPlanError(`${cidr} has no address number ${n}`);
  return intToIp(first + n);
}
