/** Pathname expansion (`*`, `?`, `[…]`) over the container's filesystem. */
import type { ContainerFs } from '../types.ts';
import { resolvePath } from '../fs/paths.ts';

/** Escapes glob characters of quoted text, so the pattern matches them literally. */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\\]/g, (c) => `\\${c}`);
}

export function hasGlob(pattern: string): boolean {
  return /(^|[^\\])[*?[]/.test(pattern);
}

/** A pattern as an anchored RegExp; `*` and `?` stop at `/` for path components but not in `case`. */
export function componentRegExp(pattern: string, crossSlash = false): RegExp {
  const any = crossSlash ? '[^]' : '[^/]';
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\' && i + 1 < pattern.length) re += escapeRe(pattern[++i] as string);
    else if (c === '*') re += `${any}*`;
    else if (c === '?') re += any;
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        let body = pattern.slice(i + 1, end);
        const negate = body.startsWith('!') || body.startsWith('^');
        if (negate) body = body.slice(1);
        re += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, (x) => `\\${x}`)}]`;
        i = end;
      }
    } else re += escapeRe(c);
  }
  return new RegExp(`^${re}$`);
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, (x) => `\\${x}`);
}

function unescape(pattern: string): string {
  return pattern.replace(/\\(.)/g, '$1');
}

/** Matches `pattern` (a field with quoted parts escaped); sorted matches, or [] when none. */
export async function glob(fs: ContainerFs, cwd: string, pattern: string): Promise<string[]> {
  const absolute = pattern.startsWith('/');
  const parts = pattern.split('/').filter((p) => p !== '');
  // Candidates as the user wrote them (relative stays relative).
  let found: string[] = [absolute ? '/' : ''];
  let globbed = false;
  for (const part of parts) {
    const next: string[] = [];
    for (const base of found) {
      const join = (name: string) =>
        base === '' ? name : base.endsWith('/') ? base + name : `${base}/${name}`;
      if (!hasGlob(part)) {
        next.push(join(unescape(part)));
        continue;
      }
      globbed = true;
      const re = componentRegExp(part);
      const entries = await fs.readdir(resolvePath(cwd, base || '.')).catch(() => []);
      for (const e of entries) {
        if (e.name.startsWith('.') && !part.startsWith('.')) continue;
        if (re.test(e.name)) next.push(join(e.name));
      }
    }
    found = next;
  }
  if (!globbed) return [];
  const exists = await Promise.all(
    found.map((f) =>
      fs.stat(resolvePath(cwd, f)).then(
        () => true,
        () => false,
      ),
    ),
  );
  return found.filter((_, k) => exists[k]).sort();
}
