/**
 * NodePort allocation (k8s: pkg/registry/core/service/portallocator/allocator.go): range 30000-32767 by
 * default, static band = the first min(max(16, size/32), 128) ports, random picks from the rest first.
 */
import { errors } from '../../../core/index.ts';
import { OffsetBitmap } from './bitmap.ts';
import { AllocationError } from './errors.ts';

export interface PortRange {
  base: number;
  size: number;
  /** As kube prints it: `30000-32767`. */
  text: string;
}

export function parsePortRange(text: string): PortRange {
  const m = /^(\d+)-(\d+)$/.exec(text);
  const lo = Number(m?.[1]);
  const hi = Number(m?.[2]);
  if (!m || lo < 1 || hi > 65535 || hi < lo)
    throw new TypeError(`invalid port range ${JSON.stringify(text)} (need LO-HI)`);
  return { base: lo, size: hi - lo + 1, text };
}

export class NodePortAllocator {
  readonly range: PortRange;
  readonly #map: OffsetBitmap;

  constructor(nodePortRange = '30000-32767', random: () => number = Math.random) {
    this.range = parsePortRange(nodePortRange);
    const staticSize = Math.min(Math.max(16, Math.floor(this.range.size / 32)), 128);
    this.#map = new OffsetBitmap(this.range.size, staticSize, random);
  }

  allocate(port: number): number {
    const offset = port - this.range.base;
    if (!Number.isInteger(port) || offset < 0 || offset >= this.range.size)
      throw new AllocationError(
        `provided port is not in the valid range. The range of valid ports is ${this.range.text}`,
      );
    if (!this.#map.allocate(offset)) throw new AllocationError('provided port is already allocated');
    return port;
  }

  allocateNext(): number {
    const offset = this.#map.allocateNext();
    if (offset === undefined) throw errors.internal('failed to allocate a nodePort: range is full');
    return this.range.base + offset;
  }

  release(port: number): void {
    this.#map.release(port - this.range.base);
  }

  has(port: number): boolean {
    return this.#map.has(port - this.range.base);
  }
}
