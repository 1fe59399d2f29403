/**
 * Turns an API server's error response back into the ApiError it came from, so callers switch on
 * `err.code` whether the transport was in-process or HTTP.
 */
import { ApiError, ERROR_CODES, isRecord } from '../core/index.ts';
import type { ApiResponse, ErrorCode, Status } from '../core/index.ts';

/** Errors of the client's own making (bad config, bad arguments), never from the server. */
export class ClientConfigError extends Error {
  readonly code = 'INVALID_CLIENT_CONFIG';
  constructor(message: string) {
    super(message);
    this.name = 'ClientConfigError';
  }
}

const BY_REASON = new Map<string, ErrorCode>(
  (Object.keys(ERROR_CODES) as ErrorCode[]).map((code) => [ERROR_CODES[code].reason, code]),
);
// Kubernetes has a second 410 reason (StatusReasonGone) besides Expired, and names 429 TooManyRequests.
BY_REASON.set('Gone', 'GONE');
BY_REASON.set('TooManyRequests', 'UNAVAILABLE');
BY_REASON.set('ServerTimeout', 'TIMEOUT');

const BY_HTTP: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  410: 'GONE',
  413: 'TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'INVALID',
  429: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'TIMEOUT',
};

// Messages for bodies that are not a Status, as client-go words them
// (k8s: staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go, NewGenericServerResponse).
function genericMessage(httpStatus: number, serverText: string): string {
  switch (httpStatus) {
    case 400:
      return 'the server rejected our request for an unknown reason';
    case 401:
      return 'the server has asked for the client to provide credentials';
    case 403:
    case 406:
    case 415:
      return serverText; // the server's own words say who may do what, or which types it takes
    case 404:
      return 'the server could not find the requested resource';
    case 405:
      return 'the server does not allow this method on the requested resource';
    case 409:
      return 'the server reported a conflict';
    case 422:
      return 'the server rejected our request due to an error in our request';
    case 429:
      return 'the server has received too many requests and has asked us to try again later';
    case 503:
      return 'the server is currently unable to handle the request';
    case 504:
      return 'the server was unable to return a response in the time allotted, but may still be processing the request';
  }
  if (httpStatus >= 500) {
    return `an error on the server (${JSON.stringify(serverText)}) has prevented the request from succeeding`;
  }
  return `the server responded with the status code ${httpStatus} but did not return more information`;
}

/** The ApiError code for a Status reason, falling back to the HTTP status when the reason is unknown. */
export function errorCodeFor(reason: string | undefined, httpStatus: number): ErrorCode {
  const byReason = reason === undefined ? undefined : BY_REASON.get(reason);
  if (byReason) return byReason;
  return BY_HTTP[httpStatus] ?? (httpStatus >= 500 ? 'INTERNAL' : 'BAD_REQUEST');
}

export function isStatus(value: unknown): value is Status {
  return isRecord(value) && value.kind === 'Status';
}

/**
 * Rebuilds the ApiError for a failed response; keeps the server's message and details verbatim.
 * `method` tells a 409 without a Status apart: on POST it means AlreadyExists, as client-go reads it.
 */
export function apiErrorFromResponse(res: ApiResponse, method?: string): ApiError {
  if (isStatus(res.body)) {
    const status = res.body;
    const code = typeof status.code === 'number' && status.code > 0 ? status.code : res.status;
    const message =
      typeof status.message === 'string' && status.message !== '' ? status.message : genericMessage(code, '');
    return new ApiError(errorCodeFor(status.reason, code), message, status.details);
  }
  const text =
    typeof res.body === 'string' ? res.body.trim() : res.body === undefined ? '' : JSON.stringify(res.body);
  const code =
    res.status === 409 && method === 'POST' ? 'ALREADY_EXISTS' : errorCodeFor(undefined, res.status);
  return new ApiError(
    code,
    genericMessage(res.status, text) || `the server responded with the status code ${res.status}`,
  );
}

/** A Status for an HTTP error whose body was not one (e.g. a proxy's text/html 502). */
export function statusFromHttpError(httpStatus: number, text: string, method?: string): Status {
  const err = apiErrorFromResponse({ status: httpStatus, body: text }, method);
  return { ...err.toStatus(), code: httpStatus };
}
