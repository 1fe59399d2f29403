/** Word expansion: parameters, command and arithmetic substitution, field splitting, pathnames. */
import type { ContainerFs } from '../types.ts';
import type { ProcIO } from '../runtime/proc.ts';
import { ArithError, evalArith } from './arith.ts';
import type { List, Word, WordPart } from './ast.ts';
import { escapeGlob, glob, hasGlob } from './glob.ts';
import type { ShellState } from './state.ts';

/** A failed expansion (`${x?}`, bad arithmetic): fatal in a non-interactive shell. */
export class ExpandError extends Error {}

export interface ExpandHost {
  state: ShellState;
  pid: number;
  fs: ContainerFs;
  commandSub(body: List, io: ProcIO): Promise<string>;
}

interface Seg {
  text: string;
  quoted: boolean;
}

interface Field {
  segs: Seg[];
  started: boolean;
}

const IFS_WS = /[ \t\n]/;

function special(host: ExpandHost, name: string): string | undefined {
  const s = host.state;
  switch (name) {
    case '?':
      return String(s.status);
    case '$':
      return String(host.pid);
    case '#':
      return String(s.positional.length);
    case '0':
      return s.name;
    case '@':
    case '*':
      return s.positional.join(' ');
    case '-':
      return s.flags();
    case '!':
      return '';
    default:
      if (/^[1-9]$/.test(name)) return s.positional[Number(name) - 1];
      return s.get(name);
  }
}

/** The value of one expansion part, as text (before splitting). */
async function partValue(
  host: ExpandHost,
  part: Exclude<WordPart, { t: 'lit' }>,
  io: ProcIO,
): Promise<string> {
  if (part.t === 'cmd') return host.commandSub(part.body, io);
  if (part.t === 'arith') {
    const expr = await expandString(host, part.expr, io);
    try {
      return String(evalArith(expr, (n) => host.state.get(n)));
    } catch (err) {
      throw new ExpandError(err instanceof ArithError ? err.message : String(err));
    }
  }
  const value = special(host, part.name);
  const arg = async () => (part.arg ? expandString(host, part.arg, io) : '');
  const colon = part.op?.startsWith(':') ?? false;
  const missing = value === undefined || (colon && value === '');
  switch (part.op) {
    case undefined:
      return value ?? '';
    case '#len':
      return String((value ?? '').length);
    case '-':
    case ':-':
      return missing ? arg() : value;
    case '=':
    case ':=': {
      if (!missing) return value;
      const v = await arg();
      host.state.set(part.name, v);
      return v;
    }
    case '+':
    case ':+':
      return missing ? '' : arg();
    case '?':
    case ':?': {
      if (!missing) return value;
      const msg = await arg();
      throw new ExpandError(
        `${part.name}: ${msg || (value === undefined ? 'parameter not set' : 'parameter null or not set')}`,
      );
    }
  }
}

/** Expands a word into fields: splitting unquoted expansions on IFS whitespace, then pathnames. */
export async function expandFields(host: ExpandHost, word: Word, io: ProcIO): Promise<string[]> {
  const fields: Field[] = [{ segs: [], started: false }];
  const cur = () => fields[fields.length - 1] as Field;
  const add = (text: string, quoted: boolean) => {
    cur().segs.push({ text, quoted });
    cur().started = true;
  };
  for (const part of word) {
    if (part.t === 'lit') {
      add(part.v, part.quoted);
      continue;
    }
    if (part.t === 'param' && part.name === '@' && part.quoted && !part.op) {
      host.state.positional.forEach((p, k) => {
        if (k > 0) fields.push({ segs: [], started: false });
        add(p, true);
      });
      continue;
    }
    const value = await partValue(host, part, io);
    if (part.quoted) {
      add(value, true);
      continue;
    }
    // Unquoted expansion results are split on IFS whitespace.
    let piece = '';
    for (const c of value) {
      if (!IFS_WS.test(c)) {
        piece += c;
        continue;
      }
      if (piece) add(piece, false);
      piece = '';
      if (cur().started) fields.push({ segs: [], started: false });
    }
    if (piece) add(piece, false);
  }
  const out: string[] = [];
  for (const f of fields.filter((f) => f.started)) {
    const text = f.segs.map((s) => s.text).join('');
    const pattern = f.segs.map((s) => (s.quoted ? escapeGlob(s.text) : s.text)).join('');
    if (!host.state.options.noglob && hasGlob(pattern)) {
      const matches = await glob(host.fs, host.state.cwd, pattern);
      if (matches.length > 0) {
        out.push(...matches);
        continue;
      }
    }
    // Unmatched or empty unquoted expansions: keep literal text, drop empty fields.
    if (text !== '' || f.segs.some((s) => s.quoted)) out.push(text);
  }
  return out;
}

/** Expands a word to one string with no splitting or globbing (assignments, redirections, here-docs). */
export async function expandString(host: ExpandHost, word: Word, io: ProcIO): Promise<string> {
  let text = '';
  for (const part of word) text += part.t === 'lit' ? part.v : await partValue(host, part, io);
  return text;
}

/** Expands a `case` pattern: quoted parts match literally, unquoted glob characters are active. */
export async function expandPattern(host: ExpandHost, word: Word, io: ProcIO): Promise<string> {
  let pattern = '';
  for (const part of word) {
    const text = part.t === 'lit' ? part.v : await partValue(host, part, io);
    pattern += part.quoted ? escapeGlob(text) : text;
  }
  return pattern;
}

export async function expandWords(host: ExpandHost, words: readonly Word[], io: ProcIO): Promise<string[]> {
  const argv: string[] = [];
  for (const w of words) argv.push(...(await expandFields(host, w, io)));
  return argv;
}
