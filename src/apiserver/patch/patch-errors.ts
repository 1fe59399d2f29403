/**
 * The errors a PATCH can answer, with the status codes and messages of the real API server
 * (k8s: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go and rest/patch.go).
 */
import { ApiError, errors } from '../../core/index.ts';

/** The media types a PATCH may carry, in the order kube lists them in its 415 message. */
export function acceptedPatchMediaTypes(builtIn: boolean): string[] {
  return builtIn
    ? [
        'application/json-patch+json',
        'application/merge-patch+json',
        'application/strategic-merge-patch+json',
        'application/apply-patch+yaml',
      ]
    : ['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml'];
}

/** 415, as negotiation.NewUnsupportedMediaTypeError: e.g. strategic merge patch on a custom resource. */
export function unsupportedMediaType(builtIn: boolean): ApiError {
  return new ApiError(
    'UNSUPPORTED_MEDIA_TYPE',
    `the body of the request was in an unknown format - accepted media types include: ${acceptedPatchMediaTypes(builtIn).join(', ')}`,
  );
}

/**
 * 422 as apierrors.NewGenericServerResponse(422, …) builds it: the server's own message is dropped
 * and only this fixed sentence remains (kube does this for a failed JSON patch operation).
 */
export function rejected(): ApiError {
  return new ApiError('INVALID', 'the server rejected our request due to an error in our request');
}

/**
 * Errors strategicpatch returns as plain Go errors are not mapped by the handler
 * (interpretStrategicMergePatchError's default case), so kube answers them 500 with the bare message.
 */
export function plainError(message: string): ApiError {
  return new ApiError('INTERNAL', message);
}

export const badRequest = errors.badRequest;
