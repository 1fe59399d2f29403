/** Shared helpers of the applets: getopt-style option parsing and file reading with busybox messages. */
import { errorText } from '../errors.ts';
import { resolvePath } from '../fs/paths.ts';
import { readAll, write } from '../runtime/proc.ts';
import type { Proc } from '../runtime/proc.ts';

export interface Parsed {
  flags: Set<string>;
  /** The last value of each option that takes one. */
  values: Map<string, string>;
  /** Every value of each option, for repeatable ones such as grep -e. */
  lists: Map<string, string[]>;
  operands: string[];
}

/**
 * Parses short options like busybox's getopt32: `flags` take no argument, `withArg` take one
 * (`-O file`, `-Ofile`); `long` maps long names to short letters. Returns an error text for
 * an unknown option.
 */
export function parseOptions(
  args: readonly string[],
  spec: { flags?: string; withArg?: string; long?: Record<string, string> },
): Parsed | { error: string } {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const set = (c: string, v: string) => {
    values.set(c, v);
    lists.set(c, [...(lists.get(c) ?? []), v]);
  };
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && spec.long) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      const short = spec.long[name];
      if (!short) return { error: `unrecognized option '${a}'` };
      if (spec.withArg?.includes(short)) {
        const v = inline ?? args[++i];
        if (v === undefined) return { error: `option '${a}' requires an argument` };
        set(short, v);
      } else flags.add(short);
      continue;
    }
    if (!a.startsWith('-') || a === '-') {
      operands.push(a);
      continue;
    }
    for (let k = 1; k < a.length; k++) {
      const c = a[k] as string;
      if (spec.withArg?.includes(c)) {
        const v = k + 1 < a.length ? a.slice(k + 1) : args[++i];
        if (v === undefined) return { error: `option requires an argument -- '${c}'` };
        set(c, v);
        break;
      }
      if (!spec.flags?.includes(c)) return { error: `unrecognized option: ${c}` };
      flags.add(c);
    }
  }
  return { flags, values, lists, operands };
}

export function name(proc: Proc): string {
  const a = proc.argv[0] ?? '';
  return a.slice(a.lastIndexOf('/') + 1);
}

/** Prints `NAME: message` on stderr and returns `code`. */
export function fail(proc: Proc, message: string, code = 1): number {
  write(proc.stderr, `${name(proc)}: ${message}\n`);
  return code;
}

/** Options or the busybox usage failure (exit 1) when they do not parse. */
export function options(proc: Proc, spec: Parameters<typeof parseOptions>[1]): Parsed | number {
  const p = parseOptions(proc.argv.slice(1), spec);
  return 'error' in p ? fail(proc, p.error) : p;
}

/** The contents of an operand (`-` is stdin), or the error text to print. */
export async function readOperand(proc: Proc, operand: string): Promise<Buffer | { error: unknown }> {
  if (operand === '-') return readAll(proc.stdin, proc.signal);
  try {
    return await proc.container.fs.readFile(resolvePath(proc.cwd, operand));
  } catch (error) {
    return { error };
  }
}

export { errorText };

/** Splits text into lines without their newlines (a final newline ends the last line). */
export function lines(text: string): string[] {
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}
