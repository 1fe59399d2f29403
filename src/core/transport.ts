/**
 * The seam between API clients and the API server: the same interface is served in-process by the
 * API server (no sockets, for components inside kubelab) and over HTTPS by the client's HTTP transport.
 */
import type { KubeObject } from './types.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRequest {
  method: HttpMethod;
  /** Absolute API path without query, e.g. `/api/v1/namespaces/default/pods`. */
  path: string;
  /** Query parameters, e.g. `{ labelSelector: 'app=web', watch: 'true' }`. */
  query?: Record<string, string | string[]>;
  /** Lower-case header names, e.g. `content-type` for PATCH. */
  headers?: Record<string, string>;
  /** A JSON value (object for POST/PUT/PATCH bodies). */
  body?: unknown;
}

export interface ApiResponse {
  status: number;
  /** Decoded JSON: the object, a list, or a Status on errors. */
  body: unknown;
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  /** The object; for ERROR a Status. */
  object: KubeObject;
}

export interface WatchHandle {
  stop(): void;
}

export interface ApiTransport {
  request(req: ApiRequest): Promise<ApiResponse>;
  /** Starts a watch (`req.query.watch` is implied). `onClose` runs once, when the stream ends for any reason. */
  watch(req: ApiRequest, onEvent: (event: WatchEvent) => void, onClose: (err?: Error) => void): WatchHandle;
}
