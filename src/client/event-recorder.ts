/**
 * The event recorder components use, as client-go's record.EventRecorder writing through
 * StartRecordingToSink (k8s: staging/src/k8s.io/client-go/tools/record/event.go): `event()` returns at
 * once; events are correlated (count++, aggregation, spam filter) and written in order, a repeat as a
 * PATCH of the first event, retried on transport errors but never on a server's refusal.
 */
import { ApiError, realClock } from '../core/index.ts';
import type { Clock, KubeObject } from '../core/index.ts';
import type { Client } from './client.ts';
import { ClientConfigError } from './errors.ts';
import { EventCorrelator } from './event-correlator.ts';
import type { CorrelateResult } from './event-correlator.ts';
import { eventName, metaTime, objectReference } from './event-types.ts';
import type { CoreEvent, EventType, ObjectReference } from './event-types.ts';

export interface EventRecorderConfig {
  /** source.component and reportingComponent: `deployment-controller`, `kubelet`, … */
  component: string;
  /** source.host and reportingInstance (the kubelet's node name). */
  host?: string;
  clock?: Clock;
  /** Pause between write attempts after a transport error (client-go: 10 s, the first one randomised). */
  retryDelayMs?: number;
  /** Attempts per event (client-go maxTriesPerEvent: 12). */
  maxTries?: number;
  /** Events that could not be written. Default: stderr, except AlreadyExists. */
  onError?: (err: Error, event: CoreEvent) => void;
}

export interface EventRecorder {
  /** `object` is the object the event is about, or a reference to it (with fieldPath for a container). */
  event(object: KubeObject | ObjectReference, type: EventType, reason: string, message: string): void;
  /** Resolves when every event recorded so far has been written or given up on. */
  flush(): Promise<void>;
  /** Drops events recorded after this. */
  stop(): void;
}

function isKubeObject(value: KubeObject | ObjectReference): value is KubeObject {
  return 'metadata' in value && typeof value.metadata === 'object';
}

export function createEventRecorder(
  client: Pick<Client, 'events'>,
  config: EventRecorderConfig,
): EventRecorder {
  if (!config.component) throw new ClientConfigError('an event recorder needs a component name');
  const clock = config.clock ?? realClock;
  const retryDelayMs = config.retryDelayMs ?? 10_000;
  const maxTries = config.maxTries ?? 12;
  const source = { component: config.component, ...(config.host ? { host: config.host } : {}) };
  const onError =
    config.onError ??
    ((err: Error, e: CoreEvent) =>
      console.error(
        `event recorder: cannot write event ${e.metadata.namespace}/${e.metadata.name}: ${err.message}`,
      ));
  const correlator = new EventCorrelator(clock);
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;

  const sleep = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));

  /** One attempt (recordEvent): true when written or not worth retrying. */
  async function attempt(result: CorrelateResult): Promise<boolean> {
    const { event, patch } = result;
    const namespace = event.metadata.namespace;
    try {
      let written: KubeObject | undefined;
      if (patch) {
        try {
          written = await client.events.patch(event.metadata.name, 'strategic', patch, { namespace });
        } catch (err) {
          if (!(err instanceof ApiError && err.code === 'NOT_FOUND')) throw err;
        }
      }
      if (!written) {
        // The first of its kind, or the one we would patch is gone: create, without a resourceVersion.
        const { resourceVersion: _rv, ...metadata } = event.metadata;
        written = await client.events.create({ ...event, metadata });
      }
      correlator.updateState(written as CoreEvent);
      return true;
    } catch (err) {
      if (err instanceof ApiError) {
        if (err.code !== 'ALREADY_EXISTS') onError(err, event);
        return true;
      }
      return false;
    }
  }

  async function write(result: CorrelateResult): Promise<void> {
    for (let tries = 1; ; tries++) {
      if (await attempt(result)) return;
      if (tries >= maxTries || stopped) {
        onError(new Error(`unable to write event (retry limit exceeded)`), result.event);
        return;
      }
      // Randomise the first pause so clients do not all retry in step after an apiserver restart.
      await sleep(tries === 1 ? retryDelayMs * Math.random() : retryDelayMs);
    }
  }

  return {
    event(object, type, reason, message) {
      if (stopped) return;
      const ref = isKubeObject(object) ? objectReference(object) : { ...object };
      const now = clock.now().getTime();
      const t = metaTime(now);
      const event: CoreEvent = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: {
          name: eventName(ref.name ?? '', correlator.nanos()),
          namespace: ref.namespace || 'default',
        },
        involvedObject: ref,
        reason,
        message,
        source,
        firstTimestamp: t,
        lastTimestamp: t,
        count: 1,
        type,
        eventTime: null,
        reportingComponent: config.component,
        reportingInstance: config.host ?? '',
      };
      if (type !== 'Normal' && type !== 'Warning') {
        onError(new Error(`unsupported event type: "${String(type)}"`), event); // util.ValidateEventType
        return;
      }
      const result = correlator.correlate(event);
      if (result.skip) return;
      chain = chain.then(() => write(result));
    },
    flush: () => chain,
    stop() {
      stopped = true;
    },
  };
}
