/**
 * A test double of ContainerRuntime: tiny JS "images" enough to exercise the kubelet —
 * `test/web` serves HTTP on podIP:$PORT (default 8000) with the hostname, `test/crash` prints a line
 * and exits $EXIT (default 1), `test/sleep` runs until SIGKILL (it ignores SIGTERM); exec knows `true`, `false`, `echo`, `cat`.
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ContainerStartError } from '../runtime.ts';
import type {
  ContainerExit,
  ContainerRuntime,
  ContainerSpec,
  ExecIO,
  OutputSink,
  RuntimeContainer,
} from '../runtime.ts';

export interface FakeRuntime extends ContainerRuntime {
  /** Every start, in order. */
  readonly started: ContainerSpec[];
  /** Signals each container got, by container id. */
  readonly signals: Map<string, string[]>;
  running(): number;
}

export function fakeRuntime(): FakeRuntime {
  const started: ContainerSpec[] = [];
  const signals = new Map<string, string[]>();
  const live = new Set<string>();
  return {
    started,
    signals,
    running: () => live.size,
    pullImage(image) {
      const name = image.split(':')[0]!;
      if (['test/web', 'test/crash', 'test/sleep'].includes(name))
        return Promise.resolve({ imageID: `${name}@sha256:${'0'.repeat(64)}` });
      return Promise.resolve({
        error: `image "${image}" is not a built-in image (test runtime knows test/web, test/crash, test/sleep)`,
      });
    },
    async startContainer(spec: ContainerSpec, out: OutputSink): Promise<RuntimeContainer> {
      started.push(spec);
      const env = Object.fromEntries(spec.env.map((e) => [e.name, e.value]));
      const argv = [...(spec.command ?? []), ...(spec.args ?? [])];
      if (argv[0] === 'missing')
        throw new ContainerStartError(`exec: "missing": executable file not found in $PATH`);
      let resolveExit!: (e: ContainerExit) => void;
      const exited = new Promise<ContainerExit>((r) => (resolveExit = r));
      live.add(spec.id);
      void exited.then(() => live.delete(spec.id));
      const sig: string[] = [];
      signals.set(spec.id, sig);
      let onTerm: () => void = () => undefined;
      const image = spec.image.split(':')[0];
      let server: http.Server | undefined;
      if (image === 'test/web') {
        server = http.createServer((req, res) => {
          out.stdout(Buffer.from(`GET ${req.url ?? ''}\n`));
          res.end(`hello from ${spec.hostname}\n`);
        });
        const port = Number(env.PORT ?? 8000);
        await new Promise<void>((resolve, reject) => {
          server!.once('error', reject);
          server!.listen(port, spec.podIP, () => resolve());
        });
        out.stdout(Buffer.from(`serving on ${spec.podIP}:${(server.address() as AddressInfo).port}\n`));
        onTerm = () => {
          server!.close(() => resolveExit({ exitCode: 0 }));
          server!.closeAllConnections();
        };
      } else if (image === 'test/crash') {
        out.stdout(Buffer.from(`crashing ${argv.join(' ')}\n`));
        setImmediate(() => resolveExit({ exitCode: Number(env.EXIT ?? 1) }));
      }
      let killTimer: NodeJS.Timeout | undefined;
      void exited.then(() => {
        clearTimeout(killTimer);
        server?.close();
        server?.closeAllConnections();
      });
      return {
        exited,
        stop(graceMs: number): Promise<void> {
          if (graceMs <= 0) {
            sig.push('SIGKILL');
            resolveExit({ exitCode: 137 });
          } else {
            sig.push('SIGTERM');
            onTerm();
            killTimer = setTimeout(() => {
              sig.push('SIGKILL');
              resolveExit({ exitCode: 137 });
            }, graceMs);
          }
          return exited.then(() => undefined);
        },
        async exec(cmd: string[], io: ExecIO): Promise<number> {
          const [prog, ...rest] = cmd;
          if (prog === 'true') return 0;
          if (prog === 'false') return 1;
          if (prog === 'echo') {
            io.stdout(Buffer.from(`${rest.join(' ')}\n`));
            return 0;
          }
          if (prog === 'cat') {
            const m = spec.mounts.find(
              (x) => rest[0] === x.mountPath || rest[0]?.startsWith(`${x.mountPath}/`),
            );
            if (!m) {
              io.stderr(Buffer.from(`cat: can't open '${rest[0] ?? ''}': No such file or directory\n`));
              return 1;
            }
            const path = m.kind === 'file' ? m.hostPath : m.hostPath + rest[0]!.slice(m.mountPath.length);
            io.stdout(await readFile(path));
            return 0;
          }
          io.stderr(Buffer.from(`exec: "${prog ?? ''}": executable file not found in $PATH\n`));
          return 127;
        },
      };
    },
  };
}
