/**
 * `trap` as busybox ash has it (shell/ash.c trapcmd, dotrap, exitshell): EXIT runs when the shell
 * ends; a caught signal is noted when it arrives and its action runs once the foreground command
 * has finished (POSIX: never in the middle of one, so `trap … TERM; sleep 3600` waits for sleep).
 */
import type { ProcIO } from '../runtime/proc.ts';
import { write } from '../runtime/proc.ts';
import type { CatchableSignal } from '../types.ts';
import { parseScript, ShSyntaxError } from './parser.ts';
import type { Shell } from './shell.ts';
import { ExitSignal, LoopSignal, ReturnSignal } from './state.ts';

/** The conditions trap names, by number (the order `trap` lists them in), as busybox's signal table. */
const CONDITIONS: readonly [string, number][] = [
  ['EXIT', 0],
  ['HUP', 1],
  ['INT', 2],
  ['QUIT', 3],
  ['KILL', 9],
  ['USR1', 10],
  ['USR2', 12],
  ['PIPE', 13],
  ['ALRM', 14],
  ['TERM', 15],
  ['CHLD', 17],
];

const CATCHABLE: ReadonlySet<string> = new Set(['HUP', 'INT', 'QUIT', 'TERM', 'USR1', 'USR2']);

/** busybox get_signum: a number, or a name with or without SIG, any case. */
function conditionName(arg: string): string | undefined {
  if (/^\d+$/.test(arg)) return CONDITIONS.find(([, n]) => n === Number(arg))?.[0];
  const name = arg.toUpperCase().replace(/^SIG/, '');
  return CONDITIONS.some(([n]) => n === name) ? name : undefined;
}

const quote = (v: string) => `'${v.replace(/'/g, `'"'"'`)}'`;

/**
 * Points this process's signal disposition at the shell's trap (ash's setsignal). Only the shell
 * process itself does: a subshell is another process on Linux, and kubelab signals only pid 1.
 */
function setSignal(sh: Shell, name: string, action: string | undefined): void {
  if (sh.isSubshell || !CATCHABLE.has(name)) return;
  const sig = `SIG${name}` as CatchableSignal;
  const pending = sh.state.pendingTraps;
  sh.proc.process.onSignal(
    sig,
    action === undefined ? undefined : action === '' ? () => undefined : () => pending.add(name),
  );
}

/** `trap`, `trap ACTION COND...`, `trap - COND...`, `trap '' COND...`, `trap N...` (reset). */
export function trap(sh: Shell, argv: string[], io: ProcIO): number {
  const args = argv.slice(1);
  if (args[0] === '--') args.shift();
  const traps = sh.state.traps;
  if (args.length === 0) {
    for (const [name] of CONDITIONS) {
      const action = traps.get(name);
      if (action !== undefined) write(io.stdout, `trap -- ${quote(action)} ${name}\n`);
    }
    return 0;
  }
  let action: string | undefined;
  if (args.length > 1 && !/^\d+$/.test(args[0] as string)) action = args.shift();
  if (action === '-') action = undefined;
  let status = 0;
  for (const arg of args) {
    const name = conditionName(arg);
    if (name === undefined) {
      sh.error(io, `trap: ${arg}: invalid signal specification`);
      status = 1;
      continue;
    }
    if (action === undefined) traps.delete(name);
    else traps.set(name, action);
    setSignal(sh, name, action);
  }
  return status;
}

/** Runs a trap's action; `$?` is what it was before, unless the action exits. */
async function runAction(sh: Shell, action: string, io: ProcIO): Promise<void> {
  const saved = sh.state.status;
  try {
    await sh.runList(parseScript(action), io);
  } catch (err) {
    if (err instanceof ShSyntaxError) sh.error(io, err.message);
    else if (!(err instanceof ReturnSignal || err instanceof LoopSignal)) throw err;
  }
  sh.state.status = saved;
}

/** After a command: the actions of signals caught meanwhile (ash's dotrap). */
export async function runPendingTraps(sh: Shell, io: ProcIO): Promise<void> {
  const pending = sh.state.pendingTraps;
  for (const name of [...pending]) {
    pending.delete(name);
    const action = sh.state.traps.get(name);
    if (action) await runAction(sh, action, io);
  }
}

/** When the shell (or a subshell) ends with `code`: the EXIT trap, once; an `exit N` in it wins. */
export async function runExitTrap(sh: Shell, code: number, io: ProcIO): Promise<number> {
  const action = sh.state.traps.get('EXIT');
  if (!action) return code;
  sh.state.traps.delete('EXIT');
  sh.state.status = code;
  try {
    await runAction(sh, action, io);
  } catch (err) {
    if (err instanceof ExitSignal) return err.code;
    throw err;
  }
  return code;
}
