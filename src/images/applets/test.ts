/** test and [ : POSIX's argument-count rules, then -a/-o/!/( ) by precedence (busybox coreutils/test.c). */
import { resolvePath } from '../fs/paths.ts';
import type { Applet, Proc } from '../runtime/proc.ts';
import type { FileInfo } from '../types.ts';
import { fail } from './util.ts';

class TestError extends Error {}

const UNARY = new Set([
  '-e',
  '-f',
  '-d',
  '-s',
  '-r',
  '-w',
  '-x',
  '-L',
  '-h',
  '-z',
  '-n',
  '-b',
  '-c',
  '-p',
  '-S',
  '-t',
  '-g',
  '-u',
  '-k',
  '-O',
  '-G',
]);
const BINARY = new Set([
  '=',
  '==',
  '!=',
  '<',
  '>',
  '-eq',
  '-ne',
  '-lt',
  '-le',
  '-gt',
  '-ge',
  '-nt',
  '-ot',
  '-ef',
]);

function int(s: string): number {
  const t = s.trim();
  if (!/^[-+]?\d+$/.test(t)) throw new TestError(`invalid number '${s}'`);
  return Number(t);
}

async function unary(proc: Proc, op: string, arg: string): Promise<boolean> {
  if (op === '-z') return arg === '';
  if (op === '-n') return arg !== '';
  if (op === '-t') return false;
  let info: FileInfo;
  try {
    info = await proc.container.fs.stat(resolvePath(proc.cwd, arg));
  } catch {
    return false;
  }
  switch (op) {
    case '-e':
      return true;
    case '-f':
      return info.kind === 'file';
    case '-d':
      return info.kind === 'dir';
    case '-s':
      return info.size > 0;
    case '-r':
      return true;
    case '-w':
      return !info.readOnly;
    case '-x':
      return (info.mode & 0o111) !== 0;
    case '-c':
      return info.kind === 'other';
    default:
      return false;
  }
}

async function binary(proc: Proc, a: string, op: string, b: string): Promise<boolean> {
  switch (op) {
    case '=':
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '-eq':
      return int(a) === int(b);
    case '-ne':
      return int(a) !== int(b);
    case '-lt':
      return int(a) < int(b);
    case '-le':
      return int(a) <= int(b);
    case '-gt':
      return int(a) > int(b);
    case '-ge':
      return int(a) >= int(b);
    default: {
      const fs = proc.container.fs;
      const [x, y] = await Promise.all(
        [a, b].map((p) => fs.stat(resolvePath(proc.cwd, p)).catch(() => undefined)),
      );
      if (op === '-nt') return !!x && (!y || x.mtime > y.mtime);
      if (op === '-ot') return !!y && (!x || x.mtime < y.mtime);
      return false;
    }
  }
}

/** Evaluates by the POSIX rules for 0–4 arguments, falling back to a precedence parser. */
async function evaluate(proc: Proc, args: string[]): Promise<boolean> {
  const [a, b, c, d] = args;
  switch (args.length) {
    case 0:
      return false;
    case 1:
      return a !== '';
    case 2:
      if (a === '!') return b === '';
      if (UNARY.has(a as string)) return unary(proc, a as string, b as string);
      throw new TestError(`${a}: unary operator expected`);
    case 3:
      if (BINARY.has(b as string)) return binary(proc, a as string, b as string, c as string);
      if (a === '!') return !(await evaluate(proc, args.slice(1)));
      if (a === '(' && c === ')') return b !== '';
      break;
    case 4:
      if (a === '!') return !(await evaluate(proc, args.slice(1)));
      if (a === '(' && d === ')') return evaluate(proc, [b as string, c as string]);
      break;
  }
  return new Expr(proc, args).parse();
}

class Expr {
  #i = 0;
  constructor(
    readonly proc: Proc,
    readonly args: string[],
  ) {}

  async parse(): Promise<boolean> {
    const v = await this.#or();
    if (this.#i < this.args.length) throw new TestError(`${this.args[this.#i]}: unknown operand`);
    return v;
  }

  async #or(): Promise<boolean> {
    let v = await this.#and();
    while (this.args[this.#i] === '-o') {
      this.#i++;
      v = (await this.#and()) || v;
    }
    return v;
  }

  async #and(): Promise<boolean> {
    let v = await this.#not();
    while (this.args[this.#i] === '-a') {
      this.#i++;
      v = (await this.#not()) && v;
    }
    return v;
  }

  async #not(): Promise<boolean> {
    if (this.args[this.#i] === '!') {
      this.#i++;
      return !(await this.#not());
    }
    return this.#primary();
  }

  async #primary(): Promise<boolean> {
    const a = this.args[this.#i++];
    if (a === undefined) throw new TestError('argument expected');
    if (a === '(') {
      const v = await this.#or();
      if (this.args[this.#i++] !== ')') throw new TestError("')' expected");
      return v;
    }
    const op = this.args[this.#i];
    if (op !== undefined && BINARY.has(op) && this.args[this.#i + 1] !== undefined) {
      this.#i += 2;
      return binary(this.proc, a, op, this.args[this.#i - 1] as string);
    }
    if (UNARY.has(a) && this.args[this.#i] !== undefined)
      return unary(this.proc, a, this.args[this.#i++] as string);
    return a !== '';
  }
}

export const test: Applet = async (proc) => {
  let args = proc.argv.slice(1);
  if ((proc.argv[0] ?? '').endsWith('[')) {
    if (args[args.length - 1] !== ']') return fail(proc, 'missing ]', 2);
    args = args.slice(0, -1);
  }
  try {
    return (await evaluate(proc, args)) ? 0 : 1;
  } catch (err) {
    if (err instanceof TestError) return fail(proc, err.message, 2);
    throw err;
  }
};
