/**
 * The Event table for core/v1 and events.k8s.io/v1 Events (both are the internal core Event), ported
 * from printEvent and formatEventSource in kubernetes/kubernetes pkg/printers/internalversion/printers.go.
 * The events.k8s.io field mapping follows pkg/apis/events/v1/conversion.go.
 */
import type { KubeObject } from '../../core/index.ts';
import type { KindPrinter } from './types.ts';
import { col, NAME_DOC } from './columns.ts';
import { isZeroTimestamp, since } from './duration.ts';
import { get, int, optInt, rec, str, type Obj } from './fields.ts';

/** The core Event fields printEvent reads. */
interface CoreEventView {
  name: string;
  involvedObject: Obj;
  reason: string;
  message: string;
  type: string;
  source: Obj;
  firstTimestamp: unknown;
  lastTimestamp: unknown;
  eventTime: unknown;
  count: number;
  series: Obj | undefined;
  reportingController: string;
  reportingInstance: string;
}

/** Reads either API version into the internal core Event's shape. */
export function eventView(ev: KubeObject, group: string): CoreEventView {
  const series = get(ev, 'series');
  const common = {
    name: ev.metadata.name ?? '',
    reason: str(ev.reason),
    type: str(ev.type),
    eventTime: ev.eventTime,
    series: series !== undefined && series !== null ? rec(series) : undefined,
    reportingController: str(ev.reportingController),
    reportingInstance: str(ev.reportingInstance),
  };
  if (group === 'events.k8s.io') {
    return {
      ...common,
      involvedObject: rec(ev.regarding),
      message: str(ev.note),
      source: rec(ev.deprecatedSource),
      firstTimestamp: ev.deprecatedFirstTimestamp,
      lastTimestamp: ev.deprecatedLastTimestamp,
      count: int(ev.deprecatedCount),
    };
  }
  return {
    ...common,
    involvedObject: rec(ev.involvedObject),
    message: str(ev.message),
    source: rec(ev.source),
    firstTimestamp: ev.firstTimestamp,
    lastTimestamp: ev.lastTimestamp,
    count: int(ev.count),
  };
}

/** formatEventSource: component (or reportingController), then ", host" (or reportingInstance). */
function eventSource(ev: CoreEventView): string {
  const component = str(ev.source.component) || ev.reportingController;
  const instance = str(ev.source.host) || ev.reportingInstance;
  return instance === '' ? component : `${component}, ${instance}`;
}

export function eventCells(ev: CoreEventView, now: Date): unknown[] {
  const firstSeen = isZeroTimestamp(ev.firstTimestamp)
    ? since(ev.eventTime, now)
    : since(ev.firstTimestamp, now);
  let lastSeen = isZeroTimestamp(ev.lastTimestamp) ? firstSeen : since(ev.lastTimestamp, now);
  let count = ev.count;
  if (ev.series !== undefined) {
    lastSeen = since(ev.series.lastObservedTime, now);
    count = optInt(ev.series.count) ?? 0;
  } else if (count === 0) {
    // Singleton events don't have a count set in the new API.
    count = 1;
  }
  const kind = str(ev.involvedObject.kind).toLowerCase();
  const name = str(ev.involvedObject.name);
  return [
    lastSeen,
    ev.type,
    ev.reason,
    name !== '' ? `${kind}/${name}` : kind,
    str(ev.involvedObject.fieldPath),
    eventSource(ev),
    ev.message.trim(),
    firstSeen,
    count,
    ev.name,
  ];
}

const columns = [
  col('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
  col('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
  col(
    'Reason',
    'string',
    "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
  ),
  col('Object', 'string', 'The object that this event is about.'),
  col(
    'Subobject',
    'string',
    'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].',
    1,
  ),
  col(
    'Source',
    'string',
    'The component reporting this event. Should be a short machine understandable string.',
    1,
  ),
  col('Message', 'string', 'A human-readable description of the status of this operation.'),
  col(
    'First Seen',
    'string',
    'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)',
    1,
  ),
  col('Count', 'string', 'The number of times this event has occurred.', 1),
  col('Name', 'string', NAME_DOC, 1, 'name'),
];

export const coreEventPrinter: KindPrinter = {
  columns,
  cells: (ev, now) => eventCells(eventView(ev, ''), now),
};

export const eventsV1Printer: KindPrinter = {
  columns,
  cells: (ev, now) => eventCells(eventView(ev, 'events.k8s.io'), now),
};
