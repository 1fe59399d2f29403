/** A container's process table: what `ps` lists, pid 1 first, every running applet included; signals by pid. */
import type { CatchableSignal, ProcessInfo, ProcessTable } from './types.ts';

export function createProcessTable(now: () => Date = () => new Date()): ProcessTable {
  const running = new Map<number, ProcessInfo>();
  const handlers = new Map<number, Map<CatchableSignal, () => void>>();
  let lastPid = 0;
  return {
    spawn(argv, ppid = 0) {
      const pid = ++lastPid;
      const info: ProcessInfo = { pid, ppid, user: 'root', argv: [...argv], startedAt: now() };
      running.set(pid, info);
      return {
        pid,
        exec: (next) => {
          info.argv = [...next];
          handlers.delete(pid);
        },
        onSignal(sig, handler) {
          if (!running.has(pid)) return;
          const mine = handlers.get(pid) ?? new Map<CatchableSignal, () => void>();
          if (handler) mine.set(sig, handler);
          else mine.delete(sig);
          handlers.set(pid, mine);
        },
        exit: () => {
          running.delete(pid);
          handlers.delete(pid);
        },
      };
    },
    list: () => [...running.values()].sort((a, b) => a.pid - b.pid),
    kill(pid, sig) {
      if (!running.has(pid)) return false;
      handlers.get(pid)?.get(sig)?.();
      return true;
    },
  };
}
