/**
 * ClusterIP allocation over the service CIDR (k8s: pkg/registry/core/service/ipallocator/bitmap.go,
 * pkg/registry/core/service/storage/alloc.go). Network and broadcast addresses are never handed out; the
 * static band (the first min(max(16, size/16), 256) addresses, so .1 for `kubernetes` and .10 for kube-dns)
 * is used for random picks only when the rest is full.
 */
import { errors } from '../../../core/index.ts';
import { OffsetBitmap } from './bitmap.ts';
import { AllocationError } from './errors.ts';
import type { Cidr } from './ipv4.ts';
import { formatIPv4, parseCidr, parseIPv4 } from './ipv4.ts';

export class ClusterIPAllocator {
  readonly cidr: Cidr;
  readonly #map: OffsetBitmap;

  constructor(serviceCIDR: string, random: () => number = Math.random) {
    this.cidr = parseCidr(serviceCIDR);
    const usable = this.cidr.size - 2;
    this.#map = new OffsetBitmap(
      usable,
      Math.min(Math.max(16, Math.floor(this.cidr.size / 16)), 256),
      random,
    );
  }

  /** Reserves `ip`, or throws AllocationError with kube's text. */
  allocate(ip: string): string {
    const n = parseIPv4(ip);
    const offset = n === undefined ? -1 : n - this.cidr.base - 1;
    if (n === undefined || offset < 0 || offset >= this.cidr.size - 2)
      throw new AllocationError(
        `failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.cidr.text}`,
      );
    if (!this.#map.allocate(offset))
      throw new AllocationError(`failed to allocate IP ${ip}: provided IP is already allocated`);
    return ip;
  }

  /** A free IP; a full range is a server-side failure in kube (500), not a field error. */
  allocateNext(): string {
    const offset = this.#map.allocateNext();
    if (offset === undefined) throw errors.internal('failed to allocate a serviceIP: range is full');
    return formatIPv4(this.cidr.base + 1 + offset);
  }

  release(ip: string): void {
    const n = parseIPv4(ip);
    if (n !== undefined) this.#map.release(n - this.cidr.base - 1);
  }

  has(ip: string): boolean {
    const n = parseIPv4(ip);
    return n !== undefined && this.#map.has(n - this.cidr.base - 1);
  }
}
