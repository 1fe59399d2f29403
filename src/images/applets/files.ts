/** File applets: mkdir, rm, touch, with busybox's messages. */
import { resolvePath } from '../fs/paths.ts';
import type { Applet } from '../runtime/proc.ts';
import { errorText, fail, options } from './util.ts';

export const mkdir: Applet = async (proc) => {
  const o = options(proc, { flags: 'pv', withArg: 'm' });
  if (typeof o === 'number') return o;
  let status = 0;
  for (const d of o.operands) {
    await proc.container.fs
      .mkdir(resolvePath(proc.cwd, d), { parents: o.flags.has('p') })
      .catch((err: unknown) => {
        status = fail(proc, `can't create directory '${d}': ${errorText(err)}`);
      });
  }
  return status;
};

export const rm: Applet = async (proc) => {
  const o = options(proc, { flags: 'rRfiv' });
  if (typeof o === 'number') return o;
  const force = o.flags.has('f');
  let status = 0;
  for (const f of o.operands) {
    await proc.container.fs
      .remove(resolvePath(proc.cwd, f), { recursive: o.flags.has('r') || o.flags.has('R') })
      .catch((err: unknown) => {
        const code = (err as { code?: string }).code;
        if (force && code === 'ENOENT') return;
        status = fail(
          proc,
          code === 'EISDIR' ? `'${f}' is a directory` : `can't remove '${f}': ${errorText(err)}`,
        );
      });
  }
  return status;
};

export const touch: Applet = async (proc) => {
  const o = options(proc, { flags: 'ca', withArg: 'dtr' });
  if (typeof o === 'number') return o;
  let status = 0;
  for (const f of o.operands) {
    const path = resolvePath(proc.cwd, f);
    if (
      o.flags.has('c') &&
      !(await proc.container.fs.stat(path).then(
        () => true,
        () => false,
      ))
    )
      continue;
    await proc.container.fs.touch(path).catch((err: unknown) => {
      status = fail(proc, `${f}: ${errorText(err)}`);
    });
  }
  return status;
};
