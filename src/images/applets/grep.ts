/** grep with busybox's options (-i -v -c -q -E -F -n -l -h -H -w -x -o -s -e); exit 0 match, 1 none, 2 error. */
import { write } from '../runtime/proc.ts';
import type { Applet } from '../runtime/proc.ts';
import { sliceDue, yieldSlice } from '../runtime/slice.ts';
import { errorText, fail, lines, options, readOperand } from './util.ts';

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
};

/** POSIX regex (BRE unless `extended`) to a JavaScript RegExp source. */
export function posixToJs(pattern: string, extended: boolean): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '[') {
      // Bracket expressions are the same in BRE and ERE; translate [:class:] and keep the rest.
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']')
        j = pattern.startsWith('[:', j) ? pattern.indexOf(':]', j) + 2 || j + 1 : j + 1;
      const body = pattern
        .slice(i + 1, j)
        .replace(/\[:(\w+):\]/g, (_, n: string) => CLASSES[n] ?? '')
        .replace(/\\/g, '\\\\');
      out += `[${body}]`;
      i = j;
    } else if (c === '\\' && i + 1 < pattern.length) {
      const n = pattern[++i] as string;
      if (!extended && '(){}|+?'.includes(n)) out += n;
      else out += /[A-Za-z0-9]/.test(n) && !'wWsSbB<>'.includes(n) ? n : `\\${n}`;
    } else if (!extended && '(){}|+?'.includes(c)) out += `\\${c}`;
    else out += c;
  }
  return out.replace(/\\</g, '\\b').replace(/\\>/g, '\\b');
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export const grep: Applet = async (proc) => {
  const o = options(proc, {
    flags: 'ivcqEFnlhHwxosrR',
    withArg: 'em',
    long: { quiet: 'q', silent: 'q', 'ignore-case': 'i' },
  });
  if (typeof o === 'number') return o;
  const f = o.flags;
  const patterns = o.lists.get('e') ?? o.operands.splice(0, 1);
  if (patterns.length === 0) return fail(proc, 'usage: grep [-ivcqEFnlhHwxos] PATTERN [FILE]...', 2);
  let source = patterns.map((p) => (f.has('F') ? escapeRe(p) : posixToJs(p, f.has('E')))).join('|');
  if (f.has('w')) source = `(?<![\\w])(?:${source})(?![\\w])`;
  if (f.has('x')) source = `^(?:${source})$`;
  let re: RegExp;
  try {
    re = new RegExp(source, f.has('i') ? 'i' : '');
  } catch (err) {
    return fail(
      proc,
      `bad regex '${patterns.join('')}': ${err instanceof Error ? err.message : String(err)}`,
      2,
    );
  }
  const files = o.operands.length ? o.operands : ['-'];
  const showName = f.has('H') || (files.length > 1 && !f.has('h'));
  let matched = false;
  let error = false;
  for (const file of files) {
    const data = await readOperand(proc, file);
    if ('error' in data) {
      if (!f.has('s')) fail(proc, `${file}: ${errorText(data.error)}`);
      error = true;
      continue;
    }
    const label = file === '-' ? '(standard input)' : file;
    let count = 0;
    for (const [k, line] of lines(data.toString('utf8')).entries()) {
      if (sliceDue()) await yieldSlice(proc.signal);
      if (re.test(line) === f.has('v')) continue;
      count++;
      matched = true;
      // -q stops at the first match: the answer is known.
      if (f.has('q')) return 0;
      if (f.has('l')) break;
      if (f.has('c')) continue;
      const prefix = (showName ? `${label}:` : '') + (f.has('n') ? `${k + 1}:` : '');
      if (f.has('o') && !f.has('v')) {
        for (const m of line.matchAll(new RegExp(re.source, re.flags + 'g')))
          if (m[0]) write(proc.stdout, `${prefix}${m[0]}\n`);
      } else write(proc.stdout, `${prefix}${line}\n`);
    }
    if (f.has('c')) write(proc.stdout, `${showName ? `${label}:` : ''}${count}\n`);
    if (f.has('l') && count > 0) write(proc.stdout, `${label}\n`);
  }
  // As GNU and busybox grep: an error wins over "no match", but not over a match with -q.
  return error ? 2 : matched ? 0 : 1;
};
