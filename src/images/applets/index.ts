/** The busybox applet set that every built-in image carries, by name. */
import { sh } from '../sh/applet.ts';
import { write } from '../runtime/proc.ts';
import type { Applet } from '../runtime/proc.ts';
import { curl } from './curl.ts';
import { basename, cut, dirname, seq, sort, tee, tr, uniq } from './filters.ts';
import { cat, head, tail, wc } from './text.ts';
import { echo, printf } from './echo.ts';
import { mkdir, rm, touch } from './files.ts';
import { grep } from './grep.ts';
import { ls } from './ls.ts';
import { nslookup } from './nslookup.ts';
import { ps } from './ps.ts';
import { date, env, falseApplet, hostname, id, pwd, sleep, trueApplet, uname, whoami } from './system.ts';
import { tar } from './tar/index.ts';
import { test } from './test.ts';
import { wget } from './wget.ts';

const APPLETS: [string, Applet][] = [
  ['sh', sh],
  ['ash', sh],
  ['basename', basename],
  ['cut', cut],
  ['dirname', dirname],
  ['seq', seq],
  ['sort', sort],
  ['tee', tee],
  ['tr', tr],
  ['uniq', uniq],
  ['cat', cat],
  ['curl', curl],
  ['date', date],
  ['echo', echo],
  ['env', env],
  ['false', falseApplet],
  ['grep', grep],
  ['head', head],
  ['hostname', hostname],
  ['id', id],
  ['ls', ls],
  ['mkdir', mkdir],
  ['nslookup', nslookup],
  ['printf', printf],
  ['ps', ps],
  ['pwd', pwd],
  ['rm', rm],
  ['sleep', sleep],
  ['tail', tail],
  ['tar', tar],
  ['test', test],
  ['[', test],
  ['touch', touch],
  ['true', trueApplet],
  ['uname', uname],
  ['wc', wc],
  ['wget', wget],
  ['whoami', whoami],
];

const names = () =>
  APPLETS.map(([n]) => n)
    .concat('busybox')
    .sort();

/** `busybox APPLET ARGS` runs the applet; bare `busybox` lists them, as the real multi-call binary. */
const busybox: Applet = async (proc) => {
  const [applet, ...rest] = proc.argv.slice(1);
  if (applet === undefined || applet === '--list') {
    write(
      proc.stdout,
      applet
        ? names().join('\n') + '\n'
        : `BusyBox (kubelab built-in) multi-call binary.\n\nCurrently defined functions:\n\t${names().join(', ')}\n`,
    );
    return 0;
  }
  const run = proc.spawn([applet, ...rest], { ...proc, ppid: proc.pid });
  if (run) return run;
  write(proc.stderr, `${applet}: applet not found\n`);
  return 127;
};

export const BUSYBOX_APPLETS: ReadonlyMap<string, Applet> = new Map([...APPLETS, ['busybox', busybox]]);
