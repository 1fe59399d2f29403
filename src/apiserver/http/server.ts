/** The HTTP(S) front of the API server: authentication, decoding, and the transport-neutral handler. */
import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { HttpMethod } from '../../core/index.ts';
import { ApiError } from '../../core/index.ts';
import type { ApiContext, Call } from '../context.ts';
import { handle } from '../handler.ts';
import { authorized, UNAUTHORIZED_STATUS } from './auth.ts';
import { decodeBody, queryOf, readBody } from './decode.ts';
import { respond } from './respond.ts';
import { handleUpgrade } from './upgrade.ts';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

export interface HttpFront {
  server: Server;
  /** Ends every open watch and log stream. */
  stopStreams(): void;
}

export function createFront(ctx: ApiContext): HttpFront {
  const streams = new Set<() => void>();
  const track = (stop: () => void): (() => void) => {
    streams.add(stop);
    return () => streams.delete(stop);
  };
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    void serve(ctx, req, res, track).catch((err: unknown) => {
      ctx.config.logger.error({ err: String(err) }, 'apiserver http failure');
      if (!res.headersSent) res.writeHead(500).end();
    });
  };
  const server = ctx.config.tls
    ? createHttpsServer({ cert: ctx.config.tls.cert, key: ctx.config.tls.key }, onRequest)
    : createHttpServer(onRequest);
  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
    void handleUpgrade(ctx, req, socket, head).catch(() => socket.destroy());
  });
  return {
    server,
    stopStreams(): void {
      for (const stop of [...streams]) stop();
      streams.clear();
    },
  };
}

function sendError(res: ServerResponse, err: ApiError): void {
  const body = JSON.stringify(err.toStatus());
  res.writeHead(err.httpStatus, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}

async function serve(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  track: (stop: () => void) => () => void,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!authorized(ctx.config.tokens, req.headers, url.pathname)) {
    const body = JSON.stringify(UNAUTHORIZED_STATUS);
    res.writeHead(401, {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
    });
    res.end(body);
    return;
  }
  const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
  if (!METHODS.has(method))
    return sendError(res, new ApiError('METHOD_NOT_ALLOWED', `method ${method} is not supported`));
  let body: unknown;
  try {
    body = decodeBody(await readBody(req), req.headers['content-type']);
  } catch (err) {
    if (err instanceof ApiError) return sendError(res, err);
    throw err;
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
  const call: Call = {
    method: method as HttpMethod,
    path: url.pathname,
    query: queryOf(url.searchParams),
    headers,
    body,
  };
  const started = Date.now();
  const result = await handle(ctx, call);
  respond(req, res, result, track);
  ctx.config.logger.debug(
    {
      event: 'request',
      verb: method,
      path: url.pathname,
      status: result.type === 'object' ? result.status : 200,
      ms: Date.now() - started,
      userAgent: req.headers['user-agent'],
    },
    'apiserver request',
  );
}
