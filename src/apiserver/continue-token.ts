/**
 * The opaque `continue` token of a paged LIST, encoded and checked exactly as kube-apiserver does
 * (k8s staging/src/k8s.io/apiserver/pkg/storage/continue.go): unpadded base64url of
 * `{"v":"meta.k8s.io/v1","rv":<revision of the first page>,"start":"<next key, relative to the prefix>"}`.
 */
import { posix } from 'node:path';

const VERSION = 'meta.k8s.io/v1';
const INVALID = 'continue key is not valid';

export interface ContinueToken {
  /** The full store key to start from (inclusive). */
  startKey: string;
  /** Revision to read at; -1 means "the latest" (the token a 410 Expired hands back). */
  revision: number;
}

/** Thrown with upstream's wording; the caller prefixes `invalid continue token: `. */
export class ContinueTokenError extends Error {}

/** Go's base64.RawURLEncoding is strict: no padding, only [A-Za-z0-9_-], no dangling 6 bits. */
function decodeBase64Url(value: string): string {
  const bad = /[^A-Za-z0-9_-]/.exec(value);
  if (bad) throw new ContinueTokenError(`${INVALID}: illegal base64 data at input byte ${bad.index}`);
  if (value.length % 4 === 1) {
    throw new ContinueTokenError(`${INVALID}: illegal base64 data at input byte ${value.length - 1}`);
  }
  return Buffer.from(value, 'base64url').toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Go's encoding/json names the first offending character; JSON.parse's text differs, so say what Go says for the common case.
    const first = text.trimStart()[0];
    const what =
      first === undefined
        ? 'unexpected end of JSON input'
        : `invalid character '${first}' looking for beginning of value`;
    throw new ContinueTokenError(`${INVALID}: ${what}`);
  }
}

export function encodeContinue(key: string, keyPrefix: string, revision: number): string {
  if (!key.startsWith(keyPrefix) || key === keyPrefix) {
    throw new Error(`unable to encode next field: the key and key prefix do not match ${keyPrefix} ${key}`);
  }
  const body = JSON.stringify({ v: VERSION, rv: revision, start: key.slice(keyPrefix.length) });
  return Buffer.from(body, 'utf8').toString('base64url');
}

export function decodeContinue(value: string, keyPrefix: string): ContinueToken {
  const parsed = parseJson(decodeBase64Url(value));
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    const kind = Array.isArray(parsed) ? 'array' : typeof parsed === 'boolean' ? 'bool' : typeof parsed;
    throw new ContinueTokenError(
      `${INVALID}: json: cannot unmarshal ${kind} into Go value of type storage.continueToken`,
    );
  }
  const c = (parsed ?? {}) as { v?: unknown; rv?: unknown; start?: unknown };
  const version = typeof c.v === 'string' ? c.v : '';
  if (version !== VERSION) {
    throw new ContinueTokenError(`${INVALID}: server does not recognize this encoded version ${version}`);
  }
  const revision = typeof c.rv === 'number' && Number.isSafeInteger(c.rv) ? c.rv : 0;
  if (revision === 0) {
    throw new ContinueTokenError(
      `${INVALID}: incorrect encoded start resourceVersion (version meta.k8s.io/v1)`,
    );
  }
  const start = typeof c.start === 'string' ? c.start : '';
  if (start === '')
    throw new ContinueTokenError(`${INVALID}: encoded start key empty (version meta.k8s.io/v1)`);
  // Path traversal guard (upstream): the start key may not climb above the list's prefix.
  const key = start.startsWith('/') ? start : `/${start}`;
  if (posix.normalize(key) !== key || (key.length > 1 && key.endsWith('/'))) {
    throw new ContinueTokenError(`${INVALID}: ${start}`);
  }
  return { startKey: keyPrefix + key.slice(1), revision };
}
