/** The contract between the kubelet and the built-in images: what a container gets and what an image is. */
import type { Readable, Writable } from 'node:stream';
import type { Server, Socket } from 'node:net';
import type { Clock } from '../core/index.ts';

/** A built-in image: what runs when a pod names it. */
export interface ImageImplementation {
  /** The canonical name, e.g. `busybox` or `kubelab/web`. */
  readonly name: string;
  /** Executables the image has (bare names such as `sh`, `web`); `/bin/ls` etc. resolve to these. */
  readonly executables: readonly string[];
  /**
   * Runs one process of the container: the main process (kubelet start) or an exec/probe.
   * Resolves with the exit code; rejects with ExecNotFoundError before any output when argv[0]
   * is not in the image, which the kubelet reports as runc does.
   */
  run(ctx: ContainerContext, argv: readonly string[]): Promise<number>;
}

/** What resolveImage gives the kubelet for a pod's image. */
export type ResolvedImage =
  | {
      implementation: ImageImplementation;
      /** The image's ENTRYPOINT; a container's `command` replaces it. */
      entrypoint: readonly string[];
      /** The image's CMD; a container's `args` replaces it. */
      defaultArgs: readonly string[];
      /** The image's ENV (PATH…); the container's `env` entries override these. */
      defaultEnv: Readonly<Record<string, string>>;
      /** The image's WORKDIR (`/` when unset); the container's `workingDir` replaces it. */
      workingDir?: string;
      /** Set when an alias mapped the name: the pattern that matched. */
      alias?: string;
    }
  | { error: string };

/** Everything a running container sees. One per container; exec and probes share it. */
export interface ContainerContext {
  /** The container's environment, after the kubelet's `$(VAR)` expansion. */
  env: Readonly<Record<string, string>>;
  hostname: string;
  podIP: string;
  /** The pod this container belongs to (shown by the web page). */
  pod?: { name: string; namespace: string; nodeName?: string };
  /** The container's workingDir; `/` when unset. */
  workingDir?: string;
  fs: ContainerFs;
  processes: ProcessTable;
  net: ContainerNetwork;
  stdin?: Readable;
  stdout: Writable;
  stderr: Writable;
  /**
   * Aborted when the process is killed: reason `'SIGKILL'` (137) when the container is killed or its
   * pid 1 has exited (every process dies with it); an exec's own signal may abort with another
   * reason (143). SIGTERM is not an abort: the runtime sends it to pid 1 with
   * `processes.kill(1, 'SIGTERM')`, and only a process that installed a handler notices it.
   */
  signal: AbortSignal;
  /** Time for `sleep`, `date` and timeouts; the real clock when unset. */
  clock?: Clock;
}

export type FileKind = 'file' | 'dir' | 'symlink' | 'other';

export interface FileInfo {
  kind: FileKind;
  size: number;
  /** Permission bits (e.g. 0o644). */
  mode: number;
  mtime: Date;
  /** Synthetic files of the read-only root and mount points' parents are read-only. */
  readOnly: boolean;
}

export interface DirEntry {
  name: string;
  kind: FileKind;
}

/**
 * The container's filesystem view: volumes mounted at their mountPath over a small read-only root.
 * Paths are absolute container paths; `..` and symlinks never leave the container's view.
 * Failures reject with FsError (code ENOENT, ENOTDIR, EISDIR, EROFS, ELOOP, EEXIST, ENOTEMPTY).
 */
export interface ContainerFs {
  stat(path: string): Promise<FileInfo>;
  readFile(path: string): Promise<Buffer>;
  readdir(path: string): Promise<DirEntry[]>;
  writeFile(path: string, data: string | Uint8Array, opts?: { append?: boolean }): Promise<void>;
  /** A stream for `>`/`>>` redirections and downloads; the file is created (or truncated) first. */
  openWrite(path: string, opts?: { append?: boolean }): Promise<Writable>;
  mkdir(path: string, opts?: { parents?: boolean }): Promise<void>;
  remove(path: string, opts?: { recursive?: boolean }): Promise<void>;
  /** Creates an empty file or updates its times. */
  touch(path: string): Promise<void>;
  /** As stat, but a symlink at the last component is described, not followed. */
  lstat(path: string): Promise<FileInfo>;
  /** The target of a symlink, as stored (EINVAL when `path` is not one). */
  readlink(path: string): Promise<string>;
  /** Creates a symlink at `path`; the target is resolved inside the container when followed. */
  symlink(target: string, path: string): Promise<void>;
  /** Sets the permission bits. */
  chmod(path: string, mode: number): Promise<void>;
  /** Sets the modification (and access) time. */
  setMtime(path: string, mtime: Date): Promise<void>;
  /** The host directory behind a container directory inside a mount (for servers that need one). */
  hostPath(path: string): Promise<string>;
}

export interface ProcessInfo {
  pid: number;
  ppid: number;
  user: string;
  argv: readonly string[];
  startedAt: Date;
}

/** Signals a process can catch (SIGKILL cannot be: it is the context's AbortSignal). */
export type CatchableSignal = 'SIGHUP' | 'SIGINT' | 'SIGQUIT' | 'SIGTERM' | 'SIGUSR1' | 'SIGUSR2';

/** One entry of the process table, held by whoever runs that process. */
export interface ProcessHandle {
  readonly pid: number;
  /** Replaces the command line, as execve does after a shell forks; caught signals go back to their default. */
  exec(argv: readonly string[]): void;
  /**
   * Installs (or, with undefined, removes) this process's handler for `sig`, as sigaction does. A
   * handler runs when the signal arrives; code that installed none is not told at all.
   */
  onSignal(sig: CatchableSignal, handler: (() => void) | undefined): void;
  exit(): void;
}

/** The container's processes, so `ps` shows them (itself included) as on a real node. */
export interface ProcessTable {
  /** Registers a running process; the first one of a container gets pid 1. */
  spawn(argv: readonly string[], ppid?: number): ProcessHandle;
  list(): ProcessInfo[];
  /**
   * Sends `sig` to `pid`: runs its handler if it installed one. Without a handler the signal is
   * ignored — the rule for pid 1, which gets no default action on Linux (kubelab only ever signals
   * pid 1; other processes die through the AbortSignal). False when there is no such process.
   */
  kill(pid: number, sig: CatchableSignal): boolean;
}

/** Network access of a container: loopback only, so a manifest can never reach the internet. */
export interface ContainerNetwork {
  /** IPv4 addresses for a name; an empty list means the name does not resolve. */
  resolve(name: string): Promise<string[]>;
  /** TCP to a loopback address; anything else fails with ENETUNREACH like an offline host. */
  connect(ip: string, port: number, opts?: { signal?: AbortSignal }): Promise<Socket>;
  /** A TCP server bound to the pod IP. */
  listen(port: number): Promise<Server>;
}
