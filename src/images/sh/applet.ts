/** The `sh` executable: `sh -c STRING [NAME [ARGS]]`, `sh FILE [ARGS]`, or commands read from stdin (`-i`: interactive). */
import { errorText } from '../errors.ts';
import { resolvePath } from '../fs/paths.ts';
import { write } from '../runtime/proc.ts';
import { ttyOf } from '../tty/tty.ts';
import { commandLoop } from './input-loop.ts';
import type { Applet } from '../runtime/proc.ts';
import { parseScript, ShSyntaxError } from './parser.ts';
import { Shell } from './shell.ts';
import { ShellState } from './state.ts';

export const sh: Applet = async (proc) => {
  const args = proc.argv.slice(1);
  const state = ShellState.fromEnv(proc.env, proc.cwd);
  const fail = (msg: string, code = 2) => {
    write(proc.stderr, `sh: ${msg}\n`);
    return code;
  };
  let command: string | undefined;
  let interactiveFlag = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') {
      i++;
      break;
    }
    if (a === '-c') {
      command = args[++i];
      if (command === undefined) return fail('-c requires an argument');
      i++;
      break;
    }
    if (a === '-o' || a === '+o') {
      const name = args[++i];
      if (name === 'pipefail' || name === 'errexit' || name === 'xtrace' || name === 'noglob') {
        state.options[name] = a === '-o';
        continue;
      }
      return fail(`illegal option ${a} ${name ?? ''}`.trimEnd());
    }
    if (!/^[-+][a-z]+$/.test(a)) break;
    for (const c of a.slice(1)) {
      if (c === 'e') state.options.errexit = a[0] === '-';
      else if (c === 'x') state.options.xtrace = a[0] === '-';
      else if (c === 'f') state.options.noglob = a[0] === '-';
      else if (c === 'i') interactiveFlag = a[0] === '-';
      else if (c !== 's' && c !== 'l') return fail(`illegal option -${c}`);
    }
  }
  const rest = args.slice(i);
  let script: string;
  if (command !== undefined) {
    script = command;
    if (rest.length > 0) state.name = rest.shift() as string;
    state.positional = rest;
  } else if (rest.length > 0 && !args.includes('-s')) {
    const file = rest.shift() as string;
    try {
      script = (await proc.container.fs.readFile(resolvePath(proc.cwd, file))).toString('utf8');
    } catch (err) {
      return fail(`can't open '${file}': ${errorText(err)}`, 127);
    }
    state.name = file;
    state.positional = rest;
  } else {
    // Commands from stdin, run as they arrive (`wget -O- URL | sh`, `kubectl exec -i`). ash is
    // interactive with -i, or when stdin and stdout are both a terminal (`kubectl exec -it`).
    state.positional = rest;
    const interactive =
      interactiveFlag || (ttyOf(proc.stdin) !== undefined && ttyOf(proc.stdout) !== undefined);
    return commandLoop(proc, state, { interactive });
  }
  let list;
  try {
    list = parseScript(script);
  } catch (err) {
    if (err instanceof ShSyntaxError) return fail(err.message);
    throw err;
  }
  const shell = new Shell(proc, state);
  // ash runs a lone last command in place of itself (no fork): `sh -c 'sleep 9'` shows as `sleep 9`.
  const only = list.items.length === 1 ? list.items[0] : undefined;
  if (only && !only.background && only.andOr.rest.length === 0 && !only.andOr.first.bang) {
    const cmds = only.andOr.first.cmds;
    if (cmds.length === 1 && cmds[0]?.t === 'simple') shell.slot = proc.process;
  }
  return shell.runScript(list, proc);
};
