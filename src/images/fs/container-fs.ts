/** ContainerFs over a mount table: volumes at their mountPath above a small synthetic read-only root. */
import { constants } from 'node:fs';
import {
  chmod,
  lstat,
  lutimes,
  mkdir,
  open,
  readdir,
  readlink,
  rm,
  stat,
  symlink,
  utimes,
} from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { FsError, strerror } from '../errors.ts';
import type { Errno } from '../errors.ts';
import type { ContainerFs, DirEntry, FileInfo, FileKind } from '../types.ts';
import { components, isPrefix, joinPath } from './paths.ts';

export interface Mount {
  /** Absolute path inside the container. */
  mountPath: string;
  /** The host directory shown there (e.g. the pod's emptyDir). */
  hostPath: string;
  readOnly?: boolean;
}

export interface ContainerFsConfig {
  mounts?: readonly Mount[];
  /** Read-only files by absolute path, like the kubelet's /etc/hosts bind mount. */
  files?: Readonly<Record<string, string>>;
  /** Names shown in /bin (the image's executables). */
  executables?: readonly string[];
  /** mtime of the synthetic files. */
  now?: () => Date;
}

/** The directories of a busybox image's root, present even when nothing is mounted there. */
const ROOT_DIRS = ['bin', 'dev', 'etc', 'home', 'proc', 'root', 'sys', 'tmp', 'usr', 'usr/bin', 'var'];
/** Linux's MAXSYMLINKS. */
const MAX_SYMLINKS = 40;

type Node =
  | { kind: 'null' }
  | { kind: 'file'; content: Buffer; mode: number }
  | { kind: 'dir' }
  | { kind: 'host'; host: string; readOnly: boolean; isMountRoot: boolean }
  | { kind: 'missing' };

interface MountEntry {
  parts: string[];
  hostPath: string;
  readOnly: boolean;
}

export function createContainerFs(config: ContainerFsConfig = {}): ContainerFs {
  return new MountedFs(config);
}

class MountedFs implements ContainerFs {
  #mounts: MountEntry[];
  #files: Map<string, Buffer>;
  #executables: Set<string>;
  #dirs: Set<string>;
  #now: () => Date;

  constructor(config: ContainerFsConfig) {
    this.#mounts = (config.mounts ?? [])
      .map((m) => {
        if (!m.mountPath.startsWith('/')) throw new Error(`mountPath ${m.mountPath} must be absolute`);
        return { parts: components(m.mountPath), hostPath: m.hostPath, readOnly: m.readOnly ?? false };
      })
      // Longest first, so a nested mount wins over its parent.
      .sort((a, b) => b.parts.length - a.parts.length);
    this.#files = new Map(
      Object.entries(config.files ?? {}).map(([p, text]) => [joinPath(components(p)), Buffer.from(text)]),
    );
    this.#executables = new Set(config.executables ?? []);
    this.#now = config.now ?? (() => new Date());
    this.#dirs = new Set(['/']);
    const addAncestors = (parts: string[]) => {
      for (let i = 0; i <= parts.length; i++) this.#dirs.add(joinPath(parts.slice(0, i)));
    };
    for (const d of ROOT_DIRS) addAncestors(components(d));
    for (const p of this.#files.keys()) addAncestors(components(p).slice(0, -1));
    for (const m of this.#mounts) addAncestors(m.parts.slice(0, -1));
  }

  /** Which layer a symlink-free path falls in. */
  #locate(parts: string[]): Node {
    const key = joinPath(parts);
    if (key === '/dev/null') return { kind: 'null' };
    const file = this.#files.get(key);
    if (file) return { kind: 'file', content: file, mode: 0o644 };
    for (const m of this.#mounts) {
      if (isPrefix(m.parts, parts)) {
        const rest = parts.slice(m.parts.length);
        return {
          kind: 'host',
          host: join(m.hostPath, ...rest),
          readOnly: m.readOnly,
          isMountRoot: rest.length === 0,
        };
      }
    }
    if (parts.length === 2 && parts[0] === 'bin' && this.#executables.has(parts[1] ?? '')) {
      return { kind: 'file', content: Buffer.alloc(0), mode: 0o755 };
    }
    return this.#dirs.has(key) ? { kind: 'dir' } : { kind: 'missing' };
  }

  /**
   * Resolves `..` and symlinks inside the container's namespace, as a chroot would: a link to
   * `/etc/passwd` on a volume means the container's /etc/passwd, never the host's.
   */
  async #walk(path: string, followLast: boolean): Promise<{ parts: string[]; node: Node }> {
    let queue = components(path);
    const done: string[] = [];
    let hops = 0;
    while (queue.length > 0) {
      const c = queue.shift() as string;
      if (c === '..') {
        done.pop();
        continue;
      }
      const node = this.#locate([...done, c]);
      if (node.kind === 'host' && !node.isMountRoot && (queue.length > 0 || followLast)) {
        const st = await lstat(node.host).catch(() => undefined);
        if (st?.isSymbolicLink()) {
          if (++hops > MAX_SYMLINKS) throw new FsError('ELOOP', path);
          const target = await readlink(node.host);
          if (target.startsWith('/')) done.length = 0;
          queue = [...components(target), ...queue];
          continue;
        }
      }
      done.push(c);
    }
    return { parts: done, node: this.#locate(done) };
  }

  async stat(path: string): Promise<FileInfo> {
    const { node } = await this.#walk(path, true);
    switch (node.kind) {
      case 'null':
        return { kind: 'other', size: 0, mode: 0o666, mtime: this.#now(), readOnly: false };
      case 'file':
        return {
          kind: 'file',
          size: node.content.length,
          mode: node.mode,
          mtime: this.#now(),
          readOnly: true,
        };
      case 'dir':
        return { kind: 'dir', size: 4096, mode: 0o755, mtime: this.#now(), readOnly: true };
      case 'missing':
        throw new FsError('ENOENT', path);
      case 'host':
        return info(await hostCall(path, () => stat(node.host)), node.readOnly);
    }
  }

  async readFile(path: string): Promise<Buffer> {
    const { node } = await this.#walk(path, true);
    switch (node.kind) {
      case 'null':
        return Buffer.alloc(0);
      case 'file':
        return node.content;
      case 'dir':
        throw new FsError('EISDIR', path);
      case 'missing':
        throw new FsError('ENOENT', path);
      case 'host':
        return hostCall(path, async () => {
          const fh = await open(node.host, constants.O_RDONLY | constants.O_NOFOLLOW);
          try {
            if ((await fh.stat()).isDirectory()) throw new FsError('EISDIR', path);
            return await fh.readFile();
          } finally {
            await fh.close();
          }
        });
    }
  }

  async readdir(path: string): Promise<DirEntry[]> {
    const { parts, node } = await this.#walk(path, true);
    const entries = new Map<string, FileKind>();
    if (node.kind === 'file' || node.kind === 'null') throw new FsError('ENOTDIR', path);
    if (node.kind === 'missing') throw new FsError('ENOENT', path);
    if (node.kind === 'host') {
      const list = await hostCall(path, () => readdir(node.host, { withFileTypes: true }));
      for (const e of list) {
        entries.set(
          e.name,
          e.isDirectory() ? 'dir' : e.isSymbolicLink() ? 'symlink' : e.isFile() ? 'file' : 'other',
        );
      }
    } else {
      const key = joinPath(parts);
      for (const f of this.#files.keys())
        childOf(parts, components(f), (n, last) => entries.set(n, last ? 'file' : 'dir'));
      for (const d of this.#dirs) if (d !== key) childOf(parts, components(d), (n) => entries.set(n, 'dir'));
      if (key === '/bin') for (const e of this.#executables) entries.set(e, 'file');
    }
    // Mount points inside this directory show up even when the parent has no such entry.
    for (const m of this.#mounts) childOf(parts, m.parts, (n) => entries.set(n, 'dir'));
    return [...entries].map(([name, kind]) => ({ name, kind })).sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  async writeFile(path: string, data: string | Uint8Array, opts: { append?: boolean } = {}): Promise<void> {
    const host = await this.#writable(path, true);
    if (host === undefined) return;
    await hostCall(path, async () => {
      const fh = await open(host, writeFlags(opts.append ?? false), 0o644);
      try {
        await fh.writeFile(data);
      } finally {
        await fh.close();
      }
    });
  }

  async openWrite(path: string, opts: { append?: boolean } = {}): Promise<Writable> {
    const host = await this.#writable(path, true);
    if (host === undefined) return new Writable({ write: (_chunk, _enc, done) => done() });
    const fh = await hostCall(path, () => open(host, writeFlags(opts.append ?? false), 0o644));
    const stream = fh.createWriteStream();
    // A failed write (disk full) ends this stream with an error; it must never crash kubelab.
    stream.on('error', () => undefined);
    return stream;
  }

  async mkdir(path: string, opts: { parents?: boolean } = {}): Promise<void> {
    const { node } = await this.#walk(path, false);
    if (node.kind === 'dir' || node.kind === 'file' || node.kind === 'null') {
      if (node.kind === 'dir' && opts.parents) return;
      throw new FsError('EEXIST', path);
    }
    if (node.kind === 'missing' || node.readOnly) throw new FsError('EROFS', path);
    if (node.isMountRoot) {
      if (opts.parents) return;
      throw new FsError('EEXIST', path);
    }
    await hostCall(path, () => mkdir(node.host, { recursive: opts.parents ?? false }));
  }

  async remove(path: string, opts: { recursive?: boolean } = {}): Promise<void> {
    const { node } = await this.#walk(path, false);
    if (node.kind === 'missing') throw new FsError('ENOENT', path);
    if (node.kind !== 'host' || node.readOnly) throw new FsError('EROFS', path);
    if (node.isMountRoot) throw new FsError('EBUSY', path);
    const st = await hostCall(path, () => lstat(node.host));
    if (st.isDirectory() && !opts.recursive) throw new FsError('EISDIR', path);
    await hostCall(path, () => rm(node.host, { recursive: opts.recursive ?? false }));
  }

  async touch(path: string): Promise<void> {
    const host = await this.#writable(path, false);
    if (host === undefined) return;
    await hostCall(path, async () => {
      const fh = await open(host, constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW, 0o644);
      await fh.close();
      const now = this.#now();
      await utimes(host, now, now);
    });
  }

  async lstat(path: string): Promise<FileInfo> {
    const { node } = await this.#walk(path, false);
    if (node.kind !== 'host') return this.stat(path);
    return info(await hostCall(path, () => lstat(node.host)), node.readOnly);
  }

  async readlink(path: string): Promise<string> {
    const { node } = await this.#walk(path, false);
    if (node.kind === 'missing') throw new FsError('ENOENT', path);
    if (node.kind !== 'host') throw new FsError('EINVAL', path);
    return hostCall(path, () => readlink(node.host));
  }

  async symlink(target: string, path: string): Promise<void> {
    const { node } = await this.#walk(path, false);
    if (node.kind !== 'missing' && node.kind !== 'host') throw new FsError('EEXIST', path);
    if (node.kind === 'missing' || node.readOnly) throw new FsError('EROFS', path);
    if (node.isMountRoot) throw new FsError('EEXIST', path);
    await hostCall(path, () => symlink(target, node.host));
  }

  async chmod(path: string, mode: number): Promise<void> {
    const { node } = await this.#walk(path, true);
    if (node.kind === 'missing') throw new FsError('ENOENT', path);
    if (node.kind !== 'host' || node.readOnly) throw new FsError('EROFS', path);
    await hostCall(path, () => chmod(node.host, mode & 0o7777));
  }

  async setMtime(path: string, mtime: Date): Promise<void> {
    const { node } = await this.#walk(path, false);
    if (node.kind === 'missing') throw new FsError('ENOENT', path);
    if (node.kind !== 'host' || node.readOnly) throw new FsError('EROFS', path);
    // lutimes: a symlink's own time, never its target's (which may lie outside the container's view).
    await hostCall(path, () => lutimes(node.host, mtime, mtime));
  }

  async hostPath(path: string): Promise<string> {
    const { node } = await this.#walk(path, true);
    if (node.kind !== 'host') throw new FsError('ENOENT', path);
    return node.host;
  }

  /** The host path behind a file about to be written (undefined for /dev/null); read-only places fail as EROFS. */
  async #writable(path: string, truncating: boolean): Promise<string | undefined> {
    const { node } = await this.#walk(path, true);
    if (node.kind === 'null') return undefined;
    if (node.kind === 'dir') throw new FsError(truncating ? 'EISDIR' : 'EROFS', path);
    if (node.kind !== 'host' || node.readOnly) throw new FsError('EROFS', path);
    return node.host;
  }
}

/** Calls `fn(name, isLast)` when `child` lies below `parent`, with the name of the next component. */
function childOf(parent: string[], child: string[], fn: (name: string, isLast: boolean) => void): void {
  if (child.length > parent.length && isPrefix(parent, child)) {
    fn(child[parent.length] as string, child.length === parent.length + 1);
  }
}

function writeFlags(append: boolean): number {
  return (
    constants.O_WRONLY |
    constants.O_CREAT |
    constants.O_NOFOLLOW |
    (append ? constants.O_APPEND : constants.O_TRUNC)
  );
}

function info(st: Stats, readOnly: boolean): FileInfo {
  const kind: FileKind = st.isDirectory()
    ? 'dir'
    : st.isFile()
      ? 'file'
      : st.isSymbolicLink()
        ? 'symlink'
        : 'other';
  return { kind, size: st.size, mode: st.mode & 0o7777, mtime: st.mtime, readOnly };
}

/** Runs a host call, turning node's system errors into FsError on the container path (never the host's). */
async function hostCall<T>(path: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof FsError) throw err;
    const code = (err as { code?: unknown }).code;
    // ELOOP from O_NOFOLLOW means the last component became a symlink after the walk.
    if (typeof code === 'string' && strerror(code) !== code) throw new FsError(code as Errno, path);
    throw new FsError('EACCES', path);
  }
}
