/** Finds the regular file a request names, never one whose real path is outside the root. */
import { constants } from 'node:fs';
import { open, realpath, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join, sep } from 'node:path';

export type Resolved =
  | { kind: 'file'; handle: FileHandle; path: string; size: number; mtime: Date }
  | { kind: 'redirect'; location: string }
  | { kind: 'error'; status: 403 | 404 | 500; reason: string };

/**
 * `rootReal` must already be a real path. Every candidate goes through realpath, so a symlink
 * anywhere on the way is followed first and judged by where it really leads; the file is then
 * opened by that real path with O_NOFOLLOW and checked to be the same inode that was judged.
 */
export async function resolveFile(
  rootReal: string,
  segments: readonly string[],
  trailingSlash: boolean,
): Promise<Resolved> {
  let found = await check(rootReal, join(rootReal, ...segments));
  if (found.kind === 'dir') {
    // Like nginx: a directory named without its slash is redirected, so relative links work.
    if (!trailingSlash && segments.length > 0) {
      return { kind: 'redirect', location: `/${segments.map(encodeURIComponent).join('/')}/` };
    }
    found = await check(rootReal, join(found.real, 'index.html'));
    if (found.kind === 'dir') return notFound('index.html is a directory');
  }
  if (found.kind === 'error') return found;

  let handle: FileHandle | undefined;
  try {
    handle = await open(found.real, constants.O_RDONLY | constants.O_NOFOLLOW);
    const st = await handle.stat();
    if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOENT' });
    if (st.ino !== found.ino || st.dev !== found.dev) {
      throw Object.assign(new Error('file changed while being opened'), { code: 'ENOENT' });
    }
    return { kind: 'file', handle, path: found.real, size: st.size, mtime: st.mtime };
  } catch (err) {
    await handle?.close();
    return fsError(err);
  }
}

type Checked =
  | { kind: 'file'; real: string; ino: number; dev: number }
  | { kind: 'dir'; real: string }
  | { kind: 'error'; status: 403 | 404 | 500; reason: string };

async function check(rootReal: string, candidate: string): Promise<Checked> {
  try {
    const real = await realpath(candidate);
    if (!isInside(rootReal, real)) {
      return { kind: 'error', status: 403, reason: 'real path is outside the root' };
    }
    const st = await stat(real);
    if (st.isDirectory()) return { kind: 'dir', real };
    // FIFOs, sockets and devices would hang or leak: only regular files are content.
    if (!st.isFile()) return notFound('not a regular file');
    return { kind: 'file', real, ino: st.ino, dev: st.dev };
  } catch (err) {
    return fsError(err);
  }
}

export function isInside(rootReal: string, real: string): boolean {
  const prefix = rootReal.endsWith(sep) ? rootReal : rootReal + sep;
  return real === rootReal || real.startsWith(prefix);
}

function notFound(reason: string): { kind: 'error'; status: 404; reason: string } {
  return { kind: 'error', status: 404, reason };
}

function fsError(err: unknown): { kind: 'error'; status: 403 | 404 | 500; reason: string } {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  const reason = err instanceof Error ? err.message : String(err);
  if (['ENOENT', 'ENOTDIR', 'ELOOP', 'ENAMETOOLONG'].includes(code)) return notFound(reason);
  if (code === 'EACCES' || code === 'EPERM') return { kind: 'error', status: 403, reason };
  return { kind: 'error', status: 500, reason };
}
