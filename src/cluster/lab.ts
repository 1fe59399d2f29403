/**
 * The lab that `kubelab up` applies unless --bare: the parts of manifests/ that kubelab can run so far,
 * applied with server-side apply (as `kubectl apply --server-side --force-conflicts` would), so a
 * restart re-applies them harmlessly and a user's edits to other fields are kept.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../core/index.ts';
import { isRecord } from '../core/index.ts';
import type { Client } from '../client/index.ts';

export const MANIFESTS_DIR = resolve(import.meta.dirname, '../../manifests');

/** What kubelab runs so far: the lab's web Deployment and its ClusterIP and headless Services. */
export const LAB_FILES = [
  'kubernetes-networks/web-deploy.yaml',
  'kubernetes-networks/web-svc-cip.yaml',
  'kubernetes-networks/web-svc-headless.yaml',
];

export async function readManifests(files: readonly string[], dir = MANIFESTS_DIR): Promise<KubeObject[]> {
  const objects: KubeObject[] = [];
  for (const file of files) {
    const path = join(dir, file);
    for (const doc of parseAllDocuments(await readFile(path, 'utf8'))) {
      if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors[0]?.message ?? 'YAML error'}`);
      const value: unknown = doc.toJS();
      if (value === null || value === undefined) continue;
      if (!isRecord(value) || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string') {
        throw new Error(`${path}: a document without apiVersion and kind`);
      }
      objects.push(value as KubeObject);
    }
  }
  return objects;
}

/** Server-side applies each object (namespace `default` when it has none); returns `kind/name` lines. */
export async function applyObjects(client: Client, objects: readonly KubeObject[]): Promise<string[]> {
  const applied: string[] = [];
  for (const object of objects) {
    const name = object.metadata.name;
    if (!name) throw new Error(`a ${object.kind} without metadata.name cannot be applied`);
    const resource = await client.forObject(object);
    const namespace = resource.type.namespaced ? (object.metadata.namespace ?? 'default') : undefined;
    const body = { ...object, metadata: { ...object.metadata, ...(namespace ? { namespace } : {}) } };
    await resource.patch(name, 'apply', body, { namespace, fieldManager: 'kubelab', force: true });
    applied.push(`${object.kind.toLowerCase()}/${name}`);
  }
  return applied;
}

/** The URLs of the lab's ready web pods (label app=web), once at least `want` are ready; [] after the deadline. */
export async function waitForWebPods(client: Client, want: number, timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pods = await client.pods.list({ namespace: 'default', labelSelector: 'app=web' });
    const ready = pods.items.filter((p) => {
      const status = p.status as
        { podIP?: string; conditions?: { type: string; status: string }[] } | undefined;
      return status?.podIP && status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
    });
    if (ready.length >= want || Date.now() > deadline) {
      return ready.map((p) => `http://${(p.status as { podIP: string }).podIP}:8000/index.html`).sort();
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
