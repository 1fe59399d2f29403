/** Text applets: cat, head, tail, wc, with busybox's options and messages. */
import { copyStream, readUntil, write } from '../runtime/proc.ts';
import type { Applet } from '../runtime/proc.ts';
import { sliceDue, yieldSlice } from '../runtime/slice.ts';
import { errorText, fail, lines, options, readOperand } from './util.ts';

export const cat: Applet = async (proc) => {
  const o = options(proc, { flags: 'nbvteAu' });
  if (typeof o === 'number') return o;
  let status = 0;
  let n = 0;
  const plain = !o.flags.has('n') && !o.flags.has('b');
  for (const f of o.operands.length ? o.operands : ['-']) {
    if (f === '-' && plain) {
      await copyStream(proc.stdin, proc.stdout, proc.signal);
      continue;
    }
    const data = await readOperand(proc, f);
    if ('error' in data) {
      const code = (data.error as { code?: string }).code;
      status = fail(
        proc,
        code === 'EISDIR'
          ? `read error: ${errorText(data.error)}`
          : `can't open '${f}': ${errorText(data.error)}`,
      );
      continue;
    }
    if (plain) {
      write(proc.stdout, data);
      continue;
    }
    for (const line of lines(data.toString('utf8'))) {
      if (sliceDue()) await yieldSlice(proc.signal);
      const numbered = o.flags.has('n') || line !== '';
      write(proc.stdout, numbered ? `${String(++n).padStart(6)}\t${line}\n` : `${line}\n`);
    }
  }
  return status;
};

/** `-5` means `-n 5` for head and tail. */
function legacyCount(args: readonly string[]): string[] {
  return args.map((a) => (/^-\d+$/.test(a) ? `-n${a.slice(1)}` : a));
}

/** Just enough of stdin for `head`: an endless writer (`seq 1 1000000000 | head -3`) is not read to its end. */
function headOfStdin(proc: Parameters<Applet>[0], count: number, bytes: boolean): Promise<Buffer> {
  if (count <= 0) return Promise.resolve(Buffer.alloc(0));
  let seen = 0;
  return readUntil(proc.stdin, proc.signal, (chunk) => {
    if (bytes) seen += chunk.length;
    else for (const b of chunk) if (b === 10) seen++;
    return seen >= count;
  });
}

function headTail(which: 'head' | 'tail'): Applet {
  return async (proc) => {
    const argv = [proc.argv[0] as string, ...legacyCount(proc.argv.slice(1))];
    const o = options({ ...proc, argv }, { flags: 'qvf', withArg: 'nc' });
    if (typeof o === 'number') return o;
    const files = o.operands.length ? o.operands : ['-'];
    const spec = o.values.get('n') ?? o.values.get('c') ?? '10';
    const fromStart = which === 'tail' && spec.startsWith('+');
    const count = Number(spec.replace(/^[+-]/, ''));
    if (!Number.isInteger(count)) return fail(proc, `invalid number '${spec}'`);
    let status = 0;
    for (const [k, f] of files.entries()) {
      const data =
        which === 'head' && f === '-'
          ? await headOfStdin(proc, count, o.values.has('c'))
          : await readOperand(proc, f);
      if ('error' in data) {
        status = fail(proc, `can't open '${f}': ${errorText(data.error)}`);
        continue;
      }
      if (files.length > 1 && !o.flags.has('q'))
        write(proc.stdout, `${k > 0 ? '\n' : ''}==> ${f === '-' ? 'standard input' : f} <==\n`);
      if (o.values.has('c')) {
        const slice =
          which === 'head'
            ? data.subarray(0, count)
            : fromStart
              ? data.subarray(count - 1)
              : data.subarray(Math.max(0, data.length - count));
        write(proc.stdout, slice);
        continue;
      }
      const text = data.toString('utf8');
      const all = lines(text);
      const keep =
        which === 'head'
          ? all.slice(0, count)
          : fromStart
            ? all.slice(Math.max(0, count - 1))
            : count === 0
              ? []
              : all.slice(-count);
      const lastHasNewline = text.endsWith('\n') || (which === 'head' && keep.length < all.length);
      write(proc.stdout, keep.join('\n') + (keep.length && lastHasNewline ? '\n' : ''));
    }
    return status;
  };
}

export const head = headTail('head');
export const tail = headTail('tail');

/** wc's counts in one pass over the text, giving the event loop a turn between slices of a big file. */
async function countText(data: Buffer, signal: AbortSignal): Promise<Record<string, number>> {
  const text = data.toString('utf8');
  let l = 0;
  let w = 0;
  let m = 0;
  let longest = 0;
  let lineLength = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    if ((i & 0xffff) === 0 && sliceDue()) await yieldSlice(signal);
    const code = text.charCodeAt(i);
    // A surrogate pair is one character.
    if (code < 0xdc00 || code > 0xdfff) m++;
    if (code === 10) {
      l++;
      longest = Math.max(longest, lineLength);
      lineLength = 0;
    } else lineLength++;
    const space =
      code <= 32 ? code === 32 || (code >= 9 && code <= 13) : code > 127 && /\s/.test(text[i] as string);
    if (space) inWord = false;
    else if (!inWord) {
      inWord = true;
      w++;
    }
  }
  return { l, w, m, c: data.length, L: Math.max(longest, lineLength) };
}

export const wc: Applet = async (proc) => {
  const o = options(proc, { flags: 'lwmcL' });
  if (typeof o === 'number') return o;
  const order = ['l', 'w', 'm', 'c', 'L'].filter((c) => o.flags.has(c));
  const shown = order.length ? order : ['l', 'w', 'c'];
  const files = o.operands.length ? o.operands : ['-'];
  const single = files.length === 1 && shown.length === 1;
  const totals: Record<string, number> = {};
  let status = 0;
  const print = (counts: Record<string, number>, label: string | undefined) => {
    const cols = shown.map((c, k) =>
      k === 0 && single ? String(counts[c]) : (k === 0 ? '' : ' ') + String(counts[c]).padStart(9),
    );
    write(proc.stdout, cols.join('') + (label === undefined ? '\n' : ` ${label}\n`));
  };
  for (const f of files) {
    const data = await readOperand(proc, f);
    if ('error' in data) {
      status = fail(proc, `can't open '${f}': ${errorText(data.error)}`);
      continue;
    }
    const counts = await countText(data, proc.signal);
    for (const [c, v] of Object.entries(counts))
      totals[c] = c === 'L' ? Math.max(totals[c] ?? 0, v) : (totals[c] ?? 0) + v;
    print(counts, f === '-' && o.operands.length === 0 ? undefined : f);
  }
  if (files.length > 1) print(totals, 'total');
  return status;
};
