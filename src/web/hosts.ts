/** The pod's /etc/hosts as the kubelet writes it, for pods that have no hosts file of their own. */

export interface HostAlias {
  ip: string;
  hostnames: string[];
}

export interface ManagedHostsInput {
  hostname: string;
  podIPs?: string[];
  /** spec.hostname + spec.subdomain give the pod an FQDN that comes first on its line. */
  fqdn?: string;
  hostAliases?: HostAlias[];
}

/**
 * Mirrors the kubelet's managedHostsFileContent / hostsEntriesFromHostAliases
 * (kubernetes/kubernetes pkg/kubelet/kubelet_pods.go): tab-separated, boilerplate first,
 * one line per pod IP, then the HostAliases block.
 */
export function managedHostsFile(input: ManagedHostsInput): string {
  const names = input.fqdn ? `${input.fqdn}\t${input.hostname}` : input.hostname;
  const lines = [
    '# Kubernetes-managed hosts file.',
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    'fe00::0\tip6-localnet',
    'fe00::0\tip6-mcastprefix',
    'fe00::1\tip6-allnodes',
    'fe00::2\tip6-allrouters',
    ...(input.podIPs ?? []).map((ip) => `${ip}\t${names}`),
  ];
  const aliases = input.hostAliases ?? [];
  if (aliases.length > 0) {
    lines.push('', '# Entries added by HostAliases.');
    for (const a of aliases) lines.push(`${a.ip}\t${a.hostnames.join('\t')}`);
  }
  return lines.join('\n') + '\n';
}
