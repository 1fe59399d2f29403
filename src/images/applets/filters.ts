/** Filter applets: sort, uniq, tee, cut, tr, basename, dirname, seq (busybox options and messages). */
import { baseName, resolvePath } from '../fs/paths.ts';
import { readAll, write, writeFlow } from '../runtime/proc.ts';
import type { Applet } from '../runtime/proc.ts';
import { sliceDue, yieldSlice } from '../runtime/slice.ts';
import { errorText, fail, lines, options, readOperand } from './util.ts';

async function inputLines(proc: Parameters<Applet>[0], files: string[]): Promise<string[] | number> {
  const out: string[] = [];
  for (const f of files.length ? files : ['-']) {
    const data = await readOperand(proc, f);
    if ('error' in data) return fail(proc, `can't open '${f}': ${errorText(data.error)}`);
    out.push(...lines(data.toString('utf8')));
  }
  return out;
}

export const sort: Applet = async (proc) => {
  const o = options(proc, { flags: 'nrufb' });
  if (typeof o === 'number') return o;
  const all = await inputLines(proc, o.operands);
  if (typeof all === 'number') return all;
  const key = (s: string) => (o.flags.has('f') ? s.toUpperCase() : s);
  let sorted = [...all].sort((a, b) => {
    if (o.flags.has('n')) return (parseFloat(a) || 0) - (parseFloat(b) || 0) || (a < b ? -1 : a > b ? 1 : 0);
    return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
  });
  if (o.flags.has('r')) sorted.reverse();
  if (o.flags.has('u')) sorted = sorted.filter((l, k) => k === 0 || key(l) !== key(sorted[k - 1] as string));
  write(proc.stdout, sorted.map((l) => `${l}\n`).join(''));
  return 0;
};

export const uniq: Applet = async (proc) => {
  const o = options(proc, { flags: 'cdui' });
  if (typeof o === 'number') return o;
  const all = await inputLines(proc, o.operands.slice(0, 1));
  if (typeof all === 'number') return all;
  const same = (a: string, b: string) => (o.flags.has('i') ? a.toLowerCase() === b.toLowerCase() : a === b);
  const groups: { line: string; count: number }[] = [];
  for (const l of all) {
    if (sliceDue()) await yieldSlice(proc.signal);
    const last = groups[groups.length - 1];
    if (last && same(last.line, l)) last.count++;
    else groups.push({ line: l, count: 1 });
  }
  for (const g of groups) {
    if ((o.flags.has('d') && g.count < 2) || (o.flags.has('u') && g.count > 1)) continue;
    write(proc.stdout, o.flags.has('c') ? `${String(g.count).padStart(7)} ${g.line}\n` : `${g.line}\n`);
  }
  return 0;
};

export const tee: Applet = async (proc) => {
  const o = options(proc, { flags: 'ai' });
  if (typeof o === 'number') return o;
  const data = await readAll(proc.stdin, proc.signal);
  write(proc.stdout, data);
  let status = 0;
  for (const f of o.operands) {
    await proc.container.fs
      .writeFile(resolvePath(proc.cwd, f), data, { append: o.flags.has('a') })
      .catch((err: unknown) => {
        status = fail(proc, `${f}: ${errorText(err)}`);
      });
  }
  return status;
};

/** `-f 1,3-4`, `-c 2-` ranges as 1-based inclusive pairs. */
function ranges(spec: string): [number, number][] | undefined {
  const out: [number, number][] = [];
  for (const part of spec.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (!m[1] && !m[3])) return undefined;
    const from = m[1] ? Number(m[1]) : 1;
    const to = m[2] ? (m[3] ? Number(m[3]) : Infinity) : from;
    out.push([from, to]);
  }
  return out;
}

export const cut: Applet = async (proc) => {
  const o = options(proc, { flags: 's', withArg: 'fcdb' });
  if (typeof o === 'number') return o;
  const spec = o.values.get('f') ?? o.values.get('c') ?? o.values.get('b');
  const r = spec === undefined ? undefined : ranges(spec);
  if (!r) return fail(proc, 'expected a list of bytes, characters, or fields');
  const picked = (k: number) => r.some(([a, b]) => k >= a && k <= b);
  const all = await inputLines(proc, o.operands);
  if (typeof all === 'number') return all;
  const delim = o.values.get('d') ?? '\t';
  for (const l of all) {
    if (sliceDue()) await yieldSlice(proc.signal);
    if (o.values.has('f')) {
      if (!l.includes(delim)) {
        if (!o.flags.has('s')) write(proc.stdout, `${l}\n`);
        continue;
      }
      write(
        proc.stdout,
        `${l
          .split(delim)
          .filter((_, k) => picked(k + 1))
          .join(delim)}\n`,
      );
    } else write(proc.stdout, `${[...l].filter((_, k) => picked(k + 1)).join('')}\n`);
  }
  return 0;
};

/** tr's SET syntax: ranges `a-z`, escapes, and a few [:classes:]. */
function expandSet(set: string): string[] {
  const s = set
    .replace(/\[:upper:\]/g, 'A-Z')
    .replace(/\[:lower:\]/g, 'a-z')
    .replace(/\[:digit:\]/g, '0-9')
    .replace(/\[:space:\]/g, ' \t\n\r\f\v')
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t')
    .replace(/\\\\/g, '\\');
  const out: string[] = [];
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (chars[i + 1] === '-' && chars[i + 2] !== undefined) {
      for (let x = c.charCodeAt(0); x <= (chars[i + 2] as string).charCodeAt(0); x++)
        out.push(String.fromCharCode(x));
      i += 2;
    } else out.push(c);
  }
  return out;
}

export const tr: Applet = async (proc) => {
  const o = options(proc, { flags: 'dsc' });
  if (typeof o === 'number') return o;
  const [a, b] = o.operands;
  if (a === undefined || (b === undefined && !o.flags.has('d') && !o.flags.has('s')))
    return fail(proc, 'usage: tr [-cds] STRING1 [STRING2]');
  const from = expandSet(a);
  const to = b === undefined ? [] : expandSet(b);
  const text = (await readAll(proc.stdin, proc.signal)).toString('utf8');
  let out = '';
  let prev = '';
  let seen = 0;
  for (const c of text) {
    if (++seen % 4096 === 0 && sliceDue()) await yieldSlice(proc.signal);
    const k = from.indexOf(c);
    if (o.flags.has('d') && k >= 0) continue;
    const mapped = !o.flags.has('d') && k >= 0 && to.length ? (to[Math.min(k, to.length - 1)] as string) : c;
    const squeezeSet = o.flags.has('d') || !to.length ? from : to;
    if (o.flags.has('s') && mapped === prev && squeezeSet.includes(mapped)) continue;
    out += mapped;
    prev = mapped;
  }
  write(proc.stdout, out);
  return 0;
};

export const basename: Applet = (proc) => {
  const [path, suffix] = proc.argv.slice(1);
  if (path === undefined) return fail(proc, 'usage: basename FILE [SUFFIX]');
  let b = baseName(path);
  if (suffix && b !== suffix && b.endsWith(suffix)) b = b.slice(0, -suffix.length);
  write(proc.stdout, `${b}\n`);
  return 0;
};

export const dirname: Applet = (proc) => {
  const path = proc.argv[1];
  if (path === undefined) return fail(proc, 'usage: dirname FILENAME');
  const trimmed = path.replace(/\/+$/, '');
  const slash = trimmed.lastIndexOf('/');
  write(
    proc.stdout,
    `${slash < 0 ? '.' : slash === 0 ? '/' : trimmed.slice(0, slash).replace(/\/+$/, '') || '/'}\n`,
  );
  return 0;
};

/** Output is written in pieces of about this many characters, each waiting for a slow reader. */
const SEQ_CHUNK = 64 * 1024;

export const seq: Applet = async (proc) => {
  const args = proc.argv.slice(1).map(Number);
  if (args.length === 0 || args.length > 3 || args.some((n) => Number.isNaN(n)))
    return fail(proc, 'usage: seq [FIRST [INC]] LAST');
  const [first, inc, last] =
    args.length === 1 ? [1, 1, args[0]] : args.length === 2 ? [args[0], 1, args[1]] : args;
  let out = '';
  for (let n = first as number; inc > 0 ? n <= (last as number) : n >= (last as number); n += inc) {
    out += `${n}\n`;
    if (inc === 0) break;
    // `seq 1 1000000000` must neither hold the event loop nor build gigabytes before writing.
    if (out.length >= SEQ_CHUNK) {
      await writeFlow(proc.stdout, out, proc.signal);
      out = '';
      if (sliceDue()) await yieldSlice(proc.signal);
    }
  }
  write(proc.stdout, out);
  return 0;
};
