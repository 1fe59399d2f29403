/**
 * ApiTransport over HTTP(S) with node:http/https and a keep-alive agent: JSON in, JSON out;
 * HTTP errors come back as `{status, body: Status}` (never thrown); watches are parsed line by line.
 */
import http from 'node:http';
import https from 'node:https';
import { StringDecoder } from 'node:string_decoder';
import { isRecord } from '../core/index.ts';
import type {
  ApiRequest,
  ApiResponse,
  ApiTransport,
  KubeObject,
  WatchEvent,
  WatchHandle,
} from '../core/index.ts';
import { ClientConfigError, isStatus, statusFromHttpError } from './errors.ts';
import { NdjsonSplitter } from './ndjson.ts';

export interface HttpTransportConfig {
  /** e.g. `https://127.0.0.1:6443`; a path prefix is kept (`https://host/k8s` → `/k8s/api/v1/...`). */
  server: string;
  /** PEM of the CA that signed the server's certificate. */
  ca?: string | Buffer;
  /** Bearer token. */
  token?: string;
  /** Client certificate and key (PEM), as kubeconfig's client-certificate-data/client-key-data. */
  clientCert?: string | Buffer;
  clientKey?: string | Buffer;
  insecureSkipTLSVerify?: boolean;
  /** Per-request timeout for non-watch requests; default 60 s. Watches have none. */
  timeoutMs?: number;
  userAgent?: string;
}

export interface HttpTransport extends ApiTransport {
  readonly server: string;
  /** Closes idle keep-alive sockets; open watches should be stopped first. */
  close(): void;
}

const DEFAULT_TIMEOUT_MS = 60_000;

function validate(config: HttpTransportConfig): URL {
  let url: URL;
  try {
    url = new URL(config.server);
  } catch {
    throw new ClientConfigError(`server "${config.server}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ClientConfigError(`server "${config.server}" must be an http:// or https:// URL`);
  }
  if (config.timeoutMs !== undefined && !(config.timeoutMs > 0)) {
    throw new ClientConfigError(`timeoutMs must be positive, got ${config.timeoutMs}`);
  }
  return url;
}

function queryString(query: ApiRequest['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function decodeBody(status: number, contentType: string | undefined, text: string, method: string): unknown {
  const looksJson = (contentType ?? '').includes('json') || /^\s*[[{]/.test(text);
  if (looksJson && text.trim() !== '') {
    try {
      const value = JSON.parse(text) as unknown;
      if (status < 400 || isStatus(value)) return value;
    } catch {
      // fall through: a non-JSON error page becomes a Status below
    }
  }
  if (status >= 400) return statusFromHttpError(status, text, method);
  return text;
}

export function httpTransport(config: HttpTransportConfig): HttpTransport {
  const base = validate(config);
  const secure = base.protocol === 'https:';
  const basePath = base.pathname.replace(/\/+$/, '');
  const agent = secure
    ? new https.Agent({
        keepAlive: true,
        ...(config.ca !== undefined ? { ca: config.ca } : {}),
        ...(config.clientCert !== undefined ? { cert: config.clientCert } : {}),
        ...(config.clientKey !== undefined ? { key: config.clientKey } : {}),
        rejectUnauthorized: !config.insecureSkipTLSVerify,
      })
    : new http.Agent({ keepAlive: true });
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  function open(req: ApiRequest, extraQuery: Record<string, string> = {}): http.ClientRequest {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': config.userAgent ?? 'kubelab-client',
      ...(config.token ? { authorization: `Bearer ${config.token}` } : {}),
    };
    let payload: string | undefined;
    if (req.body !== undefined) {
      payload = JSON.stringify(req.body);
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    Object.assign(headers, req.headers);
    const options: https.RequestOptions = {
      agent,
      method: req.method,
      hostname: base.hostname.replace(/^\[|\]$/g, ''),
      port: base.port || (secure ? 443 : 80),
      path: basePath + req.path + queryString({ ...req.query, ...extraQuery }),
      headers,
    };
    const r = secure ? https.request(options) : http.request(options);
    r.end(payload);
    return r;
  }

  return {
    server: config.server,
    request(req: ApiRequest): Promise<ApiResponse> {
      return new Promise((resolve, reject) => {
        const r = open(req);
        r.setTimeout(timeoutMs, () =>
          r.destroy(
            new Error(`${req.method} ${req.path}: no response from ${config.server} in ${timeoutMs} ms`),
          ),
        );
        r.on('error', reject);
        r.on('response', (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status, body: decodeBody(status, res.headers['content-type'], text, req.method) });
          });
        });
      });
    },

    watch(req, onEvent, onClose): WatchHandle {
      let closed = false;
      const finish = (err?: Error) => {
        if (closed) return;
        closed = true;
        r.destroy();
        onClose(err);
      };
      const deliver = (lines: string[]) => {
        for (const line of lines) {
          if (closed) return;
          let value: unknown;
          try {
            value = JSON.parse(line);
          } catch (err) {
            finish(new Error(`watch ${req.path}: bad JSON in stream: ${(err as Error).message}`));
            return;
          }
          if (!isRecord(value) || typeof value.type !== 'string' || !isRecord(value.object)) {
            finish(new Error(`watch ${req.path}: not a watch event: ${line.slice(0, 200)}`));
            return;
          }
          onEvent({ type: value.type as WatchEvent['type'], object: value.object as KubeObject });
        }
      };
      const r = open({ ...req, method: 'GET' }, { watch: 'true' });
      r.on('error', (err) => finish(err));
      r.on('response', (res) => {
        const status = res.statusCode ?? 0;
        const decoder = new StringDecoder('utf8');
        if (status < 200 || status >= 300) {
          // A refused watch reads like the apiserver's in-stream failure: one ERROR event with the Status.
          let text = '';
          res.on('data', (c: Buffer) => (text += decoder.write(c)));
          res.on('end', () => {
            const body = decodeBody(status, res.headers['content-type'], text + decoder.end(), 'GET');
            const statusObj = isStatus(body) ? body : statusFromHttpError(status, text, 'GET');
            if (!closed) onEvent({ type: 'ERROR', object: statusObj as unknown as KubeObject });
            finish(new Error(`watch ${req.path}: ${status} ${statusObj.message}`));
          });
          return;
        }
        const splitter = new NdjsonSplitter();
        res.on('data', (c: Buffer) => deliver(splitter.push(decoder.write(c))));
        res.on('end', () => {
          deliver([...splitter.push(decoder.end()), ...splitter.end()]);
          finish();
        });
        res.on('error', (err) => finish(err));
        res.on('close', () =>
          finish(res.complete ? undefined : new Error(`watch ${req.path}: stream closed`)),
        );
      });
      return { stop: () => finish() };
    },

    close() {
      agent.destroy();
    },
  };
}
