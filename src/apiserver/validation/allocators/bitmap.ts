/**
 * An offset range with kube's allocation order (k8s: pkg/registry/core/service/allocator/bitmap.go,
 * NewAllocationMapWithOffset): a random free offset from the upper, dynamic band first, then the lower,
 * static band, which is thereby kept for explicitly requested values (KEP-3070 / KEP-3668).
 */
export class OffsetBitmap {
  readonly #used = new Set<number>();
  readonly #size: number;
  readonly #staticSize: number;
  readonly #random: () => number;

  constructor(size: number, staticSize: number, random: () => number) {
    this.#size = size;
    this.#staticSize = Math.min(staticSize, size);
    this.#random = random;
  }

  has(offset: number): boolean {
    return this.#used.has(offset);
  }

  /** Marks `offset`; false when taken already. */
  allocate(offset: number): boolean {
    if (this.#used.has(offset)) return false;
    this.#used.add(offset);
    return true;
  }

  release(offset: number): void {
    this.#used.delete(offset);
  }

  get free(): number {
    return this.#size - this.#used.size;
  }

  /** A free offset, or undefined when full. */
  allocateNext(): number | undefined {
    const pick = this.#scan(this.#staticSize, this.#size) ?? this.#scan(0, this.#staticSize);
    if (pick !== undefined) this.#used.add(pick);
    return pick;
  }

  /** Random start, then a linear scan with wrap-around, as bitmap.go's randomScanStrategyWithOffset. */
  #scan(from: number, to: number): number | undefined {
    const n = to - from;
    if (n <= 0) return undefined;
    const start = Math.floor(this.#random() * n);
    for (let i = 0; i < n; i++) {
      const offset = from + ((start + i) % n);
      if (!this.#used.has(offset)) return offset;
    }
    return undefined;
  }
}
