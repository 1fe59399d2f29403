/**
 * Pod and pod-template defaults (k8s: pkg/apis/core/v1/defaults.go SetDefaults_PodSpec, SetDefaults_Container,
 * SetDefaults_Probe, SetDefaults_HTTPGetAction, SetDefaults_Volume, SetDefaults_ObjectFieldSelector).
 */
import type { Rec } from '../util.ts';
import { ensure, rec, recs, setDefault, setDefaultString } from '../util.ts';

/** Go's defaultMode for secret/configMap/downwardAPI/projected volumes: 0644. */
const DEFAULT_MODE = 0o644;

const VOLUME_SOURCES = [
  'hostPath',
  'emptyDir',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'persistentVolumeClaim',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'downwardAPI',
  'fc',
  'azureFile',
  'configMap',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'projected',
  'portworxVolume',
  'scaleIO',
  'storageos',
  'csi',
  'ephemeral',
  'image',
] as const;
export { VOLUME_SOURCES };

/** Image pull policy: Always for `:latest` or an untagged image, else IfNotPresent (digests count as tags). */
export function defaultPullPolicy(image: string): string {
  if (image.includes('@')) return 'IfNotPresent';
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  const tag = colon < 0 ? '' : lastSegment.slice(colon + 1);
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultHTTPGet(httpGet: unknown): void {
  if (!httpGet || typeof httpGet !== 'object') return;
  setDefaultString(httpGet as Rec, 'path', '/');
  setDefaultString(httpGet as Rec, 'scheme', 'HTTP');
}

function defaultProbe(probe: unknown): void {
  if (!probe || typeof probe !== 'object') return;
  const p = probe as Rec;
  setDefault(p, 'timeoutSeconds', 1);
  setDefault(p, 'periodSeconds', 10);
  setDefault(p, 'successThreshold', 1);
  setDefault(p, 'failureThreshold', 3);
  defaultHTTPGet(p.httpGet);
}

function defaultContainer(c: Rec): void {
  setDefaultString(c, 'terminationMessagePath', '/dev/termination-log');
  setDefaultString(c, 'terminationMessagePolicy', 'File');
  setDefaultString(c, 'imagePullPolicy', defaultPullPolicy(typeof c.image === 'string' ? c.image : ''));
  setDefault(c, 'resources', {});
  for (const port of recs(c.ports)) setDefaultString(port, 'protocol', 'TCP');
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) defaultProbe(c[probe]);
  for (const env of recs(c.env)) {
    const fieldRef = rec(env.valueFrom).fieldRef;
    if (fieldRef && typeof fieldRef === 'object') setDefaultString(fieldRef as Rec, 'apiVersion', 'v1');
  }
  for (const hook of ['postStart', 'preStop']) defaultHTTPGet(rec(rec(c.lifecycle)[hook]).httpGet);
}

function defaultVolume(v: Rec): void {
  if (!VOLUME_SOURCES.some((s) => v[s] !== undefined && v[s] !== null)) v.emptyDir = {};
  for (const s of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    if (v[s] && typeof v[s] === 'object') setDefault(v[s] as Rec, 'defaultMode', DEFAULT_MODE);
  }
  if (v.hostPath && typeof v.hostPath === 'object') setDefault(v.hostPath as Rec, 'type', '');
}

/** Defaults of a PodSpec, shared by Pods and every pod template. */
export function defaultPodSpec(spec: Rec): void {
  setDefaultString(spec, 'dnsPolicy', 'ClusterFirst');
  setDefaultString(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'securityContext', {});
  setDefaultString(spec, 'schedulerName', 'default-scheduler');
  for (const c of [...recs(spec.initContainers), ...recs(spec.containers), ...recs(spec.ephemeralContainers)])
    defaultContainer(c);
  for (const v of recs(spec.volumes)) defaultVolume(v);
}

/** A pod template inside a workload: spec defaults only. */
export function defaultPodTemplate(template: Rec): void {
  ensure(template, 'metadata');
  defaultPodSpec(ensure(template, 'spec'));
}

/**
 * A Pod: spec defaults plus what kube-apiserver's admission chain and Pod strategy add on create
 * (enableServiceLinks, priority, DefaultTolerationSeconds tolerations, status.phase Pending, qosClass).
 */
export function defaultPod(pod: Rec, creating: boolean): void {
  const spec = ensure(pod, 'spec');
  defaultPodSpec(spec);
  setDefault(spec, 'enableServiceLinks', true);
  if (!creating) return;
  setDefault(spec, 'priority', 0);
  setDefaultString(spec, 'preemptionPolicy', 'PreemptLowerPriority');
  const tolerations = Array.isArray(spec.tolerations) ? (spec.tolerations as unknown[]) : [];
  // k8s: plugin/pkg/admission/defaulttolerationseconds/admission.go
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!recs(tolerations).some((t) => t.key === key && (t.effect === 'NoExecute' || !t.effect)))
      tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  spec.tolerations = tolerations;
  const status = ensure(pod, 'status');
  setDefaultString(status, 'phase', 'Pending');
  setDefaultString(status, 'qosClass', qosClass(spec));
}

/** k8s: pkg/apis/core/helper/qos/qos.go, simplified to cpu and memory. */
export function qosClass(spec: Rec): string {
  const containers = [...recs(spec.initContainers), ...recs(spec.containers)];
  let anySet = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const requests = rec(rec(c.resources).requests);
    const limits = rec(rec(c.resources).limits);
    if (Object.keys(requests).length || Object.keys(limits).length) anySet = true;
    for (const r of ['cpu', 'memory']) {
      const limit = limits[r];
      const request = requests[r] ?? limit;
      if (limit === undefined || JSON.stringify(request) !== JSON.stringify(limit)) guaranteed = false;
    }
  }
  if (!anySet) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
