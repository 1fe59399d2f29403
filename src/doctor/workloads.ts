/**
 * Pod templates in a set of objects, label selectors, and which ports a container serves.
 *
 * Served ports, the heuristic: declared `containerPorts` are informational in Kubernetes (a process may
 * listen on undeclared ports, and ingress-nginx probes its undeclared health port 10254), so a numeric
 * port is only judged when the image is one whose listening port is known: `kubelab/web` serves 8000,
 * or the value of `--port` in its args, and nothing when it runs `generate` (the init container).
 */
import { isRecord } from '../core/index.ts';
import { asArray, asRecord, asString } from './path.ts';
import type { ManifestObject, PathSegment } from './types.ts';

export interface PodTemplate {
  obj: ManifestObject;
  labels: Record<string, string>;
  spec: Record<string, unknown>;
  /** Path from the object root to the pod spec. */
  specPath: PathSegment[];
}

export interface ContainerRef {
  container: Record<string, unknown>;
  name: string;
  path: PathSegment[];
  init: boolean;
}

/** Where each workload kind keeps its pod template. */
const TEMPLATE_PATHS: Readonly<Record<string, PathSegment[]>> = {
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(asRecord(value))) if (typeof v === 'string') out[k] = v;
  return out;
}

export function podTemplates(objects: readonly ManifestObject[]): PodTemplate[] {
  const out: PodTemplate[] = [];
  for (const obj of objects) {
    if (obj.unindented) continue;
    if (obj.kind === 'Pod' && obj.apiVersion === 'v1') {
      const spec = obj.value['spec'];
      if (isRecord(spec))
        out.push({
          obj,
          labels: stringMap(asRecord(obj.value['metadata'])['labels']),
          spec,
          specPath: ['spec'],
        });
      continue;
    }
    const at = TEMPLATE_PATHS[obj.kind];
    if (!at) continue;
    let cur: unknown = obj.value;
    for (const seg of at) cur = asRecord(cur)[seg];
    const spec = asRecord(cur)['spec'];
    if (!isRecord(spec)) continue;
    out.push({
      obj,
      labels: stringMap(asRecord(asRecord(cur)['metadata'])['labels']),
      spec,
      specPath: [...at, 'spec'],
    });
  }
  return out;
}

export function containersOf(t: PodTemplate): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const [field, init] of [
    ['initContainers', true],
    ['containers', false],
  ] as const) {
    asArray(t.spec[field]).forEach((c, i) => {
      if (isRecord(c))
        out.push({
          container: c,
          name: asString(c['name']) ?? `#${i}`,
          path: [...t.specPath, field, i],
          init,
        });
    });
  }
  return out;
}

/** A Service-style selector (map): every pair must be among the labels. */
export function selectorMatches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** A workload LabelSelector with matchLabels and matchExpressions. */
export function labelSelectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  const s = asRecord(selector);
  if (!selectorMatches(stringMap(s['matchLabels']), labels)) return false;
  return asArray(s['matchExpressions']).every((raw) => {
    const e = asRecord(raw);
    const key = asString(e['key']) ?? '';
    const values = asArray(e['values']).filter((v): v is string => typeof v === 'string');
    const has = Object.hasOwn(labels, key);
    switch (e['operator']) {
      case 'In':
        return has && values.includes(labels[key] ?? '');
      case 'NotIn':
        return !has || !values.includes(labels[key] ?? '');
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        return false;
    }
  });
}

export function formatSelector(selector: Record<string, string>): string {
  return Object.entries(selector)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

const KUBELAB_WEB = /^(?:[^/]+\/)*kubelab\/web(?::[^@]*)?(?:@.*)?$/;
const WEB_DEFAULT_PORT = 8000;

/** Ports the container's process listens on when its image is known, else undefined (unknown). */
export function servedPorts(c: Record<string, unknown>): number[] | undefined {
  const image = asString(c['image']) ?? '';
  if (!KUBELAB_WEB.test(image)) return undefined;
  const argv = [...asArray(c['command']), ...asArray(c['args'])].map((a) => String(a));
  if (argv.includes('generate')) return [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const eq = /^--port=(\d+)$/.exec(a);
    if (eq?.[1]) return [Number(eq[1])];
    if (a === '--port' && /^\d+$/.test(argv[i + 1] ?? '')) return [Number(argv[i + 1])];
  }
  return [WEB_DEFAULT_PORT];
}

export interface DeclaredPort {
  name?: string;
  containerPort: number;
}

export function declaredPorts(c: Record<string, unknown>): DeclaredPort[] {
  return asArray(c['ports'])
    .map(asRecord)
    .filter((p) => typeof p['containerPort'] === 'number')
    .map((p) => ({
      containerPort: p['containerPort'] as number,
      ...(typeof p['name'] === 'string' ? { name: p['name'] } : {}),
    }));
}

export function objectLabel(obj: ManifestObject): string {
  return `${obj.kind}/${obj.name ?? '?'}`;
}
