/**
 * The scale subresource: an autoscaling/v1 Scale view of spec.replicas, status.replicas and the
 * selector (k8s: pkg/registry/apps/deployment/storage/storage.go ScaleREST; CRDs via their paths).
 */
import { errors, isRecord } from '../core/index.ts';
import type { KubeObject } from '../core/index.ts';
import { getPath, setPath } from './jsonpath.ts';
import type { ResourceInfo, ScalePaths } from './registry/types.ts';
import { formatLabelSelector } from './selectors/labels.ts';

const BUILTIN_PATHS: ScalePaths = {
  specReplicasPath: '.spec.replicas',
  statusReplicasPath: '.status.replicas',
  labelSelectorPath: '.spec.selector',
};

function pathsOf(info: ResourceInfo): ScalePaths {
  return info.crd?.scale ?? BUILTIN_PATHS;
}

export function toScale(info: ResourceInfo, obj: KubeObject): KubeObject {
  const p = pathsOf(info);
  const m = obj.metadata;
  const selector = p.labelSelectorPath ? getPath(obj, p.labelSelectorPath) : undefined;
  const selectorText = typeof selector === 'string' ? selector : formatLabelSelector(selector);
  const specReplicas = getPath(obj, p.specReplicasPath);
  const statusReplicas = getPath(obj, p.statusReplicasPath);
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    spec: { replicas: typeof specReplicas === 'number' ? specReplicas : 0 },
    status: {
      replicas: typeof statusReplicas === 'number' ? statusReplicas : 0,
      ...(selectorText ? { selector: selectorText } : {}),
    },
  };
}

/** Applies a Scale's spec.replicas to the object; keeps the Scale's resourceVersion as a precondition. */
export function applyScale(info: ResourceInfo, obj: KubeObject, scale: unknown): KubeObject {
  if (!isRecord(scale) || !isRecord(scale.spec))
    throw errors.badRequest('the body of the request was in an unknown format');
  const replicas = scale.spec.replicas ?? 0;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw errors.invalid('Scale', 'autoscaling', obj.metadata.name ?? '', [
      {
        type: 'FieldValueInvalid',
        field: 'spec.replicas',
        message: `spec.replicas: Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`,
      },
    ]);
  }
  setPath(obj, pathsOf(info).specReplicasPath, replicas);
  const meta = isRecord(scale.metadata) ? scale.metadata : {};
  if (typeof meta.resourceVersion === 'string' && meta.resourceVersion !== '')
    obj.metadata.resourceVersion = meta.resourceVersion;
  return obj;
}
