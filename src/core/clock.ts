/** An injectable clock, so controllers and probes run on fake time in tests. */

export interface Timer {
  cancel(): void;
}

export interface Clock {
  now(): Date;
  /** Runs `fn` after `ms` milliseconds of this clock's time. */
  setTimeout(fn: () => void, ms: number): Timer;
}

export const realClock: Clock = {
  now: () => new Date(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(t) };
  },
};

/** A clock that moves only when told to; timers fire in due order during `advance`. */
export class FakeClock implements Clock {
  #now: number;
  #timers: { due: number; seq: number; fn: () => void; cancelled: boolean }[] = [];
  #seq = 0;

  constructor(start: Date | string = '2026-01-01T00:00:00Z') {
    this.#now = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  setTimeout(fn: () => void, ms: number): Timer {
    const timer = { due: this.#now + Math.max(0, ms), seq: this.#seq++, fn, cancelled: false };
    this.#timers.push(timer);
    return { cancel: () => void (timer.cancelled = true) };
  }

  /** Moves time forward by `ms`, firing every timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      const next = this.#timers
        .filter((t) => !t.cancelled && t.due <= end)
        .sort((a, b) => a.due - b.due || a.seq - b.seq)[0];
      if (!next) break;
      next.cancelled = true;
      this.#now = next.due;
      next.fn();
    }
    this.#timers = this.#timers.filter((t) => !t.cancelled);
    this.#now = end;
  }

  pendingTimers(): number {
    return this.#timers.filter((t) => !t.cancelled).length;
  }
}
