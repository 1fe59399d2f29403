/** Character-level scanning for the shell parser: blanks, words, quoting and $-substitutions. */
import type { List, Word, WordPart } from './ast.ts';

export class ShSyntaxError extends Error {
  /** The input ended inside a construct: an interactive shell reads another line (PS2) instead. */
  readonly incomplete: boolean;
  constructor(detail: string) {
    super(`syntax error: ${detail}`);
    this.name = 'ShSyntaxError';
    this.incomplete = /^(unexpected end of file|unterminated quoted string)/.test(detail);
  }
}

/** Characters that end an unquoted word. */
export const DELIM = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);
export const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** The word-level half of the parser; the grammar half (parser.ts) supplies lists and nesting. */
export abstract class Scanner {
  i = 0;
  constructor(readonly src: string) {}

  /** A command list up to one of `stops` (for `$(…)`). */
  abstract list(stops: ReadonlySet<string>): List;
  abstract skipLinebreaks(): void;
  /** Parses a whole nested script (backquotes). */
  abstract nested(text: string): List;
  /** Parses text where only $, backquotes and backslashes are special. */
  abstract expandableOf(text: string): Word;

  ch(offset = 0): string {
    return this.src[this.i + offset] ?? '';
  }

  unexpected(): ShSyntaxError {
    const c = this.ch();
    if (c === '') return new ShSyntaxError('unexpected end of file');
    if (c === '\n') return new ShSyntaxError('unexpected newline');
    const two = this.src.slice(this.i, this.i + 2);
    const tok = ['&&', '||', ';;', '>>', '<<'].includes(two) ? two : (this.peekWord() ?? c);
    return new ShSyntaxError(`unexpected "${tok}"`);
  }

  skipBlanks(): void {
    for (;;) {
      const c = this.ch();
      if (c === ' ' || c === '\t') this.i++;
      else if (c === '\\' && this.ch(1) === '\n') this.i += 2;
      else if (c === '#') while (this.i < this.src.length && this.ch() !== '\n') this.i++;
      else return;
    }
  }

  peekWord(): string | undefined {
    this.skipBlanks();
    let j = this.i;
    while (
      j < this.src.length &&
      !DELIM.has(this.src[j] as string) &&
      !`'"\\$\``.includes(this.src[j] as string)
    )
      j++;
    const next = this.src[j] ?? '';
    if (j === this.i || (next !== '' && !DELIM.has(next))) return undefined;
    return this.src.slice(this.i, j);
  }

  word(untilBrace = false): Word {
    const parts: WordPart[] = [];
    for (;;) {
      const c = this.ch();
      if (c === '' || (untilBrace ? c === '}' : DELIM.has(c))) break;
      if (c === "'") {
        const end = this.src.indexOf("'", this.i + 1);
        if (end < 0) throw new ShSyntaxError('unterminated quoted string');
        pushLit(parts, this.src.slice(this.i + 1, end), true);
        this.i = end + 1;
      } else if (c === '"') {
        this.i++;
        this.#double(parts);
      } else if (c === '\\') {
        if (this.ch(1) !== '\n') pushLit(parts, this.ch(1) || '\\', true);
        this.i += 2;
      } else if (c === '$') parts.push(this.dollar(false));
      else if (c === '`') parts.push(this.#backtick(false));
      else {
        pushLit(parts, c, false);
        this.i++;
      }
    }
    return parts;
  }

  #double(parts: WordPart[]): void {
    const start = parts.length;
    for (;;) {
      const c = this.ch();
      if (c === '') throw new ShSyntaxError('unterminated quoted string');
      if (c === '"') {
        this.i++;
        break;
      }
      if (c === '\\' && '$`"\\\n'.includes(this.ch(1))) {
        if (this.ch(1) !== '\n') pushLit(parts, this.ch(1), true);
        this.i += 2;
      } else if (c === '$') parts.push(this.dollar(true));
      else if (c === '`') parts.push(this.#backtick(true));
      else {
        pushLit(parts, c, true);
        this.i++;
      }
    }
    // "" is an empty field, not nothing.
    if (parts.length === start) parts.push({ t: 'lit', v: '', quoted: true });
  }

  dollar(quoted: boolean): WordPart {
    this.i++;
    const c = this.ch();
    if (c === '{') return this.#braced(quoted);
    if (c === '(' && this.ch(1) === '(') return this.#arith(quoted);
    if (c === '(') {
      this.i++;
      const body = this.list(new Set());
      this.skipLinebreaks();
      if (this.ch() !== ')') throw new ShSyntaxError('unexpected end of file (expecting ")")');
      this.i++;
      return { t: 'cmd', body, quoted };
    }
    const name = NAME.exec(this.src.slice(this.i))?.[0] ?? (/[0-9?$#@*!-]/.test(c) ? c : '');
    if (!name) return { t: 'lit', v: '$', quoted };
    this.i += name.length;
    return { t: 'param', name, quoted };
  }

  #braced(quoted: boolean): WordPart {
    this.i++;
    const length = this.ch() === '#' && this.ch(1) !== '}';
    if (length) this.i++;
    const c = this.ch();
    const name = NAME.exec(this.src.slice(this.i))?.[0] ?? (/[0-9?$#@*!-]/.test(c) ? c : '');
    if (!name) throw new ShSyntaxError('bad substitution');
    this.i += name.length;
    if (length || this.ch() === '}') {
      if (this.ch() !== '}') throw new ShSyntaxError('bad substitution');
      this.i++;
      return length ? { t: 'param', name, op: '#len', quoted } : { t: 'param', name, quoted };
    }
    const op = this.ch() === ':' ? `:${this.ch(1)}` : this.ch();
    if (![':-', ':=', ':+', ':?', '-', '=', '+', '?'].includes(op))
      throw new ShSyntaxError('bad substitution');
    this.i += op.length;
    const arg = this.word(true);
    if (this.ch() !== '}') throw new ShSyntaxError('bad substitution');
    this.i++;
    return { t: 'param', name, op: op as NonNullable<Extract<WordPart, { t: 'param' }>['op']>, arg, quoted };
  }

  #arith(quoted: boolean): WordPart {
    this.i += 2;
    let depth = 0;
    const start = this.i;
    for (;;) {
      const c = this.ch();
      if (c === '') throw new ShSyntaxError('unexpected end of file (expecting "))")');
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0 && this.ch(1) === ')') break;
        depth--;
      }
      this.i++;
    }
    const expr = this.expandableOf(this.src.slice(start, this.i));
    this.i += 2;
    return { t: 'arith', expr, quoted };
  }

  #backtick(quoted: boolean): WordPart {
    this.i++;
    let text = '';
    for (;;) {
      const c = this.ch();
      if (c === '') throw new ShSyntaxError('unterminated quoted string');
      this.i++;
      if (c === '`') break;
      if (c === '\\' && '$`\\'.includes(this.ch())) {
        text += this.ch();
        this.i++;
      } else text += c;
    }
    return { t: 'cmd', body: this.nested(text), quoted };
  }

  /** Text where only `$`, backquotes and backslashes are special (here-documents, $((…))). */
  expandable(): Word {
    const parts: WordPart[] = [];
    while (this.i < this.src.length) {
      const c = this.ch();
      if (c === '\\' && '$`\\\n'.includes(this.ch(1))) {
        if (this.ch(1) !== '\n') pushLit(parts, this.ch(1), true);
        this.i += 2;
      } else if (c === '$') parts.push(this.dollar(true));
      else if (c === '`') parts.push(this.#backtick(true));
      else {
        pushLit(parts, c, true);
        this.i++;
      }
    }
    return parts;
  }
}

export function pushLit(parts: WordPart[], v: string, quoted: boolean): void {
  const last = parts[parts.length - 1];
  if (last?.t === 'lit' && last.quoted === quoted) last.v += v;
  else parts.push({ t: 'lit', v, quoted });
}
