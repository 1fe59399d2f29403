/**
 * Defaulting and validation of objects as kube-apiserver does them (semantics.md), plus the strict
 * unknown-field check behind fieldValidation=Strict and custom-resource schema validation.
 */
import type { FieldError, KubeObject } from '../../core/index.ts';

export type Operation = 'CREATE' | 'UPDATE';

/** What defaulting may need to allocate; the API server passes allocators backed by its state. */
export interface Allocators {
  /** Returns a free ClusterIP, or reserves `requested`; throws ApiError INVALID when taken or out of range. */
  clusterIP(requested?: string): string;
  /** Returns a free NodePort, or reserves `requested`; throws ApiError INVALID when taken or out of range. */
  nodePort(requested?: number): number;
}

/** Fills in defaults in place (e.g. Deployment strategy 25%/25%, Service sessionAffinity None). */
export function applyDefaults(_obj: KubeObject, _op: Operation, _old: KubeObject | undefined): void {}

/** Returns every field error, empty when valid. `old` is the stored object on UPDATE. */
export function validateObject(_obj: KubeObject, _op: Operation, _old: KubeObject | undefined): FieldError[] {
  return [];
}

/**
 * For fieldValidation=Strict/Warn: the paths of fields the kind does not have, formatted as
 * kube-apiserver does: `unknown field "spec.foo"`.
 */
export function unknownFields(_obj: KubeObject): string[] {
  return [];
}
