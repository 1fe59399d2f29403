/** Builtins that change the shell itself (cd, export, exit, set…), as in busybox ash. */
import type { Readable } from 'node:stream';
import { errorText } from '../errors.ts';
import { resolvePath } from '../fs/paths.ts';
import { write } from '../runtime/proc.ts';
import type { ProcIO } from '../runtime/proc.ts';
import { parseScript, ShSyntaxError } from './parser.ts';
import type { Shell } from './shell.ts';
import { ExitSignal, LoopSignal, ReturnSignal } from './state.ts';
import { trap } from './trap.ts';

type Builtin = (sh: Shell, argv: string[], io: ProcIO) => number | Promise<number>;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Single-quotes a value the way `export -p` and `set` print it. */
function quote(v: string): string {
  return `'${v.replace(/'/g, `'"'"'`)}'`;
}

async function cd(sh: Shell, argv: string[], io: ProcIO): Promise<number> {
  const s = sh.state;
  let target = argv[1] ?? s.get('HOME') ?? '/';
  if (target === '-') {
    target = s.get('OLDPWD') ?? s.cwd;
    write(io.stdout, `${target}\n`);
  }
  const path = resolvePath(s.cwd, target);
  try {
    const st = await sh.fs.stat(path);
    if (st.kind !== 'dir') throw Object.assign(new Error(), { code: 'ENOTDIR' });
  } catch (err) {
    sh.error(io, `cd: can't cd to ${target}: ${errorText(err)}`);
    return 2;
  }
  s.set('OLDPWD', s.cwd);
  s.cwd = path;
  s.set('PWD', path);
  return 0;
}

function exportCmd(sh: Shell, argv: string[], io: ProcIO): number {
  const args = argv.slice(1).filter((a) => a !== '-p');
  if (args.length === 0) {
    const names = [...sh.state.vars]
      .filter(([, v]) => v.exported)
      .map(([k]) => k)
      .sort();
    for (const k of names) write(io.stdout, `export ${k}=${quote(sh.state.get(k) ?? '')}\n`);
    return 0;
  }
  for (const a of args) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!NAME.test(name)) {
      sh.error(io, `export: bad variable name '${a}'`);
      return 2;
    }
    if (eq < 0) sh.state.set(name, sh.state.get(name) ?? '', true);
    else sh.state.set(name, a.slice(eq + 1), true);
  }
  return 0;
}

function set(sh: Shell, argv: string[], io: ProcIO): number {
  const o = sh.state.options;
  const letters: Record<string, keyof typeof o> = { e: 'errexit', x: 'xtrace', f: 'noglob' };
  if (argv.length === 1) {
    for (const k of [...sh.state.vars.keys()].sort())
      write(io.stdout, `${k}=${quote(sh.state.get(k) ?? '')}\n`);
    return 0;
  }
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') {
      sh.state.positional = argv.slice(i + 1);
      return 0;
    }
    if ((a === '-o' || a === '+o') && argv[i + 1]) {
      const name = argv[++i] as string;
      if (!(name in o)) {
        sh.error(io, `set: illegal option -o ${name}`);
        return 2;
      }
      o[name as keyof typeof o] = a === '-o';
      continue;
    }
    if (!/^[-+]/.test(a)) {
      sh.state.positional = argv.slice(i);
      return 0;
    }
    for (const c of a.slice(1)) {
      const key = letters[c];
      if (!key) {
        sh.error(io, `set: illegal option -${c}`);
        return 2;
      }
      o[key] = a[0] === '-';
    }
  }
  return 0;
}

function illegalNumber(sh: Shell, io: ProcIO, cmd: string, v: string): number {
  sh.error(io, `${cmd}: Illegal number: ${v}`);
  return 2;
}

/** Reads one line from a stream, giving back what follows it (so the next command still sees it). */
async function readLine(stream: Readable): Promise<string | undefined> {
  let text = '';
  for (;;) {
    const chunk = stream.read() as Buffer | string | null;
    if (chunk === null) {
      if (stream.readableEnded || stream.destroyed) return text === '' ? undefined : text;
      const more = await new Promise<boolean>((resolve) => {
        const done = () => {
          stream.off('readable', ready);
          resolve(false);
        };
        const ready = () => {
          stream.off('end', done);
          resolve(true);
        };
        stream.once('readable', ready);
        stream.once('end', done);
      });
      if (!more) return text === '' ? undefined : text;
      continue;
    }
    const s = chunk.toString();
    const nl = s.indexOf('\n');
    if (nl < 0) {
      text += s;
      continue;
    }
    text += s.slice(0, nl);
    if (nl + 1 < s.length) stream.unshift(Buffer.from(s.slice(nl + 1)));
    return text;
  }
}

async function read(sh: Shell, argv: string[], io: ProcIO): Promise<number> {
  const names = argv.slice(1).filter((a) => a !== '-r');
  const line = await readLine(io.stdin);
  const fields = (line ?? '')
    .trim()
    .split(/[ \t]+/)
    .filter((f) => f !== '');
  names.forEach((n, k) => {
    sh.state.set(n, k === names.length - 1 ? fields.slice(k).join(' ') : (fields[k] ?? ''));
  });
  if (names.length === 0) sh.state.set('REPLY', line ?? '');
  return line === undefined ? 1 : 0;
}

async function runText(sh: Shell, text: string, io: ProcIO): Promise<number> {
  try {
    return await sh.runList(parseScript(text), io);
  } catch (err) {
    if (!(err instanceof ShSyntaxError)) throw err;
    sh.error(io, err.message);
    return 2;
  }
}

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  [':', () => 0],
  ['cd', cd],
  ['trap', trap],
  ['export', exportCmd],
  ['set', set],
  ['read', read],
  [
    'unset',
    (sh, argv) => {
      for (const n of argv.slice(1).filter((a) => !a.startsWith('-'))) sh.state.vars.delete(n);
      return 0;
    },
  ],
  [
    'exit',
    (sh, argv, io) => {
      const v = argv[1];
      if (v !== undefined && !/^\d+$/.test(v)) throw new ExitSignal(illegalNumber(sh, io, 'exit', v));
      throw new ExitSignal((v === undefined ? sh.state.status : Number(v)) & 255);
    },
  ],
  [
    'shift',
    (sh, argv, io) => {
      const n = argv[1] === undefined ? 1 : Number(argv[1]);
      if (!Number.isInteger(n) || n < 0) return illegalNumber(sh, io, 'shift', argv[1] as string);
      if (n > sh.state.positional.length) return 1;
      sh.state.positional = sh.state.positional.slice(n);
      return 0;
    },
  ],
  ...(['break', 'continue'] as const).map((kind): [string, Builtin] => [
    kind,
    (sh, argv) => {
      if (sh.loopDepth === 0) return 0;
      throw new LoopSignal(kind, Math.min(Number(argv[1] ?? 1) || 1, sh.loopDepth));
    },
  ]),
  [
    'return',
    (sh, argv, io) => {
      const v = argv[1];
      if (v !== undefined && !/^\d+$/.test(v)) throw new ExitSignal(illegalNumber(sh, io, 'return', v));
      throw new ReturnSignal((v === undefined ? sh.state.status : Number(v)) & 255);
    },
  ],
  ['eval', (sh, argv, io) => runText(sh, argv.slice(1).join(' '), io)],
  [
    '.',
    async (sh, argv, io) => {
      const file = argv[1];
      if (!file) return 0;
      const text = await sh.fs.readFile(resolvePath(sh.state.cwd, file)).catch(() => undefined);
      if (text === undefined) {
        sh.error(io, `.: can't open '${file}'`);
        throw new ExitSignal(2);
      }
      return runText(sh, text.toString('utf8'), io);
    },
  ],
  [
    'exec',
    async (sh, argv, io) => {
      if (argv.length === 1) return 0;
      // The shell's image is replaced: no EXIT trap runs after the program.
      sh.state.traps.delete('EXIT');
      throw new ExitSignal(await sh.exec(argv.slice(1), sh.state.exportedEnv(), io));
    },
  ],
  [
    'pwd',
    (sh, _argv, io) => {
      write(io.stdout, `${sh.state.cwd}\n`);
      return 0;
    },
  ],
]);
