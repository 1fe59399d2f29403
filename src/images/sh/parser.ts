/**
 * A recursive-descent parser for the POSIX sh subset: simple commands, quoting, parameter,
 * command and arithmetic substitution, redirections and here-documents, pipes, && ||, ; & and
 * newlines, if/for/while/until, { } and ( ). Error texts follow busybox ash (shell/ash.c).
 */
import type { AndOr, Assignment, Command, List, Pipeline, Redirect, Word } from './ast.ts';
import { DELIM, NAME, Scanner, ShSyntaxError } from './scanner.ts';

export { ShSyntaxError } from './scanner.ts';

/**
 * Parses a whole script. With `lineByLine` (a shell reading its input as it arrives), a here-document
 * the input ends inside is incomplete (ShSyntaxError.incomplete) rather than cut short.
 */
export function parseScript(src: string, opts: { lineByLine?: boolean } = {}): List {
  const p = new Parser(src);
  p.lineByLine = opts.lineByLine === true;
  const list = p.list(new Set());
  p.skipLinebreaks();
  if (p.i < src.length) throw p.unexpected();
  return list;
}

/** Words that are reserved in command position and may not start a simple command. */
const NOT_A_COMMAND = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', '}', 'esac']);
interface PendingHeredoc {
  redir: Redirect;
  delim: string;
  stripTabs: boolean;
  expand: boolean;
}

/** What a shell reading its input can run now, and what has to wait for more lines. */
export interface Available {
  /** The complete commands at the start of the input (none: nothing to run yet). */
  list?: List;
  /** Input after them, parsed again once they have run (or once more lines are in). */
  rest: string;
  /** A syntax error in the first command left (an incomplete one only at the end of the input). */
  error?: ShSyntaxError;
}

/**
 * Splits a shell's input into the commands that can run now and the rest, as ash parses and runs
 * one top-level command at a time: the commands before a syntax error run before it is reported,
 * and an incomplete command (an open `if`, quote or here-document) waits for more lines.
 */
export function parseAvailable(src: string, atEof: boolean): Available {
  const p = new Parser(src);
  p.lineByLine = !atEof;
  try {
    const list = p.list(new Set());
    p.skipLinebreaks();
    if (p.i < src.length) throw p.unexpected();
    return { list, rest: '' };
  } catch (err) {
    if (!(err instanceof ShSyntaxError)) throw err;
    if (p.boundary.count > 0)
      return { list: { items: p.topItems.slice(0, p.boundary.count) }, rest: src.slice(p.boundary.i) };
    if (err.incomplete && !atEof) return { rest: src };
    return { error: err, rest: '' };
  }
}

class Parser extends Scanner {
  #pending: PendingHeredoc[] = [];
  lineByLine = false;
  #depth = 0;
  /** The top-level list's items, and where its last complete line ended (for parseAvailable). */
  topItems: List['items'] = [];
  boundary = { i: 0, count: 0 };

  nested(text: string): List {
    return parseScript(text);
  }

  expandableOf(text: string): Word {
    return parseExpandable(text);
  }

  skipLinebreaks(): void {
    for (;;) {
      this.skipBlanks();
      if (this.ch() !== '\n') return;
      this.newline();
    }
  }

  newline(): void {
    this.i++;
    this.#readHeredocs();
  }

  /** The plain word at the cursor, if it is one that could be a reserved word. */
  #take(word: string): boolean {
    if (this.peekWord() !== word) return false;
    this.i += word.length;
    return true;
  }

  #expect(word: string): void {
    this.skipLinebreaks();
    if (this.#take(word)) return;
    if (this.i >= this.src.length) throw new ShSyntaxError(`unexpected end of file (expecting "${word}")`);
    throw this.unexpected();
  }

  list(stops: ReadonlySet<string>): List {
    const items: List['items'] = [];
    const top = ++this.#depth === 1;
    if (top) this.topItems = items;
    try {
      return this.#items(items, stops, top);
    } finally {
      this.#depth--;
    }
  }

  #items(items: List['items'], stops: ReadonlySet<string>, top: boolean): List {
    for (;;) {
      this.skipLinebreaks();
      // A top-level line (here-documents included) is complete here: what came before can run.
      if (top && this.src[this.i - 1] === '\n') this.boundary = { i: this.i, count: items.length };
      const w = this.peekWord();
      if (this.i >= this.src.length || this.ch() === ')' || this.src.startsWith(';;', this.i)) break;
      if (w !== undefined && stops.has(w)) break;
      const andOr = this.#andOr();
      this.skipBlanks();
      const c = this.ch();
      if (c === '&' && this.ch(1) !== '&') {
        this.i++;
        items.push({ andOr, background: true });
        continue;
      }
      items.push({ andOr, background: false });
      if (c === ';' && this.ch(1) !== ';') this.i++;
      else if (c === '\n') this.newline();
      else break;
    }
    return { items };
  }

  #andOr(): AndOr {
    const first = this.#pipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      this.skipBlanks();
      const two = this.src.slice(this.i, this.i + 2);
      if (two !== '&&' && two !== '||') return { first, rest };
      this.i += 2;
      this.skipLinebreaks();
      rest.push({ op: two, pipeline: this.#pipeline() });
    }
  }

  #pipeline(): Pipeline {
    const bang = this.#take('!');
    const cmds = [this.#command()];
    for (;;) {
      this.skipBlanks();
      if (this.ch() !== '|' || this.ch(1) === '|') return { bang, cmds };
      this.i++;
      this.skipLinebreaks();
      cmds.push(this.#command());
    }
  }

  #command(): Command {
    const w = this.peekWord();
    let cmd: Command;
    if (w !== undefined && NAME.test(w) && /^[ \t]*\([ \t]*\)/.test(this.src.slice(this.i + w.length))) {
      return this.#func(w);
    }
    if (w === 'if') cmd = this.#if();
    else if (w === 'case') cmd = this.#case();
    else if (w === 'for') cmd = this.#for();
    else if (w === 'while' || w === 'until') cmd = this.#while(w === 'until');
    else if (w === '{') {
      this.i++;
      const body = this.list(new Set(['}']));
      this.#expect('}');
      cmd = { t: 'group', subshell: false, body, redirs: [] };
    } else if (this.ch() === '(') {
      this.i++;
      const body = this.list(new Set());
      this.skipLinebreaks();
      if (this.ch() !== ')')
        throw this.i >= this.src.length
          ? new ShSyntaxError('unexpected end of file (expecting ")")')
          : this.unexpected();
      this.i++;
      cmd = { t: 'group', subshell: true, body, redirs: [] };
    } else if (w !== undefined && NOT_A_COMMAND.has(w)) {
      throw this.unexpected();
    } else {
      return this.#simple();
    }
    for (;;) {
      this.skipBlanks();
      const r = this.#redirect();
      if (!r) return cmd;
      cmd.redirs.push(r);
    }
  }

  #func(name: string): Command {
    this.i += name.length;
    this.i = this.src.indexOf(')', this.i) + 1;
    this.skipLinebreaks();
    const w = this.peekWord();
    if (this.ch() !== '(' && !['{', 'if', 'for', 'while', 'until', 'case'].includes(w ?? ''))
      throw this.unexpected();
    return { t: 'func', name, body: this.#command(), redirs: [] };
  }

  #case(): Command {
    this.#take('case');
    this.skipBlanks();
    const word = this.word();
    if (word.length === 0) throw this.unexpected();
    this.skipLinebreaks();
    if (!this.#take('in'))
      throw this.i >= this.src.length
        ? new ShSyntaxError('unexpected end of file (expecting "in")')
        : this.unexpected();
    const items: { patterns: Word[]; body: List }[] = [];
    for (;;) {
      this.skipLinebreaks();
      if (this.#take('esac')) return { t: 'case', word, items, redirs: [] };
      if (this.ch() === '(') this.i++;
      const patterns: Word[] = [];
      for (;;) {
        this.skipBlanks();
        const p = this.word();
        if (p.length === 0) throw this.unexpected();
        patterns.push(p);
        this.skipBlanks();
        if (this.ch() !== '|') break;
        this.i++;
      }
      if (this.ch() !== ')') throw this.unexpected();
      this.i++;
      const body = this.list(new Set(['esac']));
      items.push({ patterns, body });
      this.skipLinebreaks();
      if (this.src.startsWith(';;', this.i)) this.i += 2;
      else if (this.peekWord() !== 'esac')
        throw this.i >= this.src.length
          ? new ShSyntaxError('unexpected end of file (expecting "esac")')
          : this.unexpected();
    }
  }

  #if(): Command {
    this.#take('if');
    const clauses: { cond: List; body: List }[] = [];
    let otherwise: List | undefined;
    for (;;) {
      const cond = this.list(new Set(['then']));
      this.#expect('then');
      const body = this.list(new Set(['elif', 'else', 'fi']));
      clauses.push({ cond, body });
      if (this.#take('elif')) continue;
      if (this.#take('else')) otherwise = this.list(new Set(['fi']));
      this.#expect('fi');
      return { t: 'if', clauses, otherwise, redirs: [] };
    }
  }

  #for(): Command {
    this.#take('for');
    this.skipBlanks();
    const name = NAME.exec(this.src.slice(this.i))?.[0];
    if (!name || (!DELIM.has(this.ch(name.length)) && this.ch(name.length) !== ''))
      throw new ShSyntaxError('bad for loop variable');
    this.i += name.length;
    this.skipLinebreaks();
    let items: Word[] | undefined;
    if (this.#take('in')) {
      items = [];
      for (;;) {
        this.skipBlanks();
        const c = this.ch();
        if (c === ';' || c === '\n') {
          if (c === ';') this.i++;
          else this.newline();
          break;
        }
        if (c === '' || DELIM.has(c)) throw this.unexpected();
        items.push(this.word());
      }
    } else if (this.ch() === ';') this.i++;
    this.#expect('do');
    const body = this.list(new Set(['done']));
    this.#expect('done');
    return { t: 'for', name, items, body, redirs: [] };
  }

  #while(until: boolean): Command {
    this.#take(until ? 'until' : 'while');
    const cond = this.list(new Set(['do']));
    this.#expect('do');
    const body = this.list(new Set(['done']));
    this.#expect('done');
    return { t: 'while', until, cond, body, redirs: [] };
  }

  #simple(): Command {
    const assigns: Assignment[] = [];
    const words: Word[] = [];
    const redirs: Redirect[] = [];
    for (;;) {
      this.skipBlanks();
      const c = this.ch();
      if (c === '' || c === '\n' || c === ';' || c === '&' || c === '|' || c === ')') break;
      if (c === '(') throw this.unexpected();
      const r = this.#redirect();
      if (r) {
        redirs.push(r);
        continue;
      }
      const word = this.word();
      const assign = words.length === 0 ? asAssignment(word) : undefined;
      if (assign) assigns.push(assign);
      else words.push(word);
    }
    if (assigns.length + words.length + redirs.length === 0) throw this.unexpected();
    return { t: 'simple', assigns, words, redirs };
  }

  #redirect(): Redirect | undefined {
    let j = this.i;
    while (/[0-9]/.test(this.src[j] ?? '')) j++;
    const c = this.src[j];
    if (c !== '<' && c !== '>') return undefined;
    const fd = j > this.i ? Number(this.src.slice(this.i, j)) : c === '<' ? 0 : 1;
    this.i = j;
    const ops = ['<<-', '<<', '<&', '<', '>>', '>&', '>|', '>'] as const;
    const found = ops.find((o) => this.src.startsWith(o, this.i)) as (typeof ops)[number];
    this.i += found.length;
    this.skipBlanks();
    const target = this.word();
    if (target.length === 0) throw this.unexpected();
    if (found === '<<' || found === '<<-') {
      const redir: Redirect = { fd, op: '<<', target, heredoc: { body: [] } };
      const delim = target.map((p) => (p.t === 'lit' ? p.v : '')).join('');
      this.#pending.push({
        redir,
        delim,
        stripTabs: found === '<<-',
        expand: target.every((p) => !p.quoted),
      });
      return redir;
    }
    return { fd, op: found === '>|' ? '>' : found, target };
  }

  #readHeredocs(): void {
    for (const h of this.#pending.splice(0)) {
      let text = '';
      let closed = false;
      while (this.i < this.src.length) {
        let end = this.src.indexOf('\n', this.i);
        if (end < 0) end = this.src.length;
        let line = this.src.slice(this.i, end);
        this.i = Math.min(end + 1, this.src.length);
        if (h.stripTabs) line = line.replace(/^\t+/, '');
        if (line === h.delim) {
          closed = true;
          break;
        }
        text += line + '\n';
      }
      if (!closed && this.lineByLine) throw new ShSyntaxError('unexpected end of file (here-document)');
      (h.redir.heredoc as { body: Word }).body = h.expand
        ? parseExpandable(text)
        : [{ t: 'lit', v: text, quoted: true }];
    }
  }

  /** One word at the cursor (empty when the cursor is at a delimiter). `untilBrace` reads a ${…} argument. */
}

/** Text where only `$`, backquotes and backslashes are special (a here-document body, a prompt). */
export function parseExpandable(text: string): Word {
  return new Parser(text).expandable();
}

function asAssignment(word: Word): Assignment | undefined {
  const first = word[0];
  if (first?.t !== 'lit' || first.quoted) return undefined;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.v);
  if (!m) return undefined;
  const rest = first.v.slice(m[0].length);
  const value: Word = rest ? [{ t: 'lit', v: rest, quoted: false }, ...word.slice(1)] : word.slice(1);
  return { name: m[1] as string, value };
}
