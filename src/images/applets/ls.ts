/** busybox ls (-l -a -A -1 -d -h): one name per line when not on a terminal, as in `kubectl exec`. */
import { resolvePath } from '../fs/paths.ts';
import { write } from '../runtime/proc.ts';
import type { Applet, Proc } from '../runtime/proc.ts';
import type { FileInfo } from '../types.ts';
import { errorText, fail, options } from './util.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function modeString(info: FileInfo): string {
  const type = info.kind === 'dir' ? 'd' : info.kind === 'symlink' ? 'l' : info.kind === 'other' ? 'c' : '-';
  let s = type;
  for (let shift = 6; shift >= 0; shift -= 3) {
    const bits = (info.mode >> shift) & 7;
    s += (bits & 4 ? 'r' : '-') + (bits & 2 ? 'w' : '-') + (bits & 1 ? 'x' : '-');
  }
  return s;
}

/** busybox ls -l time: `Mon DD HH:MM` within six months, else `Mon DD  YYYY`. */
function timeString(t: Date, now: Date): string {
  const recent = Math.abs(now.getTime() - t.getTime()) < 182 * 24 * 3600 * 1000;
  const day = `${MONTHS[t.getUTCMonth()]} ${String(t.getUTCDate()).padStart(2)}`;
  const tail = recent
    ? `${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}`
    : ` ${t.getUTCFullYear()}`;
  return `${day} ${tail}`;
}

function longLine(proc: Proc, name: string, info: FileInfo): string {
  const now = proc.container.clock?.now() ?? new Date();
  const links = info.kind === 'dir' ? 2 : 1;
  return `${modeString(info)} ${String(links).padStart(4)} root     root     ${String(info.size).padStart(9)} ${timeString(info.mtime, now)} ${name}\n`;
}

export const ls: Applet = async (proc) => {
  const o = options(proc, { flags: 'laA1dhFR' });
  if (typeof o === 'number') return o;
  const fs = proc.container.fs;
  const operands = o.operands.length ? o.operands : ['.'];
  const long = o.flags.has('l');
  const show = (name: string, info: FileInfo) =>
    write(
      proc.stdout,
      long ? longLine(proc, name, info) : `${name}${o.flags.has('F') && info.kind === 'dir' ? '/' : ''}\n`,
    );
  let status = 0;
  const dirs: string[] = [];
  for (const op of operands) {
    const path = resolvePath(proc.cwd, op);
    try {
      const info = await fs.stat(path);
      if (info.kind === 'dir' && !o.flags.has('d')) dirs.push(op);
      else show(op, info);
    } catch (err) {
      status = fail(proc, `${op}: ${errorText(err)}`);
    }
  }
  const headers = operands.length > 1;
  for (const [k, op] of dirs.entries()) {
    const path = resolvePath(proc.cwd, op);
    if (headers) write(proc.stdout, `${k > 0 || dirs.length < operands.length ? '\n' : ''}${op}:\n`);
    const entries = await fs.readdir(path);
    const names = entries
      .map((e) => e.name)
      .filter((n) => o.flags.has('a') || o.flags.has('A') || !n.startsWith('.'));
    if (o.flags.has('a')) names.unshift('.', '..');
    if (long) {
      const infos = await Promise.all(names.map((n) => fs.stat(resolvePath(path, n)).catch(() => undefined)));
      const blocks = infos.reduce((sum, i) => sum + Math.ceil((i?.size ?? 0) / 1024), 0);
      write(proc.stdout, `total ${blocks}\n`);
      names.forEach((n, i) => {
        const info = infos[i];
        if (info) show(n, info);
      });
    } else for (const n of names) write(proc.stdout, `${n}\n`);
  }
  return status;
};
