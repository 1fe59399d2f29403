/**
 * A tiny scripted Kubernetes API on a real node:http server (127.0.0.1, port 0), for the client's
 * tests: list, get, create, update, merge patch, delete and watch over real sockets, plus the knobs a
 * test needs to break things on purpose (silent writes, 410 Expired, closed streams, scripted failures).
 * Test support only; no component imports it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KubeObject } from '../../core/index.ts';
import { errors as apiErrors, isRecord } from '../../core/index.ts';
import type { ApiError } from '../../core/index.ts';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

interface Stored {
  collection: string;
  namespace: string;
  object: KubeObject;
}

interface HistoryEntry {
  rev: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  stored: Stored;
}

interface OpenWatch {
  collection: string;
  namespace: string;
  res: http.ServerResponse;
}

const PATH =
  /^(\/api\/v1|\/apis\/[^/]+\/[^/]+)(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?$/;

function labelsMatch(object: KubeObject, selector: string | null): boolean {
  if (!selector) return true;
  const labels = object.metadata.labels ?? {};
  return selector.split(',').every((term) => {
    const [k = '', v = ''] = term.split('=');
    return labels[k] === v;
  });
}

function merge(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return patch;
  const out: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = merge(out[k], v);
  }
  return out;
}

export class ScriptedApi {
  readonly requests: RecordedRequest[] = [];
  revision = 100;
  #compacted = 0;
  #objects = new Map<string, Stored>();
  #history: HistoryEntry[] = [];
  #watches = new Set<OpenWatch>();
  #failures: { method: string; pathPrefix: string; status: number; body: unknown }[] = [];
  #server: http.Server;
  url = '';

  constructor() {
    this.#server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.#handle(req, res, Buffer.concat(chunks).toString('utf8')));
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    this.closeWatches();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Open watch streams right now. */
  watchCount(): number {
    return this.#watches.size;
  }

  /** The next request matching method and path prefix gets this scripted answer (an error, a page, …). */
  respondNext(method: string, pathPrefix: string, status: number, body: unknown): void {
    this.#failures.push({ method, pathPrefix, status, body });
  }

  /** Ends every watch stream cleanly, as a server-side timeout does. */
  closeWatches(): void {
    for (const w of this.#watches) w.res.end();
    this.#watches.clear();
  }

  /** Forgets history and tells every open watch 410 Expired, as the apiserver does after compaction. */
  expireWatches(): void {
    this.#compacted = this.revision;
    this.#history = [];
    const status = apiErrors.gone('too old resource version: 1 (2)').toStatus();
    for (const w of this.#watches) {
      w.res.write(JSON.stringify({ type: 'ERROR', object: status }) + '\n');
      w.res.end();
    }
    this.#watches.clear();
  }

  /** Writes an object directly. `silent` skips watchers and history, as if the change was compacted away. */
  put(collection: string, object: KubeObject, options: { silent?: boolean } = {}): KubeObject {
    const namespace = object.metadata.namespace ?? '';
    const key = `${collection}|${namespace}|${object.metadata.name}`;
    const existed = this.#objects.has(key);
    const stored = { collection, namespace, object: this.#stamp(object) };
    this.#objects.set(key, stored);
    if (!options.silent) this.#record(existed ? 'MODIFIED' : 'ADDED', stored);
    return stored.object;
  }

  remove(collection: string, namespace: string, name: string, options: { silent?: boolean } = {}): void {
    const key = `${collection}|${namespace}|${name}`;
    const stored = this.#objects.get(key);
    if (!stored) return;
    this.#objects.delete(key);
    const gone = { ...stored, object: this.#stamp(stored.object) };
    if (!options.silent) this.#record('DELETED', gone);
  }

  #stamp(object: KubeObject): KubeObject {
    this.revision++;
    const metadata = {
      uid: `uid-${object.metadata.name}`,
      ...object.metadata,
      resourceVersion: String(this.revision),
    };
    return { ...object, metadata };
  }

  #record(type: HistoryEntry['type'], stored: Stored): void {
    this.#history.push({ rev: this.revision, type, stored });
    for (const w of this.#watches) {
      if (w.collection === stored.collection && (!w.namespace || w.namespace === stored.namespace)) {
        w.res.write(JSON.stringify({ type, object: stored.object }) + '\n');
      }
    }
  }

  #send(res: http.ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  #error(res: http.ServerResponse, err: ApiError): void {
    this.#send(res, err.httpStatus, err.toStatus());
  }

  #handle(req: http.IncomingMessage, res: http.ServerResponse, text: string): void {
    const url = new URL(req.url ?? '/', 'http://x');
    const method = req.method ?? 'GET';
    const body: unknown = text ? JSON.parse(text) : undefined;
    this.requests.push({ method, path: url.pathname, query: url.searchParams, headers: req.headers, body });
    const failure = this.#failures.findIndex(
      (f) => f.method === method && url.pathname.startsWith(f.pathPrefix),
    );
    if (failure >= 0) {
      const [f] = this.#failures.splice(failure, 1);
      res.writeHead(f!.status, {
        'content-type': typeof f!.body === 'string' ? 'text/plain' : 'application/json',
      });
      res.end(typeof f!.body === 'string' ? f!.body : JSON.stringify(f!.body));
      return;
    }
    const m = PATH.exec(url.pathname);
    if (!m) return this.#error(res, apiErrors.notFound('', '', url.pathname));
    const [, gv = '', namespace = '', resource = '', name, subresource] = m;
    const collection = `${gv}/${resource}`;
    const key = `${collection}|${namespace}|${name}`;
    const current = this.#objects.get(key);
    if (method === 'GET' && name === undefined) {
      if (url.searchParams.get('watch') === 'true')
        return this.#watch(res, collection, namespace, url.searchParams);
      const items = [...this.#objects.values()]
        .filter((s) => s.collection === collection && (!namespace || s.namespace === namespace))
        .map((s) => s.object)
        .filter((o) => labelsMatch(o, url.searchParams.get('labelSelector')));
      return this.#send(res, 200, {
        kind: 'List',
        apiVersion: 'v1',
        metadata: { resourceVersion: String(this.revision) },
        items,
      });
    }
    if (method === 'POST' && name === undefined) {
      const object = body as KubeObject;
      const k = `${collection}|${namespace}|${object.metadata.name}`;
      if (this.#objects.has(k))
        return this.#error(res, apiErrors.alreadyExists(resource, '', object.metadata.name ?? ''));
      return this.#send(
        res,
        201,
        this.put(collection, {
          ...object,
          metadata: { ...object.metadata, namespace: namespace || undefined },
        }),
      );
    }
    if (!current || name === undefined) return this.#error(res, apiErrors.notFound(resource, '', name ?? ''));
    if (method === 'GET') return this.#send(res, 200, current.object);
    if (method === 'DELETE') {
      this.remove(collection, namespace, name);
      return this.#send(res, 200, current.object);
    }
    if (method === 'PUT') {
      const object = body as KubeObject;
      const rv = object.metadata.resourceVersion;
      if (rv && rv !== current.object.metadata.resourceVersion) {
        return this.#error(
          res,
          apiErrors.conflict(
            resource,
            '',
            name,
            'the object has been modified; please apply your changes to the latest version and try again',
          ),
        );
      }
      const next = subresource === 'status' ? { ...current.object, status: object.status } : object;
      return this.#send(res, 200, this.put(collection, next));
    }
    if (method === 'PATCH')
      return this.#send(res, 200, this.put(collection, merge(current.object, body) as KubeObject));
    this.#error(res, apiErrors.methodNotAllowed());
  }

  #watch(res: http.ServerResponse, collection: string, namespace: string, query: URLSearchParams): void {
    res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    res.flushHeaders();
    const from = Number(query.get('resourceVersion') ?? '0');
    if (from && from < this.#compacted) {
      const status = apiErrors.gone(`too old resource version: ${from} (${this.#compacted})`).toStatus();
      res.end(JSON.stringify({ type: 'ERROR', object: status }) + '\n');
      return;
    }
    for (const h of this.#history) {
      if (
        h.rev > from &&
        h.stored.collection === collection &&
        (!namespace || h.stored.namespace === namespace)
      ) {
        res.write(JSON.stringify({ type: h.type, object: h.stored.object }) + '\n');
      }
    }
    const w = { collection, namespace, res };
    this.#watches.add(w);
    res.on('close', () => this.#watches.delete(w));
  }
}

/** Starts a ScriptedApi and registers its shutdown with the test at once. */
export async function startScriptedApi(t: {
  after(fn: () => void | Promise<void>): void;
}): Promise<ScriptedApi> {
  const api = new ScriptedApi();
  t.after(() => api.close());
  await api.listen();
  return api;
}

/** Polls `predicate` until it is true or `timeoutMs` passes (no fixed sleeps in tests). */
export async function waitFor(predicate: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
