/**
 * MetalLB: an IPAddressPool that no L2Advertisement/BGPAdvertisement announces. MetalLB still allocates
 * its IPs (event IPAllocated) but no node answers ARP for them, so they are unreachable — the lab's
 * metallb-config.yaml had only the pool (its L2Advertisement ended up in web-svc-lb.yaml).
 */
import { asArray, asRecord } from '../path.ts';
import type { Located, ManifestObject } from '../types.ts';

const ADVERTISEMENTS = new Set(['L2Advertisement', 'BGPAdvertisement']);

function isMetalLB(o: ManifestObject): boolean {
  return o.apiVersion.startsWith('metallb.io/') && !o.unindented;
}

/** mlb: "Setting no IPAddressPool selector in an L2Advertisement ... associated to all the IPAddressPools". */
function announces(adv: ManifestObject, pool: string): boolean {
  const spec = asRecord(adv.value['spec']);
  const names = asArray(spec['ipAddressPools']);
  const selectors = asArray(spec['ipAddressPoolSelectors']);
  if (selectors.length > 0) return true; // label selectors: assume they match rather than guess
  return names.length === 0 || names.includes(pool);
}

export function checkMetalLB(objects: readonly ManifestObject[]): Located[] {
  const adverts = objects.filter((o) => isMetalLB(o) && ADVERTISEMENTS.has(o.kind));
  const out: Located[] = [];
  for (const pool of objects.filter((o) => isMetalLB(o) && o.kind === 'IPAddressPool')) {
    const name = pool.name ?? '';
    if (adverts.some((a) => a.namespace === pool.namespace && announces(a, name))) continue;
    out.push({
      obj: pool,
      finding: {
        check: 'metallb-not-announced',
        severity: 'warning',
        path: ['metadata', 'name'],
        message: `IPAddressPool "${name}" is not announced by any L2Advertisement or BGPAdvertisement in namespace "${pool.namespace}" of the set: MetalLB assigns its IPs but no node answers for them`,
        fix: `add an L2Advertisement in namespace ${pool.namespace} with spec.ipAddressPools: [${name}] (or with no pool list, meaning all pools)`,
      },
    });
  }
  return out;
}
