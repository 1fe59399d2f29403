/**
 * busybox nslookup over the container's resolver. Until the cluster DNS exists (no nameserver in
 * /etc/resolv.conf) it says so plainly instead of pretending a name does not exist.
 */
import { write } from '../runtime/proc.ts';
import type { Applet } from '../runtime/proc.ts';
import { fail } from './util.ts';

export const nslookup: Applet = async (proc) => {
  const [name, server] = proc.argv.slice(1).filter((a) => !a.startsWith('-'));
  if (name === undefined) return fail(proc, 'usage: nslookup HOST [DNS_SERVER]');
  const resolv = await proc.container.fs.readFile('/etc/resolv.conf').then(String, () => '');
  const ns = server ?? /^nameserver\s+(\S+)/m.exec(resolv)?.[1];
  if (ns === undefined)
    return fail(
      proc,
      'not implemented yet: kubelab has no cluster DNS for this pod (no nameserver in /etc/resolv.conf)',
    );
  const ips = await proc.container.net.resolve(name);
  write(proc.stdout, `Server:\t\t${ns}\nAddress:\t${ns}:53\n\n`);
  if (ips.length === 0) {
    write(proc.stdout, `** server can't find ${name}: NXDOMAIN\n\n`);
    return 1;
  }
  write(proc.stdout, `Name:\t${name}\n${ips.map((ip) => `Address: ${ip}\n`).join('')}\n`);
  return 0;
};
