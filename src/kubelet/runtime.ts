/**
 * The container runtime interface the kubelet consumes (CRI-shaped; the consumer owns the interface,
 * architecture note 4). An in-process runtime for built-in images and a child-process runtime that
 * hosts many containers both fit it; the composition root picks one.
 */

/** A directory or file the container sees at `mountPath`, backed by `hostPath` on this machine. */
export interface Mount {
  /** e.g. `web-content`, `etc-hosts`. */
  name: string;
  mountPath: string;
  hostPath: string;
  kind: 'dir' | 'file';
  readOnly: boolean;
  /** A subPath of the volume, already joined into hostPath. */
  subPath?: string;
}

/** What the image resolves to: the kubelet reports ErrImagePull with `error` verbatim. */
export type ImagePullResult = { imageID: string; size?: number } | { error: string };

/** Everything needed to create one container instance (CRI CreateContainer + StartContainer). */
export interface ContainerSpec {
  /** Hex container id, unique per instance; the API shows `kubelab://<id>`. */
  id: string;
  pod: { namespace: string; name: string; uid: string };
  /** The container's name in the pod spec. */
  name: string;
  image: string;
  /**
   * The container's `command`/`args` after `$(VAR)` expansion; undefined means the image's
   * ENTRYPOINT/CMD (Kubernetes: command replaces ENTRYPOINT, args replace CMD).
   */
  command?: string[];
  args?: string[];
  /** Environment in definition order (HOSTNAME first), values expanded. */
  env: Array<{ name: string; value: string }>;
  workingDir?: string;
  hostname: string;
  podIP: string;
  /** Volumes plus the kubelet-managed /etc/hosts, /etc/hostname and /etc/resolv.conf. */
  mounts: Mount[];
  stdin: boolean;
  /** The container's stdinOnce: the first attached client closing its input closes pid 1's stdin. */
  stdinOnce?: boolean;
  tty: boolean;
}

/** Output of a process: the kubelet keeps it in its log buffers. */
export interface OutputSink {
  stdout(chunk: Buffer): void;
  stderr(chunk: Buffer): void;
}

/** How pid 1 of a container ended. */
export interface ContainerExit {
  exitCode: number;
  /** Kubernetes terminated reason when the runtime knows better than Completed/Error, e.g. OOMKilled. */
  reason?: string;
  message?: string;
}

export interface ExecIO extends OutputSink {
  stdin?: AsyncIterable<Buffer>;
  tty: boolean;
  /** Aborting ends the exec'd process (probe timeout, client gone). */
  signal: AbortSignal;
}

/** A `kubectl attach` client of pid 1 (CRI Attach). */
export interface AttachIO extends OutputSink {
  /** Reaches pid 1's stdin only when the container has `stdin: true`. */
  stdin?: AsyncIterable<Buffer>;
  tty: boolean;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

/** A created and started container. */
export interface RuntimeContainer {
  /** Settles once pid 1 has exited; never rejects (a crash is an exit code, e.g. 1 or 137). */
  readonly exited: Promise<ContainerExit>;
  /**
   * SIGTERM now, SIGKILL when `graceMs` has passed (0: SIGKILL at once); resolves when pid 1 is gone.
   * Calling it again with a shorter grace shortens the wait.
   */
  stop(graceMs: number): Promise<void>;
  /** Runs a process inside the container (probes, preStop, kubectl exec); resolves with its exit code. */
  exec(argv: string[], io: ExecIO): Promise<number>;
  /**
   * Attaches a client to pid 1: its output from now on, its stdin when the container has `stdin`
   * (through its terminal with `tty`). Resolves when pid 1 has exited or the client's signal aborts.
   * Optional: a runtime without it cannot attach.
   */
  attach?(io: AttachIO): Promise<void>;
}

/** Start failures the kubelet reports as `StartError` (exit 128) with this message, as runc's errors. */
export class ContainerStartError extends Error {
  override name = 'ContainerStartError';
}

export interface ContainerRuntime {
  /** Resolves the image (built-in name or alias); never throws for an unknown image. */
  pullImage(image: string): Promise<ImagePullResult>;
  /**
   * Creates and starts the container; its pid 1 writes to `output`. Rejects with ContainerStartError
   * when it cannot start (e.g. `exec: "foo": executable file not found in $PATH`).
   */
  startContainer(spec: ContainerSpec, output: OutputSink): Promise<RuntimeContainer>;
  /** Stops everything (kubelab shutdown). */
  close?(): Promise<void>;
}
