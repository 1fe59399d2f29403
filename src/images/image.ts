/** Builds an ImageImplementation from a set of executables: the part every built-in image shares. */
import { ExecNotFoundError } from './errors.ts';
import { emptyStdin } from './runtime/proc.ts';
import { lookupExecutable, spawnProcess } from './runtime/runner.ts';
import type { Toolbox } from './runtime/runner.ts';
import type { ContainerContext, ImageImplementation } from './types.ts';

/** busybox's default PATH (the image's ENV). */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export function createImage(name: string, tools: Toolbox): ImageImplementation {
  return {
    name,
    executables: [...tools.keys()].sort(),
    async run(ctx: ContainerContext, argv: readonly string[]): Promise<number> {
      const argv0 = argv[0] ?? '';
      let command = argv;
      if (!lookupExecutable(tools, argv0)) {
        // A script by path (e.g. a ConfigMap-mounted /scripts/run.sh) runs as runc would exec it.
        const script = argv0.includes('/') ? await ctx.fs.stat(argv0).catch(() => undefined) : undefined;
        if (!script || script.kind !== 'file' || (script.mode & 0o111) === 0)
          throw new ExecNotFoundError(argv0);
        command = ['sh', ...argv];
      }
      const run = spawnProcess(ctx, tools, command, {
        stdin: ctx.stdin ?? emptyStdin(),
        stdout: ctx.stdout,
        stderr: ctx.stderr,
        env: { ...ctx.env },
        cwd: ctx.workingDir ?? '/',
        ppid: 0,
      });
      if (!run) throw new ExecNotFoundError(argv0);
      return run;
    },
  };
}
