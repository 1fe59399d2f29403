/**
 * Patch application for the API server: JSON patch (RFC 6902), JSON merge patch (RFC 7386),
 * strategic merge patch with Kubernetes' merge keys for built-in kinds, and server-side apply.
 * Pure functions: no I/O, inputs are never mutated.
 */
import type { GroupVersionKind, KubeObject } from '../../core/index.ts';
import { ApiError, errors, isRecord } from '../../core/index.ts';
import { jsonPatch } from './json-patch.ts';
import { schemaFor } from './merge-keys.ts';
import { mergePatch } from './merge-patch.ts';
import { badRequest, unsupportedMediaType } from './patch-errors.ts';
import { serverSideApply } from './server-side-apply.ts';
import { strategicMerge } from './strategic-merge.ts';

export { acceptedPatchMediaTypes, unsupportedMediaType } from './patch-errors.ts';
export { schemaFor } from './merge-keys.ts';
export type { FieldMeta, Schema } from './merge-keys.ts';

/** The Content-Type of a PATCH request, named as Kubernetes' types.PatchType. */
export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export const PATCH_CONTENT_TYPES: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

/**
 * The patch type of a request's Content-Type (parameters such as `; charset=utf-8` ignored).
 * Throws 415 with kube's message for any other type, and for strategic merge on a custom resource.
 */
export function patchTypeOf(contentType: string | undefined, builtIn: boolean): PatchType {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const type = PATCH_CONTENT_TYPES[mediaType];
  if (type === undefined || (type === 'strategic' && !builtIn)) throw unsupportedMediaType(builtIn);
  return type;
}

export interface PatchInput {
  type: PatchType;
  gvk: GroupVersionKind;
  /** The current object; undefined only for server-side apply of a missing object. */
  live: KubeObject | undefined;
  /** The decoded request body (for `apply`, YAML or JSON already parsed). */
  patch: unknown;
  /** Built-in kinds accept strategic merge; custom resources answer 415 to it. */
  builtIn: boolean;
  /** Server-side apply: the fieldManager query parameter. */
  fieldManager?: string;
  /** Server-side apply: force=true. */
  force?: boolean;
}

/**
 * Returns the patched object. Throws ApiError (BAD_REQUEST, UNSUPPORTED_MEDIA_TYPE, INVALID,
 * TOO_LARGE; INTERNAL with upstream's bare message for malformed strategic patches, as kube's 500).
 * The result keeps whatever `metadata.resourceVersion` the patch set: when it differs from the
 * live one the caller answers 409 as for an update. Name, namespace and validation are the caller's.
 */
export function applyPatch(input: PatchInput): KubeObject {
  const { type, gvk, live, patch, builtIn } = input;
  if (type === 'strategic' && !builtIn) throw unsupportedMediaType(builtIn);
  validatePatchOptions(input);
  if (type === 'apply') return serverSideApply({ gvk, live, applied: patch, builtIn });
  if (live === undefined) {
    throw new ApiError('INTERNAL', `a ${type} patch needs the live object: answer 404 before patching`);
  }
  switch (type) {
    case 'json':
      return jsonPatch(live, patch) as KubeObject;
    case 'merge':
      // evanphx/json-patch MergePatch refuses a body that is not a JSON object.
      if (!isRecord(patch)) throw badRequest('Invalid JSON Patch');
      return mergePatch(live, patch) as KubeObject;
    case 'strategic':
      if (!isRecord(patch)) throw badRequest('invalid JSON document');
      return strategicMerge(live, patch, schemaFor(gvk.group, gvk.kind)) as KubeObject;
  }
}

/** (k8s: apiserver/pkg/endpoints/handlers/patch.go + validation ValidatePatchOptions) */
function validatePatchOptions({ type, fieldManager, force }: PatchInput): void {
  if (type === 'apply' && !fieldManager) {
    throw errors.invalid('PatchOptions', 'meta.k8s.io', '', [
      {
        type: 'FieldValueRequired',
        field: 'fieldManager',
        message: 'fieldManager: Required value: is required for apply patch',
      },
    ]);
  }
  if (type !== 'apply' && force === true) {
    throw errors.invalid('PatchOptions', 'meta.k8s.io', '', [
      {
        type: 'FieldValueForbidden',
        field: 'force',
        message: 'force: Forbidden: may not be specified for non-apply patch',
      },
    ]);
  }
}
