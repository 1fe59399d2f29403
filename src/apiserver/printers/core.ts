/**
 * Namespace, Node, ConfigMap, Secret and ServiceAccount tables, ported from printNamespace, printNode,
 * printConfigMap, printSecret and printServiceAccount in kubernetes/kubernetes
 * pkg/printers/internalversion/printers.go (v1.32).
 */
import type { KubeObject } from '../../core/index.ts';
import type { KindPrinter } from './types.ts';
import { ageCol, col, nameCol } from './columns.ts';
import { since } from './duration.ts';
import { arr, get, mapLen, rec, recs, str } from './fields.ts';

export const namespacePrinter: KindPrinter = {
  columns: [nameCol(), col('Status', 'string', 'The status of the namespace'), ageCol()],
  cells: (ns, now) => [
    ns.metadata.name ?? '',
    str(get(ns, 'status', 'phase')),
    since(ns.metadata.creationTimestamp, now),
  ],
};

/** Only the Ready condition counts; SchedulingDisabled is appended for cordoned nodes. */
function nodeStatus(node: KubeObject): string {
  const ready = recs(get(node, 'status', 'conditions'))
    .filter((c) => c.type === 'Ready')
    .at(-1);
  const status = [ready === undefined ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady'];
  if (get(node, 'spec', 'unschedulable') === true) status.push('SchedulingDisabled');
  return status.join(',');
}

/** findNodeRoles: `node-role.kubernetes.io/<role>` keys and `kubernetes.io/role=<role>`, sorted. */
export function nodeRoles(node: KubeObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role !== '') roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') {
      roles.add(v);
    }
  }
  return [...roles].sort().join(',') || '<none>';
}

function nodeAddress(node: KubeObject, type: string): string {
  return str(recs(get(node, 'status', 'addresses')).find((a) => a.type === type)?.address) || '<none>';
}

export const nodePrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Status', 'string', 'The status of the node'),
    col('Roles', 'string', 'The roles of the node'),
    ageCol(),
    col('Version', 'string', 'Kubelet Version reported by the node.'),
    col('Internal-IP', 'string', 'List of addresses reachable to the node.', 1),
    col('External-IP', 'string', 'List of addresses reachable to the node.', 1),
    col(
      'OS-Image',
      'string',
      'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).',
      1,
    ),
    col(
      'Kernel-Version',
      'string',
      "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).",
      1,
    ),
    col(
      'Container-Runtime',
      'string',
      'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).',
      1,
    ),
  ],
  cells(node, now) {
    const info = rec(get(node, 'status', 'nodeInfo'));
    return [
      node.metadata.name ?? '',
      nodeStatus(node),
      nodeRoles(node),
      since(node.metadata.creationTimestamp, now),
      str(info.kubeletVersion),
      nodeAddress(node, 'InternalIP'),
      nodeAddress(node, 'ExternalIP'),
      str(info.osImage) || '<unknown>',
      str(info.kernelVersion) || '<unknown>',
      str(info.containerRuntimeVersion) || '<unknown>',
    ];
  },
};

export const configMapPrinter: KindPrinter = {
  columns: [nameCol(), col('Data', 'string', 'Data contains the configuration data.'), ageCol()],
  cells: (cm, now) => [
    cm.metadata.name ?? '',
    mapLen(cm.data) + mapLen(cm.binaryData),
    since(cm.metadata.creationTimestamp, now),
  ],
};

export const secretPrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Type', 'string', 'Used to facilitate programmatic handling of secret data.'),
    col('Data', 'string', 'Data contains the secret data.'),
    ageCol(),
  ],
  // stringData is merged into data on write, so only data is counted, as upstream does.
  cells: (s, now) => [
    s.metadata.name ?? '',
    str(s.type) || 'Opaque',
    mapLen(s.data),
    since(s.metadata.creationTimestamp, now),
  ],
};

export const serviceAccountPrinter: KindPrinter = {
  columns: [
    nameCol(),
    col(
      'Secrets',
      'string',
      'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.',
    ),
    ageCol(),
  ],
  cells: (sa, now) => [
    sa.metadata.name ?? '',
    arr(sa.secrets).length,
    since(sa.metadata.creationTimestamp, now),
  ],
};
