/** The shell interpreter: runs a parsed script with busybox ash's semantics for status and errors. */
import { PassThrough, Writable } from 'node:stream';
import { errorText } from '../errors.ts';
import { resolvePath } from '../fs/paths.ts';
import { AbortedError, BrokenPipeError, write, wroteToClosedPipe } from '../runtime/proc.ts';
import type { Proc, ProcIO } from '../runtime/proc.ts';
import { yieldSlice } from '../runtime/slice.ts';
import type { ProcessHandle } from '../types.ts';
import type { AndOr, Command, List, Pipeline } from './ast.ts';
import { BUILTINS } from './builtins.ts';
import { expandPattern, expandString, expandWords, ExpandError } from './expand.ts';
import { componentRegExp } from './glob.ts';
import type { ExpandHost } from './expand.ts';
import { applyRedirects, RedirectError } from './redirect.ts';
import { runExitTrap, runPendingTraps } from './trap.ts';
import type { ShellState } from './state.ts';
import { ExitSignal, LoopSignal, ReturnSignal } from './state.ts';

/** kubelab's limit on nested function calls (bash's FUNCNEST, which ash lacks). */
export const MAX_FUNCTION_DEPTH = 1000;

export class Shell implements ExpandHost {
  /** Depth of contexts where `set -e` does not apply (if/while conditions, left of && ||, after !). */
  #noErrexit = 0;
  #loops = 0;
  /** Nested function calls running now; a fork carries it on, so `f(){ (f); }` is bounded too. */
  #calls = 0;
  #forked = false;
  /** A forked process entry the next executable runs in (exec after fork), if any. */
  slot: ProcessHandle | undefined;
  /** Status of the last command substitution, which a bare assignment returns. */
  #subStatus = 0;

  constructor(
    readonly proc: Proc,
    readonly state: ShellState,
  ) {}

  get pid(): number {
    return this.proc.pid;
  }

  get fs() {
    return this.proc.container.fs;
  }

  /** A subshell: same process, copied state. */
  fork(): Shell {
    const sub = new Shell(this.proc, this.state.clone());
    sub.#calls = this.#calls;
    sub.#forked = true;
    return sub;
  }

  /** A subshell, pipeline stage or `$(…)`: a process of its own on Linux, which no signal reaches here. */
  get isSubshell(): boolean {
    return this.#forked;
  }

  get loopDepth(): number {
    return this.#loops;
  }

  error(io: ProcIO, message: string): void {
    write(io.stderr, `${this.state.name}: ${message}\n`);
  }

  async runList(list: List, io: ProcIO): Promise<number> {
    for (const item of list.items) {
      if (item.background) {
        // Runs on, like `cmd &`; its output still reaches the same streams.
        void this.fork()
          .#andOr(item.andOr, io)
          .catch(() => undefined);
        this.state.status = 0;
        continue;
      }
      this.state.status = await this.#andOr(item.andOr, io);
    }
    return this.state.status;
  }

  async #andOr(node: AndOr, io: ProcIO): Promise<number> {
    const chain = [{ op: '&&' as const, pipeline: node.first }, ...node.rest];
    let status = 0;
    for (let k = 0; k < chain.length; k++) {
      const { op, pipeline } = chain[k] as (typeof chain)[number];
      if (k > 0 && (op === '&&') !== (status === 0)) continue;
      const last = k === chain.length - 1;
      if (!last) this.#noErrexit++;
      try {
        status = await this.#pipeline(pipeline, io);
      } finally {
        if (!last) this.#noErrexit--;
      }
      this.state.status = status;
      if (last && status !== 0 && !pipeline.bang && this.state.options.errexit && this.#noErrexit === 0) {
        throw new ExitSignal(status);
      }
    }
    return status;
  }

  async #pipeline(p: Pipeline, io: ProcIO): Promise<number> {
    if (p.bang) this.#noErrexit++;
    try {
      const status =
        p.cmds.length === 1 ? await this.command(p.cmds[0] as Command, io) : await this.#pipe(p.cmds, io);
      return p.bang ? Number(status === 0) : status;
    } finally {
      if (p.bang) this.#noErrexit--;
    }
  }

  /** Every stage runs at once in a subshell, joined by pipes; the status is the last stage's. */
  async #pipe(cmds: Command[], io: ProcIO): Promise<number> {
    const pipes = cmds.slice(1).map(() => new PassThrough());
    // Every stage is forked before any runs, so `ps` in one stage sees all of them, as on Linux.
    const forks = cmds.map(() => this.proc.container.processes.spawn(this.proc.argv, this.pid));
    const codes = await Promise.all(
      cmds.map(async (cmd, k) => {
        const stdin = k === 0 ? io.stdin : (pipes[k - 1] as PassThrough);
        const stdout = k === cmds.length - 1 ? io.stdout : (pipes[k] as PassThrough);
        const stage = this.fork();
        if (cmd.t === 'simple') stage.slot = forks[k];
        try {
          const stageIO = { stdin, stdout, stderr: io.stderr };
          return await stage.subshell(stageIO, (sh) => sh.command(cmd, stageIO));
        } finally {
          forks[k]?.exit();
          if (k < cmds.length - 1) (pipes[k] as PassThrough).end();
          // The reader is gone: the pipe closes, so a writer still at it sees EPIPE (seq dies of
          // SIGPIPE) or has its output discarded (the write helper ignores a closed stream).
          if (k > 0) (pipes[k - 1] as PassThrough).destroy();
        }
      }),
    );
    if (this.state.options.pipefail) return [...codes].reverse().find((c) => c !== 0) ?? 0;
    return codes[codes.length - 1] as number;
  }

  /** Runs `fn` as a subshell: `exit` ends only it, then its EXIT trap runs (output to `io`). */
  async subshell(io: ProcIO, fn: (sh: Shell) => Promise<number>): Promise<number> {
    let code: number;
    try {
      code = await fn(this);
    } catch (err) {
      if (err instanceof ExitSignal || err instanceof ReturnSignal) code = err.code;
      else if (err instanceof LoopSignal) code = this.state.status;
      // Killed by SIGPIPE: the default action, no EXIT trap.
      else if (err instanceof BrokenPipeError) return 141;
      else throw err;
    }
    return runExitTrap(this, code, io);
  }

  async command(cmd: Command, io: ProcIO): Promise<number> {
    // Every command is a point where a busy script lets kubelab run and a SIGKILL ends it.
    await yieldSlice(this.proc.signal);
    const status = await this.#command(cmd, io);
    // Output went to a pipe nobody reads any more: in ash the write (echo is a builtin there) kills
    // the shell process with SIGPIPE, so `while :; do echo x; done | head -1` ends.
    if (wroteToClosedPipe(io.stdout)) throw new BrokenPipeError();
    // A signal caught while the command ran: its trap runs now, as ash's dotrap after each command.
    if (this.state.pendingTraps.size > 0) {
      this.state.status = status;
      await runPendingTraps(this, io);
    }
    return status;
  }

  async #command(cmd: Command, io: ProcIO): Promise<number> {
    if (cmd.t === 'simple') return this.#simple(cmd, io);
    const r = await this.#redirect(cmd.redirs, io);
    if (typeof r === 'number') return r;
    try {
      return await this.#compound(cmd, r.io);
    } finally {
      await r.close();
    }
  }

  async #redirect(redirs: Command['redirs'], io: ProcIO) {
    try {
      return await applyRedirects(this, redirs, io);
    } catch (err) {
      if (!(err instanceof RedirectError)) throw err;
      this.error(io, err.message);
      return 1;
    }
  }

  async #compound(cmd: Exclude<Command, { t: 'simple' }>, io: ProcIO): Promise<number> {
    switch (cmd.t) {
      case 'group':
        return cmd.subshell
          ? this.fork().subshell(io, (sh) => sh.runList(cmd.body, io))
          : this.runList(cmd.body, io);
      case 'func':
        this.state.functions.set(cmd.name, cmd.body);
        return 0;
      case 'case': {
        const value = await expandString(this, cmd.word, io);
        for (const item of cmd.items) {
          for (const p of item.patterns) {
            if (componentRegExp(await expandPattern(this, p, io), true).test(value))
              return this.runList(item.body, io);
          }
        }
        return 0;
      }
      case 'if': {
        for (const c of cmd.clauses) {
          if ((await this.#condition(c.cond, io)) === 0) return this.runList(c.body, io);
        }
        return cmd.otherwise ? this.runList(cmd.otherwise, io) : 0;
      }
      case 'for': {
        const items = cmd.items ? await expandWords(this, cmd.items, io) : [...this.state.positional];
        let status = 0;
        for (const item of items) {
          this.state.set(cmd.name, item);
          const r = await this.#loopBody(cmd.body, io);
          status = r.status;
          if (r.stop) break;
        }
        return status;
      }
      case 'while': {
        let status = 0;
        for (;;) {
          const c = await this.#condition(cmd.cond, io);
          if ((c === 0) === cmd.until) break;
          const r = await this.#loopBody(cmd.body, io);
          status = r.status;
          if (r.stop) break;
        }
        return status;
      }
    }
  }

  async #condition(list: List, io: ProcIO): Promise<number> {
    this.#noErrexit++;
    try {
      return await this.runList(list, io);
    } finally {
      this.#noErrexit--;
    }
  }

  async #loopBody(body: List, io: ProcIO): Promise<{ status: number; stop: boolean }> {
    await yieldSlice(this.proc.signal);
    this.#loops++;
    try {
      return { status: await this.runList(body, io), stop: false };
    } catch (err) {
      if (!(err instanceof LoopSignal)) throw err;
      if (--err.levels > 0) throw err;
      return { status: 0, stop: err.kind === 'break' };
    } finally {
      this.#loops--;
    }
  }

  async #simple(cmd: Extract<Command, { t: 'simple' }>, io: ProcIO): Promise<number> {
    this.#subStatus = 0;
    const argv = await expandWords(this, cmd.words, io);
    const assigns: [string, string][] = [];
    for (const a of cmd.assigns) assigns.push([a.name, await expandString(this, a.value, io)]);
    const r = await this.#redirect(cmd.redirs, io);
    if (typeof r === 'number') return r;
    try {
      if (argv.length === 0) {
        for (const [k, v] of assigns) this.state.set(k, v);
        // The status of a bare assignment is that of its last command substitution.
        return this.#subStatus;
      }
      if (this.state.options.xtrace) write(r.io.stderr, `+ ${argv.join(' ')}\n`);
      const builtin = BUILTINS.get(argv[0] as string);
      if (builtin) {
        for (const [k, v] of assigns) this.state.set(k, v);
        return await builtin(this, argv, r.io);
      }
      const fn = this.state.functions.get(argv[0] as string);
      if (fn) return await this.#call(argv[0] as string, fn, argv.slice(1), r.io);
      const env = { ...this.state.exportedEnv(), ...Object.fromEntries(assigns) };
      return await this.exec(argv, env, r.io);
    } finally {
      await r.close();
    }
  }

  /**
   * A function call: its own positional parameters, `return` ends it. ash recurses until its C stack
   * overflows (`f(){ f; }; f` dies with SIGSEGV); kubelab stops at MAX_FUNCTION_DEPTH nested calls
   * with its own message instead, so a runaway recursion cannot eat kubelab's memory.
   */
  async #call(name: string, body: Command, args: string[], io: ProcIO): Promise<number> {
    await yieldSlice(this.proc.signal);
    if (this.#calls >= MAX_FUNCTION_DEPTH) {
      this.error(io, `${name}: maximum function nesting level exceeded (${MAX_FUNCTION_DEPTH})`);
      throw new ExitSignal(2);
    }
    const saved = this.state.positional;
    this.state.positional = args;
    this.#calls++;
    try {
      return await this.command(body, io);
    } catch (err) {
      if (err instanceof ReturnSignal) return err.code;
      throw err;
    } finally {
      this.#calls--;
      this.state.positional = saved;
    }
  }

  /** Runs an executable of the image, or a script by path; 127 when there is no such command. */
  async exec(argv: string[], env: Record<string, string>, io: ProcIO): Promise<number> {
    const spawnOpts = {
      ...io,
      env,
      cwd: this.state.cwd,
      ppid: this.pid,
      process: this.slot,
      signal: this.proc.signal,
    };
    this.slot = undefined;
    const run = this.proc.spawn(argv, spawnOpts);
    if (run) return run;
    const name = argv[0] as string;
    if (!name.includes('/')) {
      this.error(io, `${name}: not found`);
      return 127;
    }
    const path = resolvePath(this.state.cwd, name);
    const st = await this.fs.stat(path).catch(() => undefined);
    if (!st) {
      this.error(io, `${name}: not found`);
      return 127;
    }
    if (st.kind === 'dir' || (st.mode & 0o111) === 0) {
      this.error(io, `${name}: Permission denied`);
      return 126;
    }
    // A script: its #! interpreter if the image has it, else sh (as execve falls back to sh in ash).
    const text = (await this.fs.readFile(path)).toString('utf8');
    const shebang = /^#!\s*(\S+)(?:[ \t]+(\S+))?/.exec(text);
    const interp = shebang ? [shebang[1] as string, ...(shebang[2] ? [shebang[2]] : [])] : ['sh'];
    const viaInterp = this.proc.spawn([...interp, name, ...argv.slice(1)], spawnOpts);
    if (viaInterp) return viaInterp;
    this.error(io, `${name}: not found`);
    return 127;
  }

  /** `$(…)`: runs in a subshell and captures its output without trailing newlines. */
  async commandSub(body: List, io: ProcIO): Promise<string> {
    const chunks: Buffer[] = [];
    const capture = new Writable({
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk);
        done();
      },
    });
    const subIO = { ...io, stdout: capture };
    this.#subStatus = await this.fork().subshell(subIO, (sh) => sh.runList(body, subIO));
    return Buffer.concat(chunks).toString('utf8').replace(/\n+$/, '');
  }

  /** Runs a whole script: what `sh -c`, `sh FILE` and `sh < script` do. Fatal errors end it. */
  async runScript(list: List, io: ProcIO): Promise<number> {
    return runExitTrap(this, await this.#script(list, io), io);
  }

  async #script(list: List, io: ProcIO): Promise<number> {
    return (await this.evalCommand(list, io)).status;
  }

  /**
   * One command read from the input (ash's evaltree from cmdloop). `end` says the shell ends here:
   * `exit` (and `set -e`) end even an interactive shell; an error (a failed expansion such as
   * `${x?}`) ends a script but only the command in an interactive shell, whose status is then 2.
   */
  async evalCommand(list: List, io: ProcIO): Promise<{ status: number; end?: 'exit' | 'error' }> {
    try {
      return { status: await this.runList(list, io) };
    } catch (err) {
      if (err instanceof ExitSignal || err instanceof ReturnSignal) return { status: err.code, end: 'exit' };
      if (err instanceof LoopSignal) return { status: this.state.status };
      if (err instanceof AbortedError || err instanceof BrokenPipeError) throw err;
      this.error(io, err instanceof ExpandError ? err.message : errorText(err));
      this.state.status = 2;
      return { status: 2, end: 'error' };
    }
  }
}
