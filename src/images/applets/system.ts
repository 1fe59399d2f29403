/** System applets: env, hostname, id, whoami, uname, date, pwd, true, false, sleep. */
import { machine, release, version } from 'node:os';
import { AbortedError, write } from '../runtime/proc.ts';
import type { Applet } from '../runtime/proc.ts';
import { realClock } from '../../core/index.ts';
import { fail, options } from './util.ts';

export const trueApplet: Applet = () => 0;
export const falseApplet: Applet = () => 1;

export const pwd: Applet = (proc) => {
  write(proc.stdout, `${proc.cwd}\n`);
  return 0;
};

export const env: Applet = async (proc) => {
  const args = proc.argv.slice(1);
  let vars: Record<string, string> = { ...proc.env };
  while (args.length > 0) {
    const a = args[0] as string;
    if (a === '-i' || a === '-') vars = {};
    else if (a === '-u' && args[1] !== undefined) delete vars[args.splice(1, 1)[0] as string];
    else if (/^[^=-][^=]*=/.test(a)) {
      const eq = a.indexOf('=');
      vars[a.slice(0, eq)] = a.slice(eq + 1);
    } else break;
    args.shift();
  }
  if (args.length === 0) {
    for (const [k, v] of Object.entries(vars)) write(proc.stdout, `${k}=${v}\n`);
    return 0;
  }
  const run = proc.spawn(args, { ...proc, env: vars, cwd: proc.cwd, ppid: proc.pid });
  return run ?? fail(proc, `can't execute '${args[0]}': No such file or directory`, 127);
};

export const hostname: Applet = (proc) => {
  const o = options(proc, { flags: 'isfdF' });
  if (typeof o === 'number') return o;
  const c = proc.container;
  write(
    proc.stdout,
    `${o.flags.has('i') ? c.podIP : o.flags.has('s') ? c.hostname.split('.')[0] : c.hostname}\n`,
  );
  return 0;
};

export const whoami: Applet = (proc) => {
  write(proc.stdout, 'root\n');
  return 0;
};

export const id: Applet = (proc) => {
  const o = options(proc, { flags: 'ugnrG' });
  if (typeof o === 'number') return o;
  const n = o.flags.has('n');
  const text =
    o.flags.has('u') || o.flags.has('g')
      ? n
        ? 'root'
        : '0'
      : o.flags.has('G')
        ? n
          ? 'root wheel'
          : '0 10'
        : 'uid=0(root) gid=0(root) groups=0(root),10(wheel)';
  write(proc.stdout, `${text}\n`);
  return 0;
};

/** Containers share the node's kernel, so uname shows the host's release, as on a real node. */
export const uname: Applet = (proc) => {
  const o = options(proc, { flags: 'asnrvmpio' });
  if (typeof o === 'number') return o;
  const fields: [string, string][] = [
    ['s', 'Linux'],
    ['n', proc.container.hostname],
    ['r', release()],
    ['v', version()],
    ['m', machine()],
    ['o', 'GNU/Linux'],
  ];
  const all = o.flags.has('a');
  const chosen = fields.filter(([k]) => all || o.flags.has(k));
  write(
    proc.stdout,
    `${(chosen.length ? chosen : [fields[0] as [string, string]]).map(([, v]) => v).join(' ')}\n`,
  );
  return 0;
};

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** strftime for the conversions scripts use; containers run in UTC. */
export function strftime(format: string, t: Date): string {
  const p2 = (n: number) => String(n).padStart(2, '0');
  const map: Record<string, () => string> = {
    Y: () => String(t.getUTCFullYear()),
    m: () => p2(t.getUTCMonth() + 1),
    d: () => p2(t.getUTCDate()),
    e: () => String(t.getUTCDate()).padStart(2),
    H: () => p2(t.getUTCHours()),
    M: () => p2(t.getUTCMinutes()),
    S: () => p2(t.getUTCSeconds()),
    s: () => String(Math.floor(t.getTime() / 1000)),
    a: () => DAYS[t.getUTCDay()] as string,
    b: () => MONTHS[t.getUTCMonth()] as string,
    Z: () => 'UTC',
    z: () => '+0000',
    F: () => `${map.Y?.()}-${map.m?.()}-${map.d?.()}`,
    T: () => `${map.H?.()}:${map.M?.()}:${map.S?.()}`,
    n: () => '\n',
    '%': () => '%',
  };
  return format.replace(/%(.)/g, (m, c: string) => map[c]?.() ?? m);
}

export const date: Applet = (proc) => {
  const o = options(proc, { flags: 'uR', withArg: 'dDr' });
  if (typeof o === 'number') return o;
  const now = proc.container.clock?.now() ?? new Date();
  const fmt = o.operands.find((a) => a.startsWith('+'));
  if (o.operands.some((a) => !a.startsWith('+')))
    return fail(proc, "can't set date: Operation not permitted");
  const text = fmt
    ? strftime(fmt.slice(1), now)
    : o.flags.has('R')
      ? strftime('%a, %d %b %Y %T +0000', now)
      : strftime('%a %b %e %T %Z %Y', now);
  write(proc.stdout, `${text}\n`);
  return 0;
};

/** Seconds from busybox sleep's argument: decimals and the s/m/h/d suffixes, summed over operands. */
export function sleepSeconds(args: readonly string[]): number | undefined {
  let total = 0;
  for (const a of args) {
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) return undefined;
    total += Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as string] as number);
  }
  return total;
}

export const sleep: Applet = async (proc) => {
  const args = proc.argv.slice(1);
  const seconds = sleepSeconds(args);
  if (args.length === 0) return fail(proc, 'usage: sleep [N]...');
  if (seconds === undefined)
    return fail(proc, `invalid number '${args.find((a) => sleepSeconds([a]) === undefined)}'`);
  const clock = proc.container.clock ?? realClock;
  await new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      timer.cancel();
      reject(new AbortedError());
    };
    const timer = clock.setTimeout(() => {
      proc.signal.removeEventListener('abort', onAbort);
      resolve();
    }, seconds * 1000);
    if (proc.signal.aborted) onAbort();
    else proc.signal.addEventListener('abort', onAbort, { once: true });
  });
  return 0;
};
