/** Bearer-token authentication: 401 Status unless the token is one of the configured ones (none configured → open). */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Public paths kube's system:public-info-viewer lets anyone read. */
const PUBLIC = /^\/(version|healthz|livez|readyz)(\/|$)/;

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function authorized(tokens: string[], headers: IncomingHttpHeaders, path: string): boolean {
  if (tokens.length === 0) return true;
  const header = headers.authorization;
  if (!header) return PUBLIC.test(path);
  const m = /^Bearer\s+(.+)$/i.exec(header.trim());
  return m !== null && tokens.some((t) => same(t, m[1]!));
}

export const UNAUTHORIZED_STATUS = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'Unauthorized',
  reason: 'Unauthorized',
  code: 401,
};
