/**
 * Pod IP allocation from the node's podCIDR on loopback (host-local IPAM as minikube's bridge CNI
 * does): skips the network address and .1 (the bridge/gateway), hands out the lowest free address,
 * and re-adopts the IPs of pods that already have one after a restart.
 */
import { intToIp, ipToInt, parseCIDR } from '../core/index.ts';

export class IpamExhaustedError extends Error {
  override name = 'IpamExhaustedError';
}

export class PodIpam {
  readonly #first: number;
  readonly #last: number;
  readonly #byOwner = new Map<string, number>();
  readonly #owners = new Map<number, string>();
  #next: number;

  constructor(podCIDR: string) {
    const { first, last } = parseCIDR(podCIDR);
    // Skip the network address and the gateway (.1); the broadcast address is unusable too.
    this.#first = first + 2;
    this.#last = last - 1;
    this.#next = this.#first;
  }

  /** The IP of `owner` (a pod uid), allocating the next free one. */
  allocate(owner: string): string {
    const have = this.#byOwner.get(owner);
    if (have !== undefined) return intToIp(have);
    const size = this.#last - this.#first + 1;
    for (let i = 0; i < size; i++) {
      const n = this.#first + ((this.#next - this.#first + i) % size);
      if (!this.#owners.has(n)) {
        this.#take(owner, n);
        // Like host-local's "last reserved" cursor: do not reuse a just-released IP at once.
        this.#next = n + 1 > this.#last ? this.#first : n + 1;
        return intToIp(n);
      }
    }
    throw new IpamExhaustedError(
      `no IP addresses available in range set: ${intToIp(this.#first)}-${intToIp(this.#last)}`,
    );
  }

  /** Records an existing pod's IP (kubelet restart); false when it is outside the range or taken. */
  adopt(owner: string, ip: string): boolean {
    let n: number;
    try {
      n = ipToInt(ip);
    } catch {
      return false;
    }
    if (n < this.#first || n > this.#last) return false;
    const holder = this.#owners.get(n);
    if (holder !== undefined) return holder === owner;
    if (this.#byOwner.has(owner)) return false;
    this.#take(owner, n);
    return true;
  }

  release(owner: string): void {
    const n = this.#byOwner.get(owner);
    if (n === undefined) return;
    this.#byOwner.delete(owner);
    this.#owners.delete(n);
  }

  get(owner: string): string | undefined {
    const n = this.#byOwner.get(owner);
    return n === undefined ? undefined : intToIp(n);
  }

  get size(): number {
    return this.#byOwner.size;
  }

  #take(owner: string, n: number): void {
    this.#byOwner.set(owner, n);
    this.#owners.set(n, owner);
  }
}
