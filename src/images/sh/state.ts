import type { Command } from './ast.ts';

/** A shell's variables, options and control-flow signals; forks copy it, as a subshell does. */

export interface Var {
  value: string;
  exported: boolean;
}

export interface ShellOptions {
  errexit: boolean;
  xtrace: boolean;
  pipefail: boolean;
  noglob: boolean;
}

export class ShellState {
  vars = new Map<string, Var>();
  cwd = '/';
  status = 0;
  positional: string[] = [];
  functions = new Map<string, Command>();
  name = 'sh';
  options: ShellOptions = { errexit: false, xtrace: false, pipefail: false, noglob: false };
  /** `trap` actions by condition (EXIT, TERM…); '' means ignored. */
  traps = new Map<string, string>();
  /** Signals caught while a command ran; their actions run when it has finished. */
  pendingTraps = new Set<string>();

  static fromEnv(env: Readonly<Record<string, string>>, cwd: string): ShellState {
    const s = new ShellState();
    for (const [k, v] of Object.entries(env)) s.vars.set(k, { value: v, exported: true });
    s.cwd = cwd;
    if (!s.vars.has('PWD')) s.vars.set('PWD', { value: cwd, exported: true });
    return s;
  }

  clone(): ShellState {
    const s = new ShellState();
    for (const [k, v] of this.vars) s.vars.set(k, { ...v });
    s.cwd = this.cwd;
    s.status = this.status;
    s.positional = [...this.positional];
    s.functions = new Map(this.functions);
    s.name = this.name;
    s.options = { ...this.options };
    // A subshell keeps ignored signals ignored; other traps go back to the default (POSIX).
    for (const [k, v] of this.traps) if (v === '') s.traps.set(k, v);
    return s;
  }

  get(name: string): string | undefined {
    return this.vars.get(name)?.value;
  }

  set(name: string, value: string, exported?: boolean): void {
    const old = this.vars.get(name);
    this.vars.set(name, { value, exported: exported ?? old?.exported ?? false });
  }

  exportedEnv(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [k, v] of this.vars) if (v.exported) env[k] = v.value;
    return env;
  }

  /** `$-`: the single-letter options that are on. */
  flags(): string {
    return (
      (this.options.errexit ? 'e' : '') + (this.options.noglob ? 'f' : '') + (this.options.xtrace ? 'x' : '')
    );
  }
}

/** `exit N` (and fatal errors): unwinds to the shell process or the enclosing subshell. */
export class ExitSignal extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** `return N` from a function. */
export class ReturnSignal extends Error {
  constructor(readonly code: number) {
    super(`return ${code}`);
  }
}

/** `break N` / `continue N`. */
export class LoopSignal extends Error {
  constructor(
    readonly kind: 'break' | 'continue',
    public levels: number,
  ) {
    super(kind);
  }
}
