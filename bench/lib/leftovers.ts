/**
 * The last line of cleanup: processes whose command line names the benchmark's own temp root (a kubelab
 * started on one of its data dirs, a `kubelab up` still waiting) are ours; stop them by pid.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Pids (other than this process) whose command line contains `marker`; empty where /proc is absent. */
export function pidsNaming(marker: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) pids.push(Number(entry));
    } catch {
      // exited meanwhile, or not ours to read
    }
  }
  return pids;
}

/** Alive and not a zombie: a child of ours that exited stays a zombie while this loop blocks reaping. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** SIGTERM each process naming `marker`, wait up to `graceMs` (synchronously), then SIGKILL what is left. */
export function stopProcessesNaming(marker: string, graceMs = 5000): void {
  const pids = pidsNaming(marker);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // gone already
    }
  }
  const deadline = Date.now() + graceMs;
  while (pids.some(alive) && Date.now() < deadline) pause(50);
  for (const pid of pids.filter(alive)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
}
