/**
 * An in-process container runtime for the built-in images, shaped like the kubelet's ContainerRuntime
 * (structurally: the kubelet owns that interface, this component only has to fit it). Each container
 * is JavaScript inside kubelab: its pid 1 is the image's `run`, exec and probes run the image again
 * against the same filesystem view, process table and network. Nothing runs on the host.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realClock } from '../../core/index.ts';
import type { Clock } from '../../core/index.ts';
import { ExecNotFoundError, execNotFoundMessage, errorText } from '../errors.ts';
import { createContainerFs } from '../fs/container-fs.ts';
import { rootFiles } from '../fs/root-files.ts';
import type { ImageAlias } from '../image-ref.ts';
import { createContainerNetwork } from '../net.ts';
import { createProcessTable } from '../process-table.ts';
import type { ImageRegistry } from '../registry.ts';
import type { ContainerContext } from '../types.ts';
import { execStdio, mainStdio } from './stdio.ts';
import type { RuntimeAttachIO } from './stdio.ts';

export type { RuntimeAttachIO } from './stdio.ts';

/** The kubelet's ContainerSpec, as far as this runtime reads it. */
export interface RuntimeContainerSpec {
  id: string;
  pod: { namespace: string; name: string; uid: string };
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env: Array<{ name: string; value: string }>;
  workingDir?: string;
  hostname: string;
  podIP: string;
  mounts: Array<{ mountPath: string; hostPath: string; kind: 'dir' | 'file'; readOnly: boolean }>;
  /** The container's `stdin`: pid 1's stdin stays open for `attach` (else it reads end of file). */
  stdin?: boolean;
  /** `stdinOnce`: the first attached client that closes its input closes pid 1's stdin for good. */
  stdinOnce?: boolean;
  /** `tty`: pid 1 runs on a terminal (line discipline for attached keystrokes, one output stream). */
  tty?: boolean;
}

export interface RuntimeOutput {
  stdout(chunk: Buffer): void;
  stderr(chunk: Buffer): void;
}

export interface RuntimeExecIO extends RuntimeOutput {
  stdin?: AsyncIterable<Buffer>;
  tty: boolean;
  signal: AbortSignal;
}

export interface RuntimeExit {
  exitCode: number;
  reason?: string;
  message?: string;
}

export interface InProcessContainer {
  readonly exited: Promise<RuntimeExit>;
  stop(graceMs: number): Promise<void>;
  exec(argv: string[], io: RuntimeExecIO): Promise<number>;
  /**
   * `kubectl attach`: the client sees pid 1's output from now on and, with `stdin: true`, types into
   * its stdin (through its terminal with `tty: true`). Resolves when the container has exited or the
   * client's signal aborts.
   */
  attach(io: RuntimeAttachIO): Promise<void>;
}

/** Thrown when pid 1 cannot start; the kubelet matches it by name (`ContainerStartError`). */
export class ContainerStartError extends Error {
  override name = 'ContainerStartError';
}

export interface InProcessRuntimeConfig {
  registry: ImageRegistry;
  aliases?: readonly ImageAlias[];
  clock?: Clock;
  /** kube-dns's ClusterIP, for resolv.conf. */
  nameserver?: string;
  clusterDomain?: string;
  /** Name resolution for wget/curl (the DNS component's, later). */
  resolve?: (name: string) => Promise<string[]>;
}

/** Kubernetes' rule: `command` replaces ENTRYPOINT; `args` replace CMD (and CMD is dropped when only command is set). */
export function containerArgv(
  spec: Pick<RuntimeContainerSpec, 'command' | 'args'>,
  image: { entrypoint: readonly string[]; defaultArgs: readonly string[] },
): string[] {
  if (spec.command) return [...spec.command, ...(spec.args ?? [])];
  return [...image.entrypoint, ...(spec.args ?? image.defaultArgs)];
}

/**
 * Directories an image's filesystem has and a container may write to: the container's writable layer.
 * kubelab/web's Dockerfile makes an empty /app (its WORKDIR); every image has /tmp.
 */
const IMAGE_DIRS: Readonly<Record<string, readonly string[]>> = {
  'kubelab/web': ['/app', '/tmp'],
  busybox: ['/tmp'],
};

/** Host directories for the image dirs no volume covers; removed when the container is gone. */
async function writableLayer(
  image: string,
  mounts: RuntimeContainerSpec['mounts'],
): Promise<{
  mounts: { mountPath: string; hostPath: string; readOnly: boolean }[];
  remove(): Promise<void>;
}> {
  const dirs = (IMAGE_DIRS[image] ?? ['/tmp']).filter(
    (d) => !mounts.some((m) => m.kind === 'dir' && (d === m.mountPath || d.startsWith(`${m.mountPath}/`))),
  );
  if (dirs.length === 0) return { mounts: [], remove: () => Promise.resolve() };
  const layer = await mkdtemp(join(tmpdir(), 'kubelab-layer-'));
  const result = [];
  for (const d of dirs) {
    const hostPath = join(layer, d);
    await mkdir(hostPath, { recursive: true });
    result.push({ mountPath: d, hostPath, readOnly: false });
  }
  return { mounts: result, remove: () => rm(layer, { recursive: true, force: true }) };
}

/**
 * Which container (or exec) the running JavaScript belongs to. Node keeps this context across timers,
 * sockets and promises, and it is still set inside process 'uncaughtException'/'unhandledRejection'
 * handlers, so an error a container's code throws outside any try/catch is charged to that container.
 */
const containerScope = new AsyncLocalStorage<{ crash(err: unknown): void }>();

export function createInProcessRuntime(config: InProcessRuntimeConfig) {
  const live = new Set<InProcessContainer>();
  const resolveImage = (image: string) => config.registry.resolveImage(image, config.aliases ?? []);

  return {
    pullImage(image: string): Promise<{ imageID: string } | { error: string }> {
      const resolved = resolveImage(image);
      if ('error' in resolved) return Promise.resolve({ error: resolved.error });
      const digest = createHash('sha256').update(resolved.implementation.name).digest('hex');
      return Promise.resolve({ imageID: `docker.io/${resolved.implementation.name}@sha256:${digest}` });
    },

    async startContainer(spec: RuntimeContainerSpec, output: RuntimeOutput): Promise<InProcessContainer> {
      const resolved = resolveImage(spec.image);
      if ('error' in resolved) throw new ContainerStartError(resolved.error);
      const argv = containerArgv(spec, resolved);
      const image = resolved.implementation;
      if (argv.length === 0) throw new ContainerStartError('no command specified');
      const command = argv[0]!;
      // A bare name must be one of the image's executables; a path (a script on a volume) is checked below.
      if (!command.includes('/') && !image.executables.includes(command))
        throw new ContainerStartError(execNotFoundMessage(command));

      const files: Record<string, string> = rootFiles({
        hostname: spec.hostname,
        podIP: spec.podIP,
        nameserver: config.nameserver,
        namespace: spec.pod.namespace,
        clusterDomain: config.clusterDomain,
      });
      // The kubelet's managed files (/etc/hosts, …) are bind-mounted files: show their content.
      for (const m of spec.mounts.filter((m) => m.kind === 'file'))
        files[m.mountPath] = await readFile(m.hostPath, 'utf8');
      const now = () => config.clock?.now() ?? new Date();
      const env = { ...resolved.defaultEnv, ...Object.fromEntries(spec.env.map((e) => [e.name, e.value])) };
      const layer = await writableLayer(image.name, spec.mounts);
      const fs = createContainerFs({
        mounts: [
          ...layer.mounts,
          ...spec.mounts
            .filter((m) => m.kind === 'dir')
            .map((m) => ({ mountPath: m.mountPath, hostPath: m.hostPath, readOnly: m.readOnly })),
        ],
        files,
        executables: image.executables,
        now,
      });
      if (command.includes('/') && !image.executables.includes(command.split('/').pop()!)) {
        const found = await fs.stat(command).then(
          (info) => info.kind === 'file',
          () => false,
        );
        if (!found) {
          await layer.remove();
          throw new ContainerStartError(execNotFoundMessage(command));
        }
      }
      const processes = createProcessTable(now);
      const net = createContainerNetwork({
        podIP: spec.podIP,
        hostname: spec.hostname,
        resolve: config.resolve,
      });
      const abort = new AbortController();
      const main = mainStdio(spec, output, (sig) => processes.kill(1, sig));
      const base: ContainerContext = {
        env,
        hostname: spec.hostname,
        podIP: spec.podIP,
        pod: { name: spec.pod.name, namespace: spec.pod.namespace },
        workingDir: spec.workingDir ?? resolved.workingDir,
        fs,
        processes,
        net,
        stdin: main.stdin,
        stdout: main.stdout,
        stderr: main.stderr,
        signal: abort.signal,
        clock: config.clock,
      };

      let killed: ((exit: RuntimeExit) => void) | undefined;
      const killedExit = new Promise<RuntimeExit>((resolve) => (killed = resolve));
      const crash = (err: unknown) => {
        output.stderr(Buffer.from(`${errorText(err)}\n`));
        killed?.({ exitCode: 1, reason: 'Error', message: errorText(err) });
        if (!abort.signal.aborted) abort.abort('SIGKILL');
      };
      const ran = containerScope
        .run({ crash }, () => image.run(base, argv))
        .then(
          (exitCode): RuntimeExit => ({ exitCode }),
          (err: unknown): RuntimeExit =>
            err instanceof ExecNotFoundError
              ? { exitCode: 128, reason: 'StartError', message: err.message }
              : { exitCode: 1, reason: 'Error', message: errorText(err) },
        );
      // SIGKILL cannot stop JavaScript: the container counts as gone (137) and its servers are told to close at once.
      const exited = Promise.race([ran, killedExit]);
      const sigkill = () => {
        killed?.({ exitCode: 137, reason: 'Error' });
        if (!abort.signal.aborted) abort.abort('SIGKILL');
      };
      const clock = config.clock ?? realClock;
      const container: InProcessContainer = {
        exited,
        attach: (io) => main.attach(io, exited),
        /**
         * As containerd's StopContainer: SIGTERM to pid 1, SIGKILL to everything when the grace
         * period ends. pid 1 gets no default action for SIGTERM (the kernel's rule for a pid
         * namespace's init), so only a process that handles it — `web serve`, a shell with
         * `trap … TERM` — ends early; `sleep 3600` waits for the SIGKILL.
         */
        async stop(graceMs) {
          if (graceMs <= 0) sigkill();
          else processes.kill(1, 'SIGTERM');
          const timer = graceMs > 0 ? clock.setTimeout(sigkill, graceMs) : undefined;
          await exited;
          timer?.cancel();
        },
        async exec(execArgv, io) {
          // ^C on an exec's terminal that no job takes: the default action, the process dies (130).
          const interrupt = new AbortController();
          const ctx: ContainerContext = {
            ...base,
            ...execStdio(io, (sig) => interrupt.abort(sig)),
            signal: AbortSignal.any([io.signal, abort.signal, interrupt.signal]),
          };
          try {
            return await new Promise<number>((resolve, reject) => {
              const crashExec = (err: unknown) => {
                io.stderr(Buffer.from(`${errorText(err)}\n`));
                resolve(1);
              };
              containerScope.run({ crash: crashExec }, () => image.run(ctx, execArgv)).then(resolve, reject);
            });
          } catch (err) {
            if (err instanceof ExecNotFoundError) throw err;
            io.stderr(Buffer.from(`${errorText(err)}\n`));
            return 1;
          }
        },
      };
      live.add(container);
      void exited.then(async () => {
        // pid 1 is gone: the kernel kills the rest of its pid namespace (exec'd processes, probes).
        if (!abort.signal.aborted) abort.abort('SIGKILL');
        live.delete(container);
        await layer.remove();
      });
      return container;
    },

    /**
     * For the process's 'uncaughtException' and 'unhandledRejection' handlers: if the error came from a
     * container's code, that container exits (1, Error) and true is returned; false means it is kubelab's own.
     */
    handleUncaught(err: unknown): boolean {
      const scope = containerScope.getStore();
      if (!scope) return false;
      scope.crash(err);
      return true;
    },

    async close(): Promise<void> {
      await Promise.all([...live].map((c) => c.stop(0)));
    },
  };
}

export type InProcessRuntime = ReturnType<typeof createInProcessRuntime>;
