/**
 * Watch fan-out (kine pkg/broadcaster, with etcd's rules): each watcher has its own queue, drained
 * asynchronously and in revision order; an event is queued at most once (revision > last queued),
 * and a watcher whose consumer falls more than `limit` live events behind is dropped.
 */
import { SlowWatcherError } from './errors.ts';
import type { StoreEvent, WatchHandlers, Watcher } from './types.ts';

export class WatchQueue implements Watcher {
  readonly prefix: string;
  #handlers: WatchHandlers;
  #limit: number;
  #owner: Broadcaster;
  /** Highest revision queued so far; later offers at or below it are duplicates. */
  #last: number;
  #queue: StoreEvent[] = [];
  /** Revision of the last event handed to onEvent: where the consumer resumes after a drop. */
  #delivered: number;
  /** Replayed events still at the head of the queue; they do not count against the limit. */
  #replayLeft = 0;
  #pumping = false;
  #closed = false;

  constructor(owner: Broadcaster, prefix: string, from: number, limit: number, handlers: WatchHandlers) {
    this.#owner = owner;
    this.prefix = prefix;
    this.#last = from;
    this.#delivered = from;
    this.#limit = limit;
    this.#handlers = handlers;
  }

  /** Queues history read from the log (bounded by the history size, so exempt from the limit). */
  replay(events: StoreEvent[]): void {
    for (const event of events) {
      if (this.#accept(event)) this.#replayLeft++;
    }
    this.#schedule();
  }

  /** Queues a live event; drops the watcher when its backlog is over the limit. */
  offer(event: StoreEvent): void {
    if (!this.#accept(event)) return;
    if (this.#queue.length - this.#replayLeft > this.#limit) {
      this.close(new SlowWatcherError(this.prefix, this.#limit, this.#delivered));
      return;
    }
    this.#schedule();
  }

  /** Ends the watch without calling onClose (the consumer asked). */
  stop(): void {
    this.#end();
  }

  /** Ends the watch and tells the consumer why, once. */
  close(reason: Error): void {
    if (this.#closed) return;
    this.#end();
    // Never call back into the consumer from inside the write or the watch() call that got us here.
    queueMicrotask(() => this.#handlers.onClose(reason));
  }

  #accept(event: StoreEvent): boolean {
    if (this.#closed || event.revision <= this.#last || !event.key.startsWith(this.prefix)) return false;
    this.#last = event.revision;
    this.#queue.push(event);
    return true;
  }

  #end(): void {
    this.#closed = true;
    this.#queue = [];
    this.#owner.remove(this);
  }

  #schedule(): void {
    if (this.#pumping || this.#closed || this.#queue.length === 0) return;
    this.#pumping = true;
    queueMicrotask(() => void this.#pump());
  }

  async #pump(): Promise<void> {
    try {
      while (!this.#closed && this.#queue.length > 0) {
        const event = this.#queue.shift() as StoreEvent;
        if (this.#replayLeft > 0) this.#replayLeft--;
        this.#delivered = event.revision;
        const ack = this.#handlers.onEvent(event);
        if (ack) await ack;
      }
    } catch (error) {
      this.close(error instanceof Error ? error : new Error(String(error)));
    } finally {
      this.#pumping = false;
    }
  }
}

export class Broadcaster {
  #watchers = new Set<WatchQueue>();

  add(watcher: WatchQueue): void {
    this.#watchers.add(watcher);
  }

  remove(watcher: WatchQueue): void {
    this.#watchers.delete(watcher);
  }

  get size(): number {
    return this.#watchers.size;
  }

  publish(event: StoreEvent): void {
    for (const watcher of this.#watchers) watcher.offer(event);
  }

  closeAll(reason: Error): void {
    for (const watcher of [...this.#watchers]) watcher.close(reason);
  }
}
