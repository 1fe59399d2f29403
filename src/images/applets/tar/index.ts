/**
 * busybox tar: create (c), extract (x) and list (t) ustar archives of regular files, directories and
 * symlinks, on stdin/stdout (`-f -`, the default) or a file, only through the container's filesystem
 * view. It is what `kubectl cp` runs: `tar cf - PATH` from a pod, `tar -xmf - -C DIR` into one.
 */
import { Readable } from 'node:stream';
import { resolvePath } from '../../fs/paths.ts';
import { write } from '../../runtime/proc.ts';
import type { Applet } from '../../runtime/proc.ts';
import { errorText, parseOptions } from '../util.ts';
import { BlockReader } from './blocks.ts';
import { createArchive } from './create.ts';
import { extractArchive } from './extract.ts';
import { TarFatal, tarError } from './run.ts';
import type { TarRun } from './run.ts';
import { TarFormatError } from './ustar.ts';

const USAGE = `BusyBox (kubelab built-in) multi-call binary.

Usage: tar c|x|t [-hvokO] [-f TARFILE] [-C DIR] [FILE]...

Create, extract, or list files from a tar file

	c	Create
	x	Extract
	t	List
	-f FILE	Name of TARFILE ('-' for stdin/out)
	-C DIR	Change to DIR before operation
	-v	Verbose
	-O	Extract to stdout
	-m	Don't restore mtime
	-o	Don't restore user:group
	-k	Don't replace existing files
	-h	Follow symlinks
`;

/** busybox's compat rule: a first argument without a dash is options, with `f` moved to its end. */
function compatArgs(args: readonly string[]): string[] {
  const first = args[0];
  if (first === undefined || first === '' || first.startsWith('-')) return [...args];
  const f = first.includes('f') ? first.replace('f', '') + 'f' : first;
  return [`-${f}`, ...args.slice(1)];
}

export const tar: Applet = async (proc) => {
  const o = parseOptions(compatArgs(proc.argv.slice(1)), {
    flags: 'cxtvmOopkh',
    withArg: 'fC',
    long: {
      create: 'c',
      extract: 'x',
      list: 't',
      verbose: 'v',
      file: 'f',
      directory: 'C',
      'to-stdout': 'O',
      touch: 'm',
      'no-same-owner': 'o',
      'same-permissions': 'p',
      'no-same-permissions': 'P',
      'keep-old-files': 'k',
      dereference: 'h',
    },
  });
  if ('error' in o) {
    write(proc.stderr, `tar: ${o.error}\n${USAGE}`);
    return 1;
  }
  const modes = ['c', 'x', 't'].filter((m) => o.flags.has(m));
  if (modes.length !== 1) {
    write(proc.stderr, USAGE);
    return 1;
  }
  const run: TarRun = {
    proc,
    dir: resolvePath(proc.cwd, o.values.get('C') ?? '.'),
    verbose: o.flags.has('v'),
    failed: false,
    warnedPrefix: false,
  };
  const file = o.values.get('f') ?? '-';
  // busybox drops a trailing slash of each operand ("dir/" archives as "dir").
  const operands = o.operands.map((a) => (a.length > 1 ? a.replace(/\/+$/, '') || '/' : a));
  const fs = proc.container.fs;
  const dir = o.values.get('C');
  if (dir !== undefined) {
    const info = await fs.stat(run.dir).catch((err: unknown) => err);
    if (!(info && typeof info === 'object' && 'kind' in info && info.kind === 'dir')) {
      const why = info instanceof Error ? errorText(info) : 'Not a directory';
      tarError(run, `can't change directory to '${dir}': ${why}`);
      return 1;
    }
  }
  try {
    if (o.flags.has('c')) {
      if (operands.length === 0) {
        tarError(run, 'empty archive');
        return 1;
      }
      const out = file === '-' ? proc.stdout : await fs.openWrite(resolvePath(proc.cwd, file));
      await createArchive(run, operands, out, { toStdout: file === '-', dereference: o.flags.has('h') });
      if (out !== proc.stdout) await new Promise<void>((resolve) => out.end(resolve));
    } else {
      const input =
        file === '-' ? proc.stdin : Readable.from([await fs.readFile(resolvePath(proc.cwd, file))]);
      await extractArchive(run, new BlockReader(input, proc.signal), {
        list: o.flags.has('t'),
        toStdout: o.flags.has('O'),
        keepOld: o.flags.has('k'),
        keepMtime: !o.flags.has('m'),
        keepMode: !o.flags.has('P'),
        only: operands,
      });
    }
  } catch (err) {
    if (err instanceof TarFormatError) {
      tarError(run, err.message);
      return 1;
    }
    if (err instanceof TarFatal) {
      tarError(run, err.message);
      return 1;
    }
    if ((err as { code?: unknown }).code !== undefined && file !== '-') {
      tarError(run, `can't open '${file}': ${errorText(err)}`);
      return 1;
    }
    throw err;
  }
  if (!run.failed) return 0;
  // busybox's create says why it fails at the end; extraction has already said what went wrong.
  if (o.flags.has('c')) tarError(run, 'error exit delayed from previous errors');
  return 1;
};
