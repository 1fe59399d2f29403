/** Controller references (metav1.NewControllerRef, metav1.GetControllerOf). */
import type { KubeObject, OwnerReference } from '../../core/index.ts';

export function controllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function controllerOf(object: KubeObject): OwnerReference | undefined {
  return object.metadata.ownerReferences?.find((r) => r.controller === true);
}

export function isControlledBy(object: KubeObject, owner: KubeObject): boolean {
  const ref = controllerOf(object);
  return !!ref && !!owner.metadata.uid && ref.uid === owner.metadata.uid;
}

/**
 * The ControllerRefManager's choice for one candidate (k8s: pkg/controller/controller_ref_manager.go
 * ClaimObject): own it if controlled by us and matching; adopt an orphan that matches (unless we are
 * being deleted); release one we own that no longer matches; ignore the rest.
 */
export function claimDecision(
  object: KubeObject,
  owner: KubeObject,
  matches: boolean,
): 'own' | 'adopt' | 'release' | 'ignore' {
  const ref = controllerOf(object);
  if (ref) {
    if (ref.uid !== owner.metadata.uid) return 'ignore';
    if (matches) return 'own';
    return owner.metadata.deletionTimestamp ? 'own' : 'release';
  }
  if (!matches || owner.metadata.deletionTimestamp || object.metadata.deletionTimestamp) return 'ignore';
  return 'adopt';
}

/** The merge patch that adopts `object` (the Go code sends a strategic patch with the same effect). */
export function adoptPatch(object: KubeObject, owner: KubeObject): Record<string, unknown> {
  return {
    metadata: {
      ownerReferences: [...(object.metadata.ownerReferences ?? []), controllerRef(owner)],
      uid: object.metadata.uid,
    },
  };
}

/** The merge patch that releases `object` from `owner`. */
export function releasePatch(object: KubeObject, owner: KubeObject): Record<string, unknown> {
  const refs = (object.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid);
  return { metadata: { ownerReferences: refs.length ? refs : null, uid: object.metadata.uid } };
}
