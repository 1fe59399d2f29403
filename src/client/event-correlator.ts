/**
 * Event correlation as client-go's EventCorrelator (k8s: staging/src/k8s.io/client-go/tools/record/
 * events_cache.go): an identical event within the cache becomes a PATCH of count and lastTimestamp
 * on the first one; more than 10 messages for the same object/reason in 10 minutes are combined into
 * one "(combined from similar events)" event; a source may send 25 events per object, then 1 per 5 min.
 */
import type { Clock } from '../core/index.ts';
import type { CoreEvent } from './event-types.ts';
import { eventName, metaTime } from './event-types.ts';
import { Lru } from './lru.ts';

const MAX_LRU_ENTRIES = 4096;
const AGGREGATE_MAX_EVENTS = 10;
const AGGREGATE_INTERVAL_MS = 600_000;
const SPAM_BURST = 25;
const SPAM_QPS = 1 / 300;

export interface CorrelateResult {
  event: CoreEvent;
  /** Set when the event repeats one already written: the strategic merge patch for it. */
  patch?: { count: number; lastTimestamp: string; message: string };
  /** The spam filter dropped it. */
  skip: boolean;
}

const objectParts = (e: CoreEvent) => [
  e.source.component,
  e.source.host ?? '',
  e.involvedObject.kind ?? '',
  e.involvedObject.namespace ?? '',
  e.involvedObject.name ?? '',
];

/** getEventKey: source, involved object (with fieldPath), type, reason and message. */
export function eventKey(e: CoreEvent): string {
  const o = e.involvedObject;
  return [
    ...objectParts(e),
    o.fieldPath ?? '',
    o.uid ?? '',
    o.apiVersion ?? '',
    e.type,
    e.reason,
    e.message,
  ].join('');
}

const spamKey = (e: CoreEvent) =>
  [...objectParts(e), e.involvedObject.uid ?? '', e.involvedObject.apiVersion ?? ''].join('');

const aggregateKey = (e: CoreEvent) =>
  [spamKey(e), e.type, e.reason, e.reportingComponent, e.reportingInstance].join('');

interface Observation {
  count: number;
  firstTimestamp: string;
  name: string;
  resourceVersion?: string;
}

export class EventCorrelator {
  readonly #clock: Clock;
  readonly #aggregates = new Lru<string, { messages: Set<string>; last: number }>(MAX_LRU_ENTRIES);
  readonly #observed = new Lru<string, Observation>(MAX_LRU_ENTRIES);
  readonly #spam = new Lru<string, { tokens: number; last: number }>(MAX_LRU_ENTRIES);
  #lastNanos = 0n;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Unique, increasing unix nanoseconds for event names: ms from the clock, a distinct sub-ms part. */
  nanos(): bigint {
    const next =
      BigInt(this.#clock.now().getTime()) * 1_000_000n + BigInt(Math.floor(Math.random() * 1_000_000));
    this.#lastNanos = next > this.#lastNanos ? next : this.#lastNanos + 1n;
    return this.#lastNanos;
  }

  correlate(incoming: CoreEvent): CorrelateResult {
    const [aggregated, key] = this.#aggregate(incoming);
    const { event, patch } = this.#observe(aggregated, key);
    return { event, ...(patch ? { patch } : {}), skip: this.#isSpam(event) };
  }

  /** Records what the server answered, so the next repeat patches the right name. */
  updateState(event: CoreEvent): void {
    this.#observed.set(eventKey(event), {
      count: event.count,
      firstTimestamp: event.firstTimestamp,
      name: event.metadata.name,
      resourceVersion: event.metadata.resourceVersion,
    });
  }

  #aggregate(event: CoreEvent): [CoreEvent, string] {
    const now = this.#clock.now().getTime();
    const akey = aggregateKey(event);
    let record = this.#aggregates.get(akey);
    if (!record || now - record.last > AGGREGATE_INTERVAL_MS) record = { messages: new Set(), last: now };
    record.messages.add(event.message);
    record.last = now;
    this.#aggregates.set(akey, record);
    if (record.messages.size < AGGREGATE_MAX_EVENTS) return [event, eventKey(event)];
    record.messages.delete(record.messages.values().next().value as string);
    const t = metaTime(now);
    const combined: CoreEvent = {
      ...event,
      metadata: {
        name: eventName(event.involvedObject.name ?? '', this.nanos()),
        namespace: event.metadata.namespace,
      },
      count: 1,
      firstTimestamp: t,
      lastTimestamp: t,
      message: `(combined from similar events): ${event.message}`,
      reportingComponent: '',
      reportingInstance: '',
    };
    return [combined, akey];
  }

  #observe(incoming: CoreEvent, key: string): Pick<CorrelateResult, 'event' | 'patch'> {
    const last = this.#observed.get(key);
    let event = incoming;
    let patch: CorrelateResult['patch'];
    if (last && last.count > 0) {
      event = {
        ...incoming,
        metadata: {
          ...incoming.metadata,
          name: last.name,
          ...(last.resourceVersion ? { resourceVersion: last.resourceVersion } : {}),
        },
        firstTimestamp: last.firstTimestamp,
        count: last.count + 1,
      };
      // CreateTwoWayMergePatch of (count 0, epoch lastTimestamp, empty message) → event keeps exactly these three.
      patch = { count: event.count, lastTimestamp: event.lastTimestamp, message: event.message };
    }
    this.#observed.set(key, {
      count: event.count,
      firstTimestamp: event.firstTimestamp,
      name: event.metadata.name,
      resourceVersion: event.metadata.resourceVersion,
    });
    return { event, patch };
  }

  // A token bucket per source+object, full at first (flowcontrol.NewTokenBucketRateLimiterWithClock).
  #isSpam(event: CoreEvent): boolean {
    const now = this.#clock.now().getTime();
    const key = spamKey(event);
    const bucket = this.#spam.get(key) ?? { tokens: SPAM_BURST, last: now };
    bucket.tokens = Math.min(SPAM_BURST, bucket.tokens + ((now - bucket.last) / 1000) * SPAM_QPS);
    bucket.last = now;
    const accept = bucket.tokens >= 1;
    if (accept) bucket.tokens -= 1;
    this.#spam.set(key, bucket);
    return !accept;
  }
}
