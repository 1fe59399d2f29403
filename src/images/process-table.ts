/** A container's process table: what `ps` lists, pid 1 first, every running applet included. */
import type { ProcessInfo, ProcessTable } from './types.ts';

export function createProcessTable(now: () => Date = () => new Date()): ProcessTable {
  const running = new Map<number, ProcessInfo>();
  let lastPid = 0;
  return {
    spawn(argv, ppid = 0) {
      const pid = ++lastPid;
      const info: ProcessInfo = { pid, ppid, user: 'root', argv: [...argv], startedAt: now() };
      running.set(pid, info);
      return {
        pid,
        exec: (next) => void (info.argv = [...next]),
        exit: () => void running.delete(pid),
      };
    },
    list: () => [...running.values()].sort((a, b) => a.pid - b.pid),
  };
}
