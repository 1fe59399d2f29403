/** The files a container's read-only root shows: the kubelet's /etc/hosts, hostname, resolv.conf, and busybox's users. */

export interface RootFilesInput {
  hostname: string;
  podIP: string;
  /** kube-dns ClusterIP; resolv.conf is left without a nameserver when unset (no DNS yet). */
  nameserver?: string;
  namespace?: string;
  clusterDomain?: string;
  hostAliases?: readonly { ip: string; hostnames: readonly string[] }[];
}

/** kubelet's managed hosts file (kubernetes pkg/kubelet/kubelet_pods.go, managedHostsFileContent). */
export function hostsFile(input: RootFilesInput): string {
  const lines = [
    '# Kubernetes-managed hosts file.',
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    'fe00::0\tip6-localnet',
    'fe00::0\tip6-mcastprefix',
    'fe00::1\tip6-allnodes',
    'fe00::2\tip6-allrouters',
    `${input.podIP}\t${input.hostname}`,
  ];
  if (input.hostAliases?.length) {
    lines.push('', '# Entries added by HostAliases.');
    for (const a of input.hostAliases) lines.push(`${a.ip}\t${a.hostnames.join('\t')}`);
  }
  return lines.join('\n') + '\n';
}

/** ClusterFirst resolv.conf as the kubelet writes it (pkg/kubelet/network/dns/dns.go). */
export function resolvConf(input: RootFilesInput): string {
  const domain = input.clusterDomain ?? 'cluster.local';
  const ns = input.namespace ?? 'default';
  const lines = [];
  if (input.nameserver) lines.push(`nameserver ${input.nameserver}`);
  lines.push(`search ${ns}.svc.${domain} svc.${domain} ${domain}`, 'options ndots:5');
  return lines.join('\n') + '\n';
}

const PASSWD = `root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
`;

const GROUP = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
wheel:x:10:root
mail:x:12:
www-data:x:33:
users:x:100:
nogroup:x:65534:
`;

/** The synthetic files for createContainerFs's `files`. */
export function rootFiles(input: RootFilesInput): Record<string, string> {
  return {
    '/etc/hosts': hostsFile(input),
    '/etc/hostname': `${input.hostname}\n`,
    '/etc/resolv.conf': resolvConf(input),
    '/etc/passwd': PASSWD,
    '/etc/group': GROUP,
  };
}
