/**
 * A container's environment as the kubelet builds it (k8s: pkg/kubelet/kubelet_pods.go
 * `makeEnvironmentVariables`, `podFieldSelectorRuntimeValue`): envFrom, then env with `$(VAR)`
 * expansion against what came before, downward API fieldRefs, configMap/secret key refs.
 */
import { isRecord } from '../core/index.ts';
import type { KubeObject } from '../core/index.ts';
import { expand, mappingFuncFor } from './expansion.ts';

/** A failure the kubelet reports as `CreateContainerConfigError` with this message. */
export class ContainerConfigError extends Error {
  override name = 'ContainerConfigError';
}

export interface EnvSources {
  podIP: string;
  hostIP: string;
  /** The object, or undefined when it does not exist. */
  configMap: (namespace: string, name: string) => Promise<KubeObject | undefined>;
  secret: (namespace: string, name: string) => Promise<KubeObject | undefined>;
  /** Docker-link style service variables (KUBERNETES_SERVICE_HOST, …), already ordered. */
  serviceEnv?: Array<{ name: string; value: string }>;
}

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (isRecord(v) ? v : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

async function dataOf(
  kind: 'ConfigMap' | 'Secret',
  pod: KubeObject,
  name: string,
  src: EnvSources,
  optional: boolean,
): Promise<Record<string, string> | undefined> {
  const ns = pod.metadata.namespace ?? 'default';
  const obj = kind === 'ConfigMap' ? await src.configMap(ns, name) : await src.secret(ns, name);
  if (!obj) {
    if (optional) return undefined;
    throw new ContainerConfigError(`${kind.toLowerCase()} "${name}" not found`);
  }
  const out: Record<string, string> = {};
  if (kind === 'ConfigMap') {
    for (const [k, v] of Object.entries(rec((obj as Rec).data))) out[k] = str(v);
    for (const [k, v] of Object.entries(rec((obj as Rec).binaryData)))
      out[k] = Buffer.from(str(v), 'base64').toString('utf8');
  } else {
    for (const [k, v] of Object.entries(rec((obj as Rec).data)))
      out[k] = Buffer.from(str(v), 'base64').toString('utf8');
    for (const [k, v] of Object.entries(rec((obj as Rec).stringData))) out[k] = str(v);
  }
  return out;
}

/** Go's strconv.Quote-free `%v` of a label map entry as the downward API formats it. */
function fieldRefValue(pod: KubeObject, path: string, src: EnvSources): string {
  const spec = rec(pod.spec);
  const m = pod.metadata;
  const sub = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (sub) return (sub[1] === 'labels' ? m.labels : m.annotations)?.[sub[2]!] ?? '';
  switch (path) {
    case 'metadata.name':
      return m.name ?? '';
    case 'metadata.namespace':
      return m.namespace ?? '';
    case 'metadata.uid':
      return m.uid ?? '';
    case 'spec.nodeName':
      return str(spec.nodeName);
    case 'spec.serviceAccountName':
      return str(spec.serviceAccountName);
    case 'status.hostIP':
    case 'status.hostIPs':
      return src.hostIP;
    case 'status.podIP':
    case 'status.podIPs':
      return src.podIP;
    case 'metadata.labels':
    case 'metadata.annotations': {
      const map = (path === 'metadata.labels' ? m.labels : m.annotations) ?? {};
      return Object.keys(map)
        .sort()
        .map((k) => `${k}="${map[k]}"`)
        .join('\n');
    }
    default:
      throw new ContainerConfigError(`unsupported fieldPath: ${path}`);
  }
}

/** The environment of `container` (a pod spec container), in definition order. */
export async function makeEnvironment(
  pod: KubeObject,
  container: Rec,
  src: EnvSources,
): Promise<Array<{ name: string; value: string }>> {
  const ns = pod.metadata.namespace ?? 'default';
  const tmp = new Map<string, string>();
  const order: string[] = [];
  const set = (k: string, v: string): void => {
    if (!tmp.has(k)) order.push(k);
    tmp.set(k, v);
  };
  for (const from of Array.isArray(container.envFrom) ? container.envFrom.filter(isRecord) : []) {
    const prefix = str(from.prefix);
    const cm = isRecord(from.configMapRef) ? from.configMapRef : undefined;
    const sec = isRecord(from.secretRef) ? from.secretRef : undefined;
    const ref = cm ?? sec;
    if (!ref) continue;
    const data = await dataOf(cm ? 'ConfigMap' : 'Secret', pod, str(ref.name), src, ref.optional === true);
    for (const [k, v] of Object.entries(data ?? {})) set(prefix + k, v);
  }
  const service = new Map((src.serviceEnv ?? []).map((e) => [e.name, e.value]));
  const mapping = mappingFuncFor(tmp, service);
  for (const e of Array.isArray(container.env) ? container.env.filter(isRecord) : []) {
    const name = str(e.name);
    if (typeof e.value === 'string' && e.value !== '') {
      set(name, expand(e.value, mapping));
      continue;
    }
    const vf = rec(e.valueFrom);
    if (isRecord(vf.fieldRef)) {
      set(name, fieldRefValue(pod, str(vf.fieldRef.fieldPath), src));
    } else if (isRecord(vf.configMapKeyRef) || isRecord(vf.secretKeyRef)) {
      const isCm = isRecord(vf.configMapKeyRef);
      const ref = rec(isCm ? vf.configMapKeyRef : vf.secretKeyRef);
      const kind = isCm ? 'ConfigMap' : 'Secret';
      const optional = ref.optional === true;
      const data = await dataOf(kind, pod, str(ref.name), src, optional);
      if (!data) continue;
      const key = str(ref.key);
      if (!(key in data)) {
        if (optional) continue;
        throw new ContainerConfigError(`couldn't find key ${key} in ${kind} ${ns}/${str(ref.name)}`);
      }
      set(name, data[key]!);
    } else if (isRecord(vf.resourceFieldRef)) {
      set(name, resourceValue(container, str(vf.resourceFieldRef.resource)));
    } else {
      set(name, '');
    }
  }
  const out = order.map((name) => ({ name, value: tmp.get(name)! }));
  for (const [name, value] of service) if (!tmp.has(name)) out.push({ name, value });
  return out;
}

/** resourceFieldRef with divisor 1: the container's value, else the node's allocatable (2 CPUs, 4Gi). */
function resourceValue(container: Rec, resource: string): string {
  const [kind, what] = resource.split('.') as [string, string];
  const v = rec(rec(container.resources)[kind])[what];
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (what === 'cpu') return kind === 'limits' ? '2' : '0';
  if (what === 'memory') return kind === 'limits' ? String(4 * 1024 ** 3) : '0';
  return '0';
}
