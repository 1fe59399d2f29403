/** Container path arithmetic: absolute, normalised, never above `/`. */

/** Splits a path into its components, dropping empty ones and `.`. */
export function components(path: string): string[] {
  return path.split('/').filter((c) => c !== '' && c !== '.');
}

/** `path` made absolute against `cwd` and normalised lexically (`..` at `/` stays at `/`). */
export function resolvePath(cwd: string, path: string): string {
  const parts = path.startsWith('/') ? [] : components(cwd);
  for (const c of components(path)) {
    if (c === '..') parts.pop();
    else parts.push(c);
  }
  return '/' + parts.join('/');
}

export function joinPath(parts: readonly string[]): string {
  return '/' + parts.join('/');
}

/** The last component of a path (`/` for the root). */
export function baseName(path: string): string {
  const parts = components(path);
  return parts[parts.length - 1] ?? '/';
}

export function dirName(path: string): string {
  const parts = components(path);
  parts.pop();
  return joinPath(parts);
}

/** Whether `prefix` is `path` or one of its ancestors (both as component lists). */
export function isPrefix(prefix: readonly string[], path: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((c, i) => path[i] === c);
}
