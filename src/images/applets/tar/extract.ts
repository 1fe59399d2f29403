/**
 * `tar x` and `tar t`: reads entries (GNU long names and pax path/size records included) and
 * writes them through the container's filesystem view, as busybox's data_extract_all: leading
 * directories are made, an old file is replaced, modes kept, mtimes kept unless `-m`.
 */
import { dirName } from '../../fs/paths.ts';
import { write, writeFlow } from '../../runtime/proc.ts';
import { yieldSlice } from '../../runtime/slice.ts';
import { errorText } from '../util.ts';
import type { BlockReader } from './blocks.ts';
import { stripUnsafePrefix, TarFatal, tarError } from './run.ts';
import type { TarRun } from './run.ts';
import { BLOCK, decodeHeader, parsePax, TarFormatError } from './ustar.ts';
import type { RawHeader } from './ustar.ts';

export interface ExtractOptions {
  list: boolean;
  toStdout: boolean;
  keepOld: boolean;
  keepMtime: boolean;
  keepMode: boolean;
  /** Member names to extract (all when empty). */
  only: readonly string[];
}

/** Data is read and written in pieces of this size, so a large file never sits in memory whole. */
const PIECE = 64 * 1024;

async function readBody(blocks: BlockReader, size: number): Promise<Buffer> {
  const data = await blocks.read(size);
  if (data.length < size) throw new TarFormatError('short read');
  await blocks.read((BLOCK - (size % BLOCK)) % BLOCK);
  return data;
}

/** The next real entry, with GNU `L`/`K` and pax `x` records applied; undefined at the end. */
async function nextEntry(blocks: BlockReader): Promise<RawHeader | undefined> {
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax = new Map<string, string>();
  for (;;) {
    const block = await blocks.read(BLOCK);
    if (block.length === 0) return undefined;
    if (block.length < BLOCK) throw new TarFormatError('short read');
    const h = decodeHeader(block);
    if (!h) return undefined;
    if (h.typeflag === 'L' || h.typeflag === 'K') {
      const text = (await readBody(blocks, h.size)).toString('utf8').replace(/\0+$/, '');
      if (h.typeflag === 'L') longName = text;
      else longLink = text;
      continue;
    }
    if (h.typeflag === 'x' || h.typeflag === 'g') {
      const records = parsePax(await readBody(blocks, h.size));
      if (h.typeflag === 'x') pax = records;
      continue;
    }
    const size = pax.get('size');
    return {
      ...h,
      name: pax.get('path') ?? longName ?? h.name,
      linkname: pax.get('linkpath') ?? longLink ?? h.linkname,
      size: size !== undefined ? Number(size) : h.size,
    };
  }
}

/** busybox's `tar tv` line: mode, owner, size, date and time, name (and `-> target`). */
function verboseLine(h: RawHeader): string {
  const type = h.type === 'dir' ? 'd' : h.type === 'symlink' ? 'l' : h.type === 'hardlink' ? 'h' : '-';
  let mode = type;
  for (let shift = 6; shift >= 0; shift -= 3) {
    const bits = (h.mode >> shift) & 7;
    mode += (bits & 4 ? 'r' : '-') + (bits & 2 ? 'w' : '-') + (bits & 1 ? 'x' : '-');
  }
  const t = h.mtime;
  const p2 = (n: number) => String(n).padStart(2, '0');
  const when = `${t.getUTCFullYear()}-${p2(t.getUTCMonth() + 1)}-${p2(t.getUTCDate())} ${p2(t.getUTCHours())}:${p2(t.getUTCMinutes())}:${p2(t.getUTCSeconds())}`;
  const owner = `${h.uname || h.uid}/${h.gname || h.gid}`;
  const link = h.type === 'symlink' || h.type === 'hardlink' ? ` -> ${h.linkname}` : '';
  return `${mode} ${owner} ${String(h.size).padStart(9)} ${when} ${h.name}${link}\n`;
}

export async function extractArchive(run: TarRun, blocks: BlockReader, opts: ExtractOptions): Promise<void> {
  const { proc } = run;
  const fs = proc.container.fs;
  const wanted = (name: string) =>
    opts.only.length === 0 || opts.only.some((o) => name === o || name.startsWith(`${o}/`));
  for (;;) {
    await yieldSlice(proc.signal);
    const raw = await nextEntry(blocks);
    if (!raw) break;
    const name = stripUnsafePrefix(run, raw.name).replace(/\/+$/, '');
    const h = { ...raw, name };
    const body = h.type === 'file' ? h.size : 0;
    if (name === '' || !wanted(name) || opts.list) {
      if (name !== '' && opts.list && wanted(name))
        write(proc.stdout, run.verbose ? verboseLine(h) : `${name}${h.type === 'dir' ? '/' : ''}\n`);
      await skip(blocks, body);
      continue;
    }
    if (opts.toStdout) {
      if (h.type === 'file')
        await copyBody(blocks, body, (piece) => writeFlow(proc.stdout, piece, proc.signal));
      continue;
    }
    if (run.verbose) write(proc.stdout, `${name}${h.type === 'dir' ? '/' : ''}\n`);
    const path = `${run.dir}/${name}`;
    // ARCHIVE_CREATE_LEADING_DIRS: parents the archive does not list are made as needed.
    const parent = dirName(`/${name}`);
    if (parent !== '/')
      await fs.mkdir(`${run.dir}${parent}`, { parents: true }).catch((err: unknown) => {
        tarError(run, `can't create directory '${parent.slice(1)}': ${errorText(err)}`);
        run.failed = true;
      });
    await extractOne(run, blocks, h, path, opts);
  }
}

async function skip(blocks: BlockReader, size: number): Promise<void> {
  await copyBody(blocks, size, () => Promise.resolve());
}

/** Passes an entry's data on in pieces, then reads past its padding. */
async function copyBody(
  blocks: BlockReader,
  size: number,
  to: (piece: Buffer) => Promise<void>,
): Promise<void> {
  let left = size;
  while (left > 0) {
    const piece = await blocks.read(Math.min(PIECE, left));
    if (piece.length === 0) throw new TarFormatError('short read');
    await to(piece);
    left -= piece.length;
  }
  await blocks.read((BLOCK - (size % BLOCK)) % BLOCK);
}

async function exists(run: TarRun, path: string): Promise<'dir' | 'other' | undefined> {
  const info = await run.proc.container.fs.lstat(path).catch(() => undefined);
  return info ? (info.kind === 'dir' ? 'dir' : 'other') : undefined;
}

async function extractOne(
  run: TarRun,
  blocks: BlockReader,
  h: RawHeader,
  path: string,
  opts: ExtractOptions,
): Promise<void> {
  const fs = run.proc.container.fs;
  const old = await exists(run, path);
  if (h.type === 'dir') {
    if (old !== 'dir')
      await fs.mkdir(path).catch((err: unknown) => {
        tarError(run, `can't make dir ${h.name}: ${errorText(err)}`);
        run.failed = true;
      });
    if (opts.keepMode) await fs.chmod(path, h.mode).catch(() => undefined);
    return;
  }
  if (old !== undefined && opts.keepOld) {
    tarError(run, `${h.name} not created: file exists`);
    await skip(blocks, h.type === 'file' ? h.size : 0);
    return;
  }
  // busybox unlinks the old file first (a symlink there is replaced, never written through).
  if (old === 'other') await fs.remove(path).catch(() => undefined);
  if (h.type === 'symlink') {
    await fs.symlink(h.linkname, path).catch((err: unknown) => {
      tarError(run, `can't create symlink '${h.name}' to '${h.linkname}': ${errorText(err)}`);
      run.failed = true;
    });
    return;
  }
  if (h.type === 'hardlink') {
    // No hard links in the container's view: the linked member's content is copied.
    const data = await fs.readFile(`${run.dir}/${stripUnsafePrefix(run, h.linkname)}`).catch(() => undefined);
    if (data) await fs.writeFile(path, data).catch(() => undefined);
    return;
  }
  if (h.type !== 'file') {
    tarError(run, `${h.name}: unrecognized file type`);
    run.failed = true;
    return;
  }
  let out;
  try {
    out = await fs.openWrite(path);
  } catch (err) {
    // xopen3 in data_extract_all: busybox dies here.
    throw new TarFatal(`can't open '${h.name}': ${errorText(err)}`);
  }
  await copyBody(blocks, h.size, (piece) => writeFlow(out, piece, run.proc.signal));
  await new Promise<void>((resolve) => out.end(resolve));
  if (opts.keepMode) await fs.chmod(path, h.mode).catch(() => undefined);
  if (opts.keepMtime) await fs.setMtime(path, h.mtime).catch(() => undefined);
}
