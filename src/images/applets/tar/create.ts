/** `tar c`: archives files, directories (recursively) and symlinks as busybox's writeFileToTarball does. */
import type { Writable } from 'node:stream';
import { joinPath, components } from '../../fs/paths.ts';
import { write, writeFlow } from '../../runtime/proc.ts';
import { yieldSlice } from '../../runtime/slice.ts';
import type { FileInfo } from '../../types.ts';
import { errorText } from '../util.ts';
import { stripUnsafePrefix, tarError } from './run.ts';
import type { TarRun } from './run.ts';
import { encodeEntry, endOfArchive, padding } from './ustar.ts';
import type { TarEntry } from './ustar.ts';

/** The container path of an operand or member name, taken from `-C DIR`. */
function pathOf(run: TarRun, name: string): string {
  return name.startsWith('/') ? joinPath(components(name)) : joinPath(components(`${run.dir}/${name}`));
}

export async function createArchive(
  run: TarRun,
  operands: readonly string[],
  out: Writable,
  opts: { toStdout: boolean; dereference: boolean },
): Promise<void> {
  const { proc } = run;
  const fs = proc.container.fs;
  // With the archive on stdout, `v` lists on stderr (busybox).
  const listing = opts.toStdout ? proc.stderr : proc.stdout;

  const add = async (name: string): Promise<void> => {
    await yieldSlice(proc.signal);
    const path = pathOf(run, name);
    let info: FileInfo;
    try {
      info = opts.dereference ? await fs.stat(path) : await fs.lstat(path);
    } catch (err) {
      tarError(run, `${name}: ${errorText(err)}`);
      run.failed = true;
      return;
    }
    const member = stripUnsafePrefix(run, name);
    if (member === '') {
      // `tar cf - /`: the root itself has no member name, its contents do.
      if (info.kind === 'dir') await addChildren(name, path);
      return;
    }
    const entry: TarEntry = {
      name: member,
      type: 'file',
      mode: info.mode,
      size: 0,
      mtime: info.mtime,
      linkname: '',
      uid: 0,
      gid: 0,
      uname: 'root',
      gname: 'root',
    };
    let data: Buffer | undefined;
    try {
      if (info.kind === 'dir') Object.assign(entry, { type: 'dir', name: `${member}/` });
      else if (info.kind === 'symlink')
        Object.assign(entry, { type: 'symlink', linkname: await fs.readlink(path) });
      else if (info.kind === 'file') {
        data = await fs.readFile(path);
        entry.size = data.length;
      } else {
        tarError(run, `${name}: unknown file type`);
        run.failed = true;
        return;
      }
    } catch (err) {
      tarError(run, `can't open '${name}': ${errorText(err)}`);
      run.failed = true;
      return;
    }
    await writeFlow(out, encodeEntry(entry), proc.signal);
    if (data) {
      await writeFlow(out, data, proc.signal);
      await writeFlow(out, padding(data.length), proc.signal);
    }
    if (run.verbose) write(listing, `${member}${info.kind === 'dir' ? '/' : ''}\n`);
    if (info.kind === 'dir') await addChildren(name, path);
  };

  const addChildren = async (name: string, path: string): Promise<void> => {
    let children: string[];
    try {
      children = (await fs.readdir(path)).map((e) => e.name);
    } catch (err) {
      tarError(run, `${name}: ${errorText(err)}`);
      run.failed = true;
      return;
    }
    for (const child of children) await add(name.endsWith('/') ? `${name}${child}` : `${name}/${child}`);
  };

  for (const operand of operands) await add(operand);
  await writeFlow(out, endOfArchive(), proc.signal);
}
