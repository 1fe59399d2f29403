/** Runs an image's executables as container processes: lookup, process-table entry, signal, errors. */
import { errorText } from '../errors.ts';
import type { ContainerContext } from '../types.ts';
import { AbortedError, abortExitCode, BrokenPipeError, write } from './proc.ts';
import type { Applet, Proc, SpawnOptions } from './proc.ts';

/** The executables of one image by bare name. */
export type Toolbox = ReadonlyMap<string, Applet>;

/** Directories of $PATH (busybox's default): `/bin/ls` and `ls` are the same applet. */
const PATH_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

export function lookupExecutable(tools: Toolbox, argv0: string): Applet | undefined {
  if (!argv0.includes('/')) return tools.get(argv0);
  const slash = argv0.lastIndexOf('/');
  return PATH_DIRS.includes(argv0.slice(0, slash)) ? tools.get(argv0.slice(slash + 1)) : undefined;
}

/**
 * Starts argv as a process of the container. Returns undefined when the image has no such
 * executable (the caller says "not found" in its own words); otherwise the exit code.
 */
export function spawnProcess(
  container: ContainerContext,
  tools: Toolbox,
  argv: readonly string[],
  opts: SpawnOptions,
): Promise<number> | undefined {
  const applet = lookupExecutable(tools, argv[0] ?? '');
  if (!applet) return undefined;
  return runApplet(container, tools, applet, argv, opts);
}

async function runApplet(
  container: ContainerContext,
  tools: Toolbox,
  applet: Applet,
  argv: readonly string[],
  opts: SpawnOptions,
): Promise<number> {
  // A foreground job of an interactive shell has its own signal; its children inherit it.
  if (opts.signal && opts.signal !== container.signal) container = { ...container, signal: opts.signal };
  const signal = container.signal;
  if (signal.aborted) return abortExitCode(signal);
  const entry = opts.process ?? container.processes.spawn(argv, opts.ppid);
  if (opts.process) entry.exec(argv);
  const proc: Proc = {
    argv,
    env: opts.env,
    cwd: opts.cwd,
    pid: entry.pid,
    process: entry,
    signal,
    container,
    stdin: opts.stdin,
    stdout: opts.stdout,
    stderr: opts.stderr,
    spawn: (childArgv, childOpts) => spawnProcess(container, tools, childArgv, childOpts),
  };
  try {
    const code = await applet(proc);
    // A killed process has no say in its status, even if its code went on to return one.
    return signal.aborted && signal.reason === 'SIGKILL' ? 137 : code;
  } catch (err) {
    if (err instanceof AbortedError || signal.aborted) return abortExitCode(signal);
    // SIGPIPE's default action: the process ends without a word, 128 + 13.
    if (err instanceof BrokenPipeError) return 141;
    // A bug in an applet must look like a crashed process, not take kubelab down.
    write(opts.stderr, `${appletName(argv)}: ${errorText(err)}\n`);
    return 1;
  } finally {
    if (!opts.process) entry.exit();
  }
}

export function appletName(argv: readonly string[]): string {
  const a = argv[0] ?? '';
  return a.slice(a.lastIndexOf('/') + 1);
}
