/**
 * The seam through which the kubelet serves pod logs, exec, attach and port-forward: the API server routes the requests,
 * checks the pod and container, and delegates the bytes to these hooks.
 */
import type { Duplex } from 'node:stream';
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
  /**
   * Attaches to the running container's main process: its output until it exits (or `signal`
   * aborts); resolves to its exit code. Throws ApiError to refuse.
   */
  attach?(pod: KubeObject, container: string, stdio: ExecStdio, signal: AbortSignal): Promise<number>;
  /**
   * Connects to `port` on the pod's IP. Rejects with an Error whose message kubectl prints as the
   * kubelet's (`error forwarding port 8000 to pod …`).
   */
  portForward?(pod: KubeObject, port: number): Promise<Duplex>;
}
