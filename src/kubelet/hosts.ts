/**
 * The kubelet-managed files of a pod: /etc/hosts (k8s: pkg/kubelet/kubelet_pods.go
 * `managedHostsFileContent`, `hostsEntriesFromHostAliases`), /etc/hostname and /etc/resolv.conf
 * (pkg/kubelet/network/dns/dns.go, dnsPolicy ClusterFirst).
 */
import { isRecord } from '../core/index.ts';
import type { KubeObject } from '../core/index.ts';

const HEADER = [
  '# Kubernetes-managed hosts file.',
  '127.0.0.1\tlocalhost',
  '::1\tlocalhost ip6-localhost ip6-loopback',
  'fe00::0\tip6-localnet',
  'fe00::0\tip6-mcastprefix',
  'fe00::1\tip6-allnodes',
  'fe00::2\tip6-allrouters',
];

/** The pod's hostname: spec.hostname, else the pod name truncated to 63 characters. */
export function podHostname(pod: KubeObject): string {
  const spec = isRecord(pod.spec) ? pod.spec : {};
  const h = typeof spec.hostname === 'string' && spec.hostname ? spec.hostname : (pod.metadata.name ?? '');
  return h.slice(0, 63).replace(/[-.]+$/, '');
}

export function hostsFile(pod: KubeObject, podIP: string, clusterDomain = 'cluster.local'): string {
  const spec = isRecord(pod.spec) ? pod.spec : {};
  const hostname = podHostname(pod);
  const lines = [...HEADER];
  const sub = typeof spec.subdomain === 'string' ? spec.subdomain : '';
  if (sub) {
    const fqdn = `${hostname}.${sub}.${pod.metadata.namespace ?? 'default'}.svc.${clusterDomain}`;
    lines.push(`${podIP}\t${fqdn}\t${hostname}`);
  } else {
    lines.push(`${podIP}\t${hostname}`);
  }
  const aliases = Array.isArray(spec.hostAliases) ? spec.hostAliases.filter(isRecord) : [];
  if (aliases.length > 0) {
    lines.push('', '# Entries added by HostAliases.');
    for (const a of aliases) {
      const names = Array.isArray(a.hostnames) ? a.hostnames.map(String) : [];
      lines.push(`${String(a.ip)}\t${names.join('\t')}`);
    }
  }
  return lines.join('\n') + '\n';
}

export function resolvConf(pod: KubeObject, clusterDNS: string, clusterDomain = 'cluster.local'): string {
  const spec = isRecord(pod.spec) ? pod.spec : {};
  const policy = typeof spec.dnsPolicy === 'string' ? spec.dnsPolicy : 'ClusterFirst';
  const cfg = isRecord(spec.dnsConfig) ? spec.dnsConfig : {};
  const extraNs = Array.isArray(cfg.nameservers) ? cfg.nameservers.map(String) : [];
  const extraSearch = Array.isArray(cfg.searches) ? cfg.searches.map(String) : [];
  const options = Array.isArray(cfg.options)
    ? cfg.options
        .filter(isRecord)
        .map((o) => (typeof o.value === 'string' ? `${String(o.name)}:${o.value}` : String(o.name)))
    : [];
  const ns = pod.metadata.namespace ?? 'default';
  let nameservers: string[];
  let search: string[];
  let opts: string[];
  if (policy === 'None') {
    [nameservers, search, opts] = [extraNs, extraSearch, options];
  } else if (policy === 'Default') {
    [nameservers, search, opts] = [['127.0.0.53', ...extraNs], extraSearch, options];
  } else {
    nameservers = [clusterDNS, ...extraNs];
    search = [`${ns}.svc.${clusterDomain}`, `svc.${clusterDomain}`, clusterDomain, ...extraSearch];
    opts = ['ndots:5', ...options.filter((o) => !o.startsWith('ndots:'))];
    const ndots = options.find((o) => o.startsWith('ndots:'));
    if (ndots) opts[0] = ndots;
  }
  const lines: string[] = [];
  if (search.length) lines.push(`search ${search.join(' ')}`);
  for (const n of nameservers) lines.push(`nameserver ${n}`);
  if (opts.length) lines.push(`options ${opts.join(' ')}`);
  return lines.join('\n') + '\n';
}
