/**
 * Patch application for the API server: JSON patch (RFC 6902), JSON merge patch (RFC 7386),
 * strategic merge patch with Kubernetes' merge keys for built-in kinds, and server-side apply.
 * Pure functions: no I/O, inputs are never mutated.
 */
import type { GroupVersionKind, KubeObject } from '../../core/index.ts';
import { ApiError } from '../../core/index.ts';

/** The Content-Type of a PATCH request, named as Kubernetes' types.PatchType. */
export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export const PATCH_CONTENT_TYPES: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

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

/** Returns the patched object. Throws ApiError (BAD_REQUEST, UNSUPPORTED_MEDIA_TYPE, CONFLICT, INVALID). */
export function applyPatch(input: PatchInput): KubeObject {
  throw new ApiError('INTERNAL', `patch type ${input.type} is not implemented yet`);
}
