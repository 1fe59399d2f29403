/** Request decoding for the HTTP front: query strings to Query, bodies (JSON or YAML) to values. */
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError, errors } from '../../core/index.ts';
import type { Query } from '../context.ts';
import { decodeProtobufObject, isProtobufMediaType } from '../protobuf/index.ts';

/** kube-apiserver's default request body limit (3 MiB). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export function queryOf(params: URLSearchParams): Query {
  const out: Query = {};
  for (const [k, v] of params) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > MAX_BODY_BYTES) throw new ApiError('TOO_LARGE', 'Request entity too large: limit is 3145728');
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

export function decodeBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  const media = (contentType ?? 'application/json').split(';')[0]!.trim().toLowerCase();
  // kubectl >= 1.32 sends typed creates (`kubectl create namespace|configmap|...`) as protobuf.
  if (isProtobufMediaType(contentType)) return decodeProtobufObject(raw);
  const text = raw.toString('utf8');
  try {
    if (media.includes('yaml')) return parseYaml(text) as unknown;
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw errors.badRequest(
      `error decoding request body: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}
