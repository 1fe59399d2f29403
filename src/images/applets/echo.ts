/** echo (-n -e -E) and printf, with the backslash escapes of busybox coreutils/echo.c and printf.c. */
import { write } from '../runtime/proc.ts';
import type { Applet } from '../runtime/proc.ts';
import { fail } from './util.ts';

const SIMPLE: Record<string, string> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/** Interprets backslash escapes; `stop` is set when `\c` ends all output. */
export function unescape(text: string, octalNeedsZero: boolean): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const n = text[++i] as string;
    if (n in SIMPLE) out += SIMPLE[n];
    else if (n === 'c') return { text: out, stop: true };
    else if (n === 'x' && /[0-9a-fA-F]/.test(text[i + 1] ?? '')) {
      const m = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 1)) as RegExpExecArray;
      out += String.fromCharCode(parseInt(m[0], 16));
      i += m[0].length;
    } else if (/[0-7]/.test(n) && (!octalNeedsZero || n === '0')) {
      const start = octalNeedsZero ? i + 1 : i;
      const m = /^[0-7]{0,3}/.exec(text.slice(start)) as RegExpExecArray;
      out += String.fromCharCode(parseInt(m[0] || '0', 8) & 255);
      i = start + m[0].length - 1;
    } else out += `\\${n}`;
  }
  return { text: out, stop: false };
}

export const echo: Applet = (proc) => {
  const args = proc.argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args[0] && /^-[neE]+$/.test(args[0])) {
    const a = args.shift() as string;
    for (const c of a.slice(1)) {
      if (c === 'n') newline = false;
      else escapes = c === 'e';
    }
  }
  let text = args.join(' ');
  if (escapes) {
    const u = unescape(text, true);
    text = u.text;
    if (u.stop) newline = false;
  }
  write(proc.stdout, newline ? `${text}\n` : text);
  return 0;
};

/** printf FORMAT [ARG]...: the format is reused until the arguments are used up. */
export const printf: Applet = (proc) => {
  const [format, ...args] = proc.argv.slice(1);
  if (format === undefined) return fail(proc, 'usage: printf FORMAT [ARG]...');
  let status = 0;
  let out = '';
  const spec = /%([-+ #0]*)(\d+|\*)?(?:\.(\d+|\*))?([sbcdiouxXeEfgG%])/g;
  do {
    let used = 0;
    let stop = false;
    const next = () => args[used++] ?? '';
    let last = 0;
    let m: RegExpExecArray | null;
    spec.lastIndex = 0;
    let piece = '';
    while ((m = spec.exec(format))) {
      piece += unescape(format.slice(last, m.index), false).text;
      last = spec.lastIndex;
      const [, flags = '', w, p, conv] = m;
      const width = w === '*' ? Number(next()) : w ? Number(w) : 0;
      const prec = p === '*' ? Number(next()) : p !== undefined ? Number(p) : undefined;
      let s: string;
      if (conv === '%') s = '%';
      else if (conv === 's') s = next().slice(0, prec);
      else if (conv === 'b') {
        const u = unescape(next(), true);
        s = u.text;
        stop ||= u.stop;
      } else if (conv === 'c') s = next().slice(0, 1);
      else {
        const raw = next();
        const n = raw === '' ? 0 : /^'/.test(raw) ? raw.charCodeAt(1) : Number(raw);
        if (Number.isNaN(n)) {
          status = fail(proc, `invalid number '${raw}'`);
        }
        const v = Number.isNaN(n) ? 0 : n;
        if ('eEfgG'.includes(conv as string))
          s =
            conv === 'f'
              ? v.toFixed(prec ?? 6)
              : conv === 'e' || conv === 'E'
                ? v.toExponential(prec ?? 6)
                : String(v);
        else {
          const i = Math.trunc(v);
          s =
            conv === 'x'
              ? i.toString(16)
              : conv === 'X'
                ? i.toString(16).toUpperCase()
                : conv === 'o'
                  ? i.toString(8)
                  : String(i);
          if (flags.includes('+') && i >= 0 && 'di'.includes(conv as string)) s = `+${s}`;
        }
      }
      const pad = flags.includes('0') && !flags.includes('-') && !'sbc'.includes(conv as string) ? '0' : ' ';
      s = flags.includes('-')
        ? s.padEnd(width)
        : pad === '0' && s.startsWith('-')
          ? `-${s.slice(1).padStart(width - 1, '0')}`
          : s.padStart(width, pad);
      piece += s;
      if (stop) break;
    }
    if (!stop) {
      const u = unescape(format.slice(last), false);
      piece += u.text;
      stop = u.stop;
    }
    out += piece;
    args.splice(0, used);
    if (stop || used === 0) break;
  } while (args.length > 0);
  write(proc.stdout, out);
  return status;
};
