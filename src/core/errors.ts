/**
 * The one error-code table. Every error kubelab raises on the API carries a stable code;
 * `toStatus` turns it into the Kubernetes `Status` object kubectl prints
 * (k8s: staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go).
 */

export const ERROR_CODES = {
  NOT_FOUND: { http: 404, reason: 'NotFound', doc: 'The object or resource type does not exist.' },
  ALREADY_EXISTS: { http: 409, reason: 'AlreadyExists', doc: 'An object of that name exists already.' },
  CONFLICT: {
    http: 409,
    reason: 'Conflict',
    doc: 'The write named a stale resourceVersion, or server-side apply met a field owned by another manager.',
  },
  INVALID: {
    http: 422,
    reason: 'Invalid',
    doc: 'The object failed validation; details.causes lists each field.',
  },
  BAD_REQUEST: {
    http: 400,
    reason: 'BadRequest',
    doc: 'The request could not be decoded or names bad options.',
  },
  GONE: {
    http: 410,
    reason: 'Expired',
    doc: 'A watch or list asked for a revision that was compacted away.',
  },
  METHOD_NOT_ALLOWED: {
    http: 405,
    reason: 'MethodNotAllowed',
    doc: 'The resource does not support that verb.',
  },
  NOT_ACCEPTABLE: { http: 406, reason: 'NotAcceptable', doc: 'No response content type the client accepts.' },
  UNSUPPORTED_MEDIA_TYPE: {
    http: 415,
    reason: 'UnsupportedMediaType',
    doc: 'The request body type is not supported for this resource (e.g. strategic merge patch on a custom resource).',
  },
  UNAUTHORIZED: { http: 401, reason: 'Unauthorized', doc: 'No valid bearer token was presented.' },
  FORBIDDEN: {
    http: 403,
    reason: 'Forbidden',
    doc: 'The request is not allowed (e.g. creating in a terminating namespace).',
  },
  TOO_LARGE: { http: 413, reason: 'RequestEntityTooLarge', doc: 'The request body is over the size limit.' },
  INTERNAL: { http: 500, reason: 'InternalError', doc: 'A bug in kubelab; the message says where.' },
  UNAVAILABLE: {
    http: 503,
    reason: 'ServiceUnavailable',
    doc: 'A component is not ready yet (e.g. the store is closing).',
  },
  TIMEOUT: { http: 504, reason: 'Timeout', doc: 'The operation did not finish in time.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** One field error, as k8s.io/apimachinery/pkg/util/validation/field.Error. */
export interface FieldError {
  /** `FieldValueInvalid`, `FieldValueRequired`, `FieldValueNotSupported`, `FieldValueDuplicate`, `FieldValueForbidden`, `FieldValueTooLong`, `FieldValueTypeInvalid` */
  type: string;
  /** Dotted path, e.g. `spec.strategy.rollingUpdate.maxUnavailable`. */
  field: string;
  /** The full one-line text, e.g. `spec.replicas: Invalid value: -1: must be greater than or equal to 0`. */
  message: string;
}

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: StatusCause[];
    retryAfterSeconds?: number;
  };
  code: number;
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: Status['details'];

  constructor(code: ErrorCode, message: string, details?: Status['details']) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code].http;
  }

  toStatus(): Status {
    const status: Status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: ERROR_CODES[this.code].reason,
      code: ERROR_CODES[this.code].http,
    };
    if (this.details) status.details = this.details;
    return status;
  }
}

/** `resource` is the plural with group, as Kubernetes names it: `pods`, `deployments.apps`. */
function qualified(resource: string, group: string): string {
  return group ? `${resource}.${group}` : resource;
}

export const errors = {
  notFound: (resource: string, group: string, name: string) =>
    new ApiError('NOT_FOUND', `${qualified(resource, group)} "${name}" not found`, {
      name,
      ...(group ? { group } : {}),
      kind: resource,
    }),
  alreadyExists: (resource: string, group: string, name: string) =>
    new ApiError('ALREADY_EXISTS', `${qualified(resource, group)} "${name}" already exists`, {
      name,
      ...(group ? { group } : {}),
      kind: resource,
    }),
  conflict: (resource: string, group: string, name: string, why: string) =>
    new ApiError(
      'CONFLICT',
      `Operation cannot be fulfilled on ${qualified(resource, group)} "${name}": ${why}`,
      {
        name,
        ...(group ? { group } : {}),
        kind: resource,
      },
    ),
  /** 422 with one cause per field error: `Deployment.apps "web" is invalid: <errors joined by ", ">`. */
  invalid: (kind: string, group: string, name: string, fieldErrors: FieldError[]) => {
    const what = group ? `${kind}.${group}` : kind;
    const list = fieldErrors.map((e) => e.message);
    const joined = list.length === 1 ? list[0] : `[${list.join(', ')}]`;
    return new ApiError('INVALID', `${what} "${name}" is invalid: ${joined}`, {
      name,
      ...(group ? { group } : {}),
      kind,
      causes: fieldErrors.map((e) => ({
        reason: e.type,
        message: e.message.startsWith(`${e.field}: `) ? e.message.slice(e.field.length + 2) : e.message,
        field: e.field,
      })),
    });
  },
  badRequest: (message: string) => new ApiError('BAD_REQUEST', message),
  gone: (message: string) => new ApiError('GONE', message),
  methodNotAllowed: (message = 'the server does not allow this method on the requested resource') =>
    new ApiError('METHOD_NOT_ALLOWED', message),
  internal: (message: string) => new ApiError('INTERNAL', `Internal error occurred: ${message}`),
};
