/**
 * The transport-neutral entry: one Call in, one Result out, for every path the server serves
 * (version, health, openapi, discovery, resources). Errors become Status objects here.
 */
import { ApiError, errors } from '../core/index.ts';
import type { ApiContext, Call, Result } from './context.ts';
import { json } from './context.ts';
import {
  aggregated,
  aggregatedContentType,
  aggregatedWanted,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
} from './discovery.ts';
import { openapiGroupVersion, openapiRoot } from './openapi.ts';
import { handleResource } from './resource-handler.ts';
import { route } from './routing.ts';

export function notFoundPath(): ApiError {
  return new ApiError('NOT_FOUND', 'the server could not find the requested resource', {});
}

export function versionInfo(ctx: ApiContext): Record<string, string> {
  const { major, minor } = ctx.config.version;
  return {
    major,
    minor,
    gitVersion: `v${major}.${minor}.0`,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-01-01T00:00:00Z',
    goVersion: 'go1.23.0',
    compiler: 'gc',
    platform: `linux/${process.arch === 'x64' ? 'amd64' : process.arch}`,
  };
}

function readOnly(call: Call): void {
  if (call.method !== 'GET') throw errors.methodNotAllowed();
}

export async function handle(ctx: ApiContext, call: Call): Promise<Result> {
  try {
    return await dispatch(ctx, call);
  } catch (err) {
    if (err instanceof ApiError) return json(err.httpStatus, err.toStatus());
    ctx.config.logger.error(
      { err: String(err), stack: err instanceof Error ? err.stack : undefined, path: call.path },
      'apiserver request failed',
    );
    const e = errors.internal(err instanceof Error ? err.message : String(err));
    return json(e.httpStatus, e.toStatus());
  }
}

async function dispatch(ctx: ApiContext, call: Call): Promise<Result> {
  const r = route(call.path, ctx.registry);
  const accept = call.headers.accept;
  const serverVersion = `v${ctx.config.version.major}.${ctx.config.version.minor}.0`;
  switch (r.kind) {
    case 'version':
      readOnly(call);
      return json(200, versionInfo(ctx));
    case 'health':
      return { type: 'object', status: 200, body: 'ok', contentType: 'text/plain; charset=utf-8' };
    case 'openapi-v2':
      throw notFoundPath();
    case 'openapi-v3-root':
      readOnly(call);
      return json(200, openapiRoot(ctx.registry, serverVersion));
    case 'openapi-v3-gv':
      readOnly(call);
      if (!ctx.registry.hasGroupVersion(r.group, r.version)) throw notFoundPath();
      return json(200, openapiGroupVersion(ctx.registry, r.group, r.version, serverVersion));
    case 'api-root':
    case 'apis-root': {
      readOnly(call);
      const want = aggregatedWanted(accept);
      const core = r.kind === 'api-root';
      if (want)
        return {
          type: 'object',
          status: 200,
          body: aggregated(ctx.registry, want, core),
          contentType: aggregatedContentType(want),
        };
      return json(200, core ? apiVersions(`${ctx.config.host}:${ctx.apiPort}`) : apiGroupList(ctx.registry));
    }
    case 'group':
      readOnly(call);
      return json(200, apiGroup(ctx.registry, r.group));
    case 'group-version':
      readOnly(call);
      return json(200, apiResourceList(ctx.registry, r.group, r.version));
    case 'resource':
      return handleResource(ctx, call, r.target);
    case 'unknown':
      throw notFoundPath();
  }
}
