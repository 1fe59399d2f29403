/**
 * What every request handler shares (store, registry, clock, config) and the transport-neutral
 * request and result shapes that both the HTTP server and the in-process transport speak.
 */
import type { HttpMethod, WatchEvent } from '../core/index.ts';
import type { Store } from '../store/types.ts';
import type { ResolvedConfig } from './config.ts';
import type { Registry } from './registry/registry.ts';
import type { ServiceAllocators } from './service-ips.ts';

export type Query = Record<string, string | string[]>;

export interface Call {
  method: HttpMethod;
  path: string;
  query: Query;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** Decoded body (JSON value), undefined when there is none. */
  body: unknown;
}

export interface WatchSink {
  event(event: WatchEvent): void;
  /** Ends the stream; runs at most once. */
  end(err?: Error): void;
}

export interface TextSink {
  write(chunk: string): void;
  end(): void;
}

export type Result =
  | { type: 'object'; status: number; body: unknown; contentType?: string; warnings?: string[] }
  | { type: 'watch'; contentType: string; start(sink: WatchSink): () => void }
  | {
      type: 'text';
      status: number;
      contentType: string;
      start(sink: TextSink, signal: AbortSignal): Promise<void>;
    };

export interface ApiContext {
  store: Store;
  registry: Registry;
  config: ResolvedConfig;
  allocators: ServiceAllocators;
  /** Set by the server for the bootstrap Endpoints (the real listening port). */
  apiPort: number;
  /** Background work started by handlers (pod termination timers, GC); stopped on close. */
  schedulePodRemoval(namespace: string, name: string, uid: string, at: Date): void;
}

export function q(query: Query, name: string): string | undefined {
  const v = query[name];
  return Array.isArray(v) ? v[0] : v;
}

export function qAll(query: Query, name: string): string[] {
  const v = query[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

export function json(status: number, body: unknown, warnings?: string[]): Result {
  return warnings && warnings.length > 0
    ? { type: 'object', status, body, warnings }
    : { type: 'object', status, body };
}
