/**
 * The API benchmark's cases: each a request built from (i, worker), so the same sequence runs against
 * kubelab (lmdb, memory) and against the floor server; plus the objects the cases need in place.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { REPO } from './kubelab-cli.ts';
import { expectOk, type Requester, type Send } from './https-client.ts';
import { measure } from './stats.ts';

export const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io';
const NS = 'bench';

export interface Case {
  name: string;
  /** How many requests one at a time, and how many with `inFlight` outstanding (0 = skip that mode). */
  sequential: number;
  parallel: number;
  request(i: number, worker: number): Send;
}

function configMap(name: string, i: number): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, labels: { app: 'bench' } },
    data: { index: String(i), 'settings.conf': `# bench\nkey=value-${i}\n${'x'.repeat(200)}\n` },
  });
}

/** The lab's web Deployment (manifests/kubernetes-networks/web-deploy.yaml), renamed, with an annotation. */
const webDeploy = parse(
  readFileSync(join(REPO, 'manifests', 'kubernetes-networks', 'web-deploy.yaml'), 'utf8'),
) as { metadata: Record<string, unknown> };

function deployment(name: string, revision: number): string {
  return stringify({
    ...webDeploy,
    metadata: {
      ...webDeploy.metadata,
      name,
      annotations: { 'bench.kubelab.dev/revision': String(revision) },
    },
  });
}

const applyPath = (name: string) => `/apis/apps/v1/namespaces/${NS}/deployments/${name}?fieldManager=bench`;
const APPLY = 'application/apply-patch+yaml';

export interface Scale {
  get: [number, number];
  list100: [number, number];
  list1000: [number, number];
  create: [number, number];
  apply: [number, number];
}

/** The cases in the order they run; `tag` keeps created names unique across the runs of one process. */
export function cases(scale: Scale, inFlight: number, tag: string): Case[] {
  const list = (name: string, ns: string, accept: string | undefined, [s, p]: [number, number]): Case => ({
    name,
    sequential: s,
    parallel: p,
    request: () => ({
      method: 'GET',
      path: `/api/v1/namespaces/${ns}/configmaps`,
      ...(accept ? { accept } : {}),
      benchCase: name,
    }),
  });
  return [
    {
      name: 'get configmap',
      sequential: scale.get[0],
      parallel: scale.get[1],
      request: () => ({
        method: 'GET',
        path: `/api/v1/namespaces/${NS}/configmaps/bench-get`,
        benchCase: 'get',
      }),
    },
    list('list 100 configmaps', 'bench-100', undefined, scale.list100),
    list('list 100 configmaps as Table', 'bench-100', TABLE, scale.list100),
    list('list 1000 configmaps', 'bench-1000', undefined, scale.list1000),
    list('list 1000 configmaps as Table', 'bench-1000', TABLE, scale.list1000),
    {
      name: 'create configmap',
      sequential: scale.create[0],
      parallel: scale.create[1],
      request: (i, worker) => ({
        method: 'POST',
        path: `/api/v1/namespaces/bench-create/configmaps`,
        body: configMap(`c-${tag}-${worker}-${i}`, i),
        benchCase: 'create',
      }),
    },
    {
      // Server-side apply that creates: one Deployment per worker slot, used by the updates below.
      name: 'apply deployment (creates)',
      sequential: inFlight,
      parallel: 0,
      request: (i) => ({
        method: 'PATCH',
        path: applyPath(`web-${i}`),
        body: deployment(`web-${i}`, 0),
        contentType: APPLY,
        benchCase: 'apply-create',
      }),
    },
    {
      // Worker w applies web-w, so updates in flight never race on one object.
      name: 'apply deployment (updates)',
      sequential: scale.apply[0],
      parallel: scale.apply[1],
      request: (i, worker) => ({
        method: 'PATCH',
        path: applyPath(`web-${worker}`),
        body: deployment(`web-${worker}`, i + 1),
        contentType: APPLY,
        benchCase: 'apply-update',
      }),
    },
  ];
}

/** Namespaces and ConfigMaps the read cases need: bench/bench-get, 100 in bench-100, 1000 in bench-1000. */
export async function seed(client: Requester, inFlight: number): Promise<void> {
  for (const ns of [NS, 'bench-100', 'bench-1000', 'bench-create']) {
    await expectOk(client, {
      method: 'POST',
      path: '/api/v1/namespaces',
      body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }),
      benchCase: 'seed',
    });
  }
  await expectOk(client, {
    method: 'POST',
    path: `/api/v1/namespaces/${NS}/configmaps`,
    body: configMap('bench-get', 0),
    benchCase: 'seed',
  });
  for (const [ns, count] of [
    ['bench-100', 100],
    ['bench-1000', 1000],
  ] as const) {
    await measure(count, inFlight, async (i) => {
      await expectOk(client, {
        method: 'POST',
        path: `/api/v1/namespaces/${ns}/configmaps`,
        body: configMap(`cm-${i}`, i),
        benchCase: 'seed',
      });
    });
  }
}

/** The Deployment manifest kubectl applies in the CLI runs (same object as the apply case). */
export function deploymentYaml(name: string, revision: number): string {
  return deployment(name, revision);
}
