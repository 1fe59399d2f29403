/**
 * busybox ps: the container's processes (it runs in the container's PID namespace), itself included.
 * Columns and widths from busybox procps/ps.c (out_spec, format_header, format_process): the default
 * is `-o pid,user,time,args`; BSD-style operands such as `aux` are accepted and ignored.
 */
import { write } from '../runtime/proc.ts';
import type { Applet } from '../runtime/proc.ts';
import type { ProcessInfo } from '../types.ts';
import { fail, options } from './util.ts';

interface Column {
  width: number;
  header: string;
  value(p: ProcessInfo, now: Date): string;
}

/** busybox format_time for the 5-char TIME column; CPU time is not tracked, so it is 0:00. */
function mmss(seconds: number): string {
  const m = Math.floor(seconds / 60);
  return m < 60
    ? `${String(m).padStart(2)}:${String(seconds % 60).padStart(2, '0')}`
    : `${String(Math.floor(m / 60)).padStart(2)}h${String(m % 60).padStart(2, '0')}`;
}

const COLUMNS: Record<string, Column> = {
  pid: { width: 5, header: 'PID', value: (p) => String(p.pid).padStart(5) },
  ppid: { width: 5, header: 'PPID', value: (p) => String(p.ppid).padStart(5) },
  user: { width: 8, header: 'USER', value: (p) => p.user.slice(0, 8) },
  time: { width: 5, header: 'TIME', value: () => mmss(0) },
  etime: {
    width: 7,
    header: 'ELAPSED',
    value: (p, now) =>
      mmss(Math.max(0, Math.floor((now.getTime() - p.startedAt.getTime()) / 1000))).padStart(7),
  },
  comm: { width: 16, header: 'COMMAND', value: (p) => (p.argv[0] ?? '').replace(/.*\//, '').slice(0, 15) },
  args: { width: Infinity, header: 'COMMAND', value: (p) => p.argv.join(' ') },
  stat: { width: 4, header: 'STAT', value: () => 'S' },
};

export const ps: Applet = async (proc) => {
  const o = options(proc, { flags: 'ZaAdeflTw', withArg: 'o' });
  if (typeof o === 'number') return o;
  const spec = o.values.get('o') ?? 'pid,user,time,args';
  const cols: Column[] = [];
  for (const name of spec.split(',')) {
    const [key, header] = name.split('=', 2) as [string, string | undefined];
    const col = COLUMNS[key];
    if (!col)
      return fail(proc, `bad -o argument '${key}', supported arguments: ${Object.keys(COLUMNS).join(',')}`);
    cols.push(header === undefined ? col : { ...col, header });
  }
  const row = (cells: string[]) =>
    cells
      .map((c, k) => (k === cells.length - 1 ? c : c.padEnd(Math.min((cols[k] as Column).width, 1000)) + ' '))
      .join('');
  // Reading /proc takes a moment on a real node; meanwhile the other stages of a pipeline exec.
  await new Promise((resolve) => setImmediate(resolve));
  write(proc.stdout, row(cols.map((c) => c.header)) + '\n');
  const now = proc.container.clock?.now() ?? new Date();
  for (const p of proc.container.processes.list()) {
    write(proc.stdout, row(cols.map((c) => c.value(p, now) || '-')) + '\n');
  }
  return 0;
};
