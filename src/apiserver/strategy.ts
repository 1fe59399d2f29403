/**
 * What kube's registry strategies do around a write: system metadata on create, status reset on
 * create, spec/status separation between the main resource and the status subresource, and
 * generation bumps on spec change (k8s: staging/src/k8s.io/apiserver/pkg/registry/rest/create.go,
 * update.go; pkg/registry/apps/deployment/strategy.go and siblings).
 */
import { randomUUID } from 'node:crypto';
import { isRecord } from '../core/index.ts';
import type { KubeObject } from '../core/index.ts';
import { crdStatus } from './crd-status.ts';
import { hasSubresource } from './registry/types.ts';
import type { ResourceInfo } from './registry/types.ts';
import { specOf } from './objects.ts';
import { podQosClass } from './pods/qos.ts';

const GENERATE_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

/** k8s: staging/src/k8s.io/apiserver/pkg/storage/names/generate.go (5 random chars). */
export function generateName(base: string): string {
  let s = base.length > 58 ? base.slice(0, 58) : base;
  for (let i = 0; i < 5; i++) s += GENERATE_CHARS[Math.floor(Math.random() * GENERATE_CHARS.length)];
  return s;
}

export function prepareForCreate(info: ResourceInfo, obj: KubeObject, now: Date): void {
  const m = obj.metadata;
  m.uid = randomUUID();
  m.creationTimestamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  delete m.resourceVersion;
  delete m.deletionTimestamp;
  delete m.deletionGracePeriodSeconds;
  delete m.selfLink;
  if (info.generation) m.generation = 1;
  else delete m.generation;
  if (hasSubresource(info, 'status') && info.resource !== 'nodes') delete obj.status;
  if (info.builtIn && info.group === '') {
    if (info.resource === 'pods') obj.status = { phase: 'Pending', qosClass: podQosClass(obj) };
    if (info.resource === 'namespaces') {
      obj.status = { phase: 'Active' };
      obj.spec = { finalizers: ['kubernetes'] };
    }
    if (info.resource === 'services') obj.status = { loadBalancer: {} };
    if (info.resource === 'persistentvolumeclaims') obj.status = { phase: 'Pending' };
    if (info.resource === 'persistentvolumes') obj.status = { phase: 'Pending' };
  }
  if (info.builtIn && info.resource === 'customresourcedefinitions') obj.status = crdStatus(obj, now);
}

/**
 * Builds the object to store from the request body and the live object, for the main resource
 * (status kept) or the status subresource (only status taken).
 */
export function prepareForUpdate(
  info: ResourceInfo,
  body: KubeObject,
  old: KubeObject,
  subresource: 'status' | undefined,
  now: Date,
  /** Deletion marks deletionTimestamp/deletionGracePeriodSeconds itself; requests may not. */
  deleting = false,
): KubeObject {
  const withStatusSub = hasSubresource(info, 'status');
  let next: KubeObject;
  if (subresource === 'status') {
    next = { ...structuredClone(old), status: structuredClone(body.status) };
    if (body.status === undefined) delete next.status;
  } else {
    next = structuredClone(body);
    if (withStatusSub) {
      if (old.status === undefined) delete next.status;
      else next.status = structuredClone(old.status);
    }
    const m = next.metadata;
    const o = old.metadata;
    const kept = [
      'uid',
      'creationTimestamp',
      'generation',
      ...(deleting ? [] : ['deletionTimestamp', 'deletionGracePeriodSeconds']),
    ];
    for (const f of kept) {
      if (o[f] === undefined) delete m[f];
      else (m as Record<string, unknown>)[f] = o[f];
    }
    m.name = o.name;
    if (o.namespace !== undefined) m.namespace = o.namespace;
    if (info.resource === 'namespaces' && info.builtIn) next.spec = structuredClone(old.spec);
  }
  if (info.generation && specOf(next, !withStatusSub) !== specOf(old, !withStatusSub)) {
    next.metadata.generation = (old.metadata.generation ?? 0) + 1;
  }
  if (info.builtIn && info.resource === 'customresourcedefinitions') next.status = crdStatus(next, now);
  return next;
}

/** Whether an update changed anything a reader could see (so no-op writes keep their revision). */
export function sameObject(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject): KubeObject => ({ ...o, metadata: { ...o.metadata, resourceVersion: '' } });
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

export function finalizersOf(obj: KubeObject): string[] {
  return Array.isArray(obj.metadata.finalizers) ? obj.metadata.finalizers : [];
}

export function statusOf(obj: KubeObject): Record<string, unknown> {
  return isRecord(obj.status) ? obj.status : {};
}
