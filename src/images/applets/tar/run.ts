/** What create and extract share: the run's settings, its messages, and busybox's member-name rule. */
import { write } from '../../runtime/proc.ts';
import type { Proc } from '../../runtime/proc.ts';

/** Shared by create and extract: where messages go and how the run is doing. */
export interface TarRun {
  proc: Proc;
  /** Directory that relative member names and operands are taken from (`-C`). */
  dir: string;
  verbose: boolean;
  /** Set once an error was reported that does not stop the run (busybox's delayed error exit). */
  failed: boolean;
  /** busybox warns about stripped prefixes once per run. */
  warnedPrefix: boolean;
}

export function tarError(run: TarRun, message: string): void {
  write(run.proc.stderr, `tar: ${message}\n`);
}

/**
 * Member names never start with `/` or climb with `..` (archival/libarchive/unsafe_prefix.c), and
 * busybox says so once: `tar: removing leading '/' from member names`.
 */
export function stripUnsafePrefix(run: TarRun, name: string): string {
  let cp = 0;
  for (;;) {
    if (name[cp] === '/') cp++;
    else if (name.startsWith('../', cp)) cp += 3;
    else {
      const k = name.indexOf('/../', cp);
      if (k < 0) break;
      cp = k + 4;
    }
  }
  if (cp > 0 && !run.warnedPrefix) {
    run.warnedPrefix = true;
    tarError(run, `removing leading '${name.slice(0, cp)}' from member names`);
  }
  return name.slice(cp);
}

/** An error busybox dies of (bb_error_msg_and_die): the message, then exit 1. */
export class TarFatal extends Error {
  override name = 'TarFatal';
}
