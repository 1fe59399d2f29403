/** The core/v1 Event shape the recorder writes, and the helpers that stamp it as client-go does. */
import type { KubeObject } from '../core/index.ts';

export interface ObjectReference {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  /** e.g. `spec.containers{web}` for container events. */
  fieldPath?: string;
}

export type EventType = 'Normal' | 'Warning';

export interface CoreEvent extends KubeObject {
  apiVersion: 'v1';
  kind: 'Event';
  metadata: { name: string; namespace: string; resourceVersion?: string; [field: string]: unknown };
  involvedObject: ObjectReference;
  reason: string;
  message: string;
  source: { component: string; host?: string };
  firstTimestamp: string;
  lastTimestamp: string;
  count: number;
  type: EventType;
  eventTime: null;
  reportingComponent: string;
  reportingInstance: string;
}

/** metav1.Time marshals to RFC 3339 in whole seconds. */
export function metaTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Event names are `<object name>.<unix nanoseconds in hex>` (client-go record/event.go makeEvent). */
export function eventName(objectName: string, unixNanos: bigint): string {
  return `${objectName}.${unixNanos.toString(16)}`;
}

/** The reference client-go's ref.GetReference builds (kind, namespace, name, uid, apiVersion, resourceVersion). */
export function objectReference(object: KubeObject, fieldPath?: string): ObjectReference {
  const ref: ObjectReference = { kind: object.kind };
  const m = object.metadata;
  if (m.namespace) ref.namespace = m.namespace;
  if (m.name) ref.name = m.name;
  if (m.uid) ref.uid = m.uid;
  ref.apiVersion = object.apiVersion;
  if (m.resourceVersion) ref.resourceVersion = m.resourceVersion;
  if (fieldPath) ref.fieldPath = fieldPath;
  return ref;
}
