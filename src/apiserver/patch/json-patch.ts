/**
 * JSON patch (RFC 6902) with fast-json-patch, answering errors as the API server does
 * (k8s: apiserver/pkg/endpoints/handlers/patch.go jsonPatcher.applyJSPatch): a body that is not a
 * list of operations is 400, more than 10000 operations is 413, an operation that fails is 422.
 */
import jsonpatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { ApiError, isRecord } from '../../core/index.ts';
import { goJsonKind } from './go-format.ts';
import { badRequest, rejected } from './patch-errors.ts';

/** kube's maxJSONPatchOperations. */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

/** Applies the operations to a copy of `document`. */
export function jsonPatch(document: Record<string, unknown>, operations: unknown): Record<string, unknown> {
  // The messages are Go's json.Unmarshal errors for evanphx/json-patch's Patch type.
  if (!Array.isArray(operations)) {
    throw badRequest(
      `json: cannot unmarshal ${goJsonKind(operations)} into Go value of type jsonpatch.Patch`,
    );
  }
  const bad: unknown = (operations as unknown[]).find((op) => !isRecord(op));
  if (bad !== undefined) {
    throw badRequest(`json: cannot unmarshal ${goJsonKind(bad)} into Go value of type jsonpatch.Operation`);
  }
  if (operations.length > MAX_JSON_PATCH_OPERATIONS) {
    throw new ApiError(
      'TOO_LARGE',
      `Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${operations.length}`,
    );
  }
  let result: unknown;
  try {
    result = jsonpatch.applyPatch(
      structuredClone(document),
      structuredClone(operations) as Operation[],
      true, // validate each operation: unknown ops, missing paths and failed tests throw
      true, // mutate our own copy rather than clone it again
      true, // refuse __proto__ paths
    ).newDocument;
  } catch (err) {
    if (err instanceof jsonpatch.JsonPatchError) throw rejected();
    throw err;
  }
  // A patch that turns the object into something else cannot be decoded back into one.
  if (!isRecord(result)) throw rejected();
  return result;
}
