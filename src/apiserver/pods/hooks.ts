/**
 * The seam through which the kubelet serves pod logs and exec: the API server routes the requests,
 * checks the pod and container, and delegates the bytes to these hooks.
 */
import type { KubeObject } from '../../core/index.ts';

export interface LogOptions {
  follow: boolean;
  timestamps: boolean;
  previous: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: string;
  limitBytes?: number;
}

export interface ExecStdio {
  /** Present when the client asked for stdin; ends when the client closes stdin. */
  stdin?: AsyncIterable<Buffer>;
  stdout(chunk: Buffer): void;
  stderr(chunk: Buffer): void;
  tty: boolean;
  /** Terminal size changes (tty only). */
  onResize(listener: (size: { width: number; height: number }) => void): void;
}

export interface PodHooks {
  /**
   * Resolves to the log text chunks; with `follow`, they keep coming until the container ends or
   * `signal` aborts. Rejects with ApiError (e.g. BAD_REQUEST `container "x" in pod "y" is waiting to start: ContainerCreating`).
   */
  logs?(
    pod: KubeObject,
    container: string,
    options: LogOptions,
    signal: AbortSignal,
  ): Promise<AsyncIterable<string>>;
  /** Runs `command` in the container; resolves to its exit code. Throws ApiError to refuse. */
  exec?(
    pod: KubeObject,
    container: string,
    command: string[],
    stdio: ExecStdio,
    signal: AbortSignal,
  ): Promise<number>;
}
