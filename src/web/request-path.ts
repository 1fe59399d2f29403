/** Turns an HTTP request target into path segments under the root, or says why it is refused. */

export type RequestPath =
  { ok: true; segments: string[]; trailingSlash: boolean } | { ok: false; status: 400; reason: string };

/**
 * Decodes each segment on its own, so `%2f` and `%5c` can never become separators, and resolves
 * `.`/`..` like nginx's ngx_http_parse_complex_uri: climbing above the root is a 400, not a clamp.
 * The result names a path relative to the root; the server still checks the real path on disk,
 * because a symlink inside the root may lead out of it.
 */
export function parseRequestPath(target: string): RequestPath {
  let path = target;
  // Absolute-form (`GET http://host/x HTTP/1.1`) is valid HTTP/1.1: keep only its path.
  const abs = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(path);
  if (abs) path = path.slice(abs[0].length) || '/';
  const end = path.search(/[?#]/);
  if (end >= 0) path = path.slice(0, end);
  if (!path.startsWith('/')) return bad('request target must start with /');

  const segments: string[] = [];
  const raw = path.split('/');
  for (const part of raw) {
    let seg: string;
    try {
      seg = decodeURIComponent(part);
    } catch {
      return bad('malformed percent-encoding');
    }
    if (/[/\\\0]/.test(seg)) return bad('encoded slash, backslash or NUL in path');
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (segments.length === 0) return bad('path leads above the root');
      segments.pop();
      continue;
    }
    segments.push(seg);
  }
  return { ok: true, segments, trailingSlash: path.endsWith('/') };
}

function bad(reason: string): RequestPath {
  return { ok: false, status: 400, reason };
}
