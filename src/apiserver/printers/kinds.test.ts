// Column headers and a representative row for every kind kubelab serves, as kube-apiserver v1.32 prints
// them (kubernetes/kubernetes pkg/printers/internalversion/printers.go; k8s.io/apiserver
// pkg/registry/rest/table.go for kinds without a printer). Workload rows follow the lab transcript's
// `kubectl --namespace metallb-system get all`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../core/index.ts';
import { printTable } from './index.ts';

const now = new Date('2026-11-26T12:00:00Z');
const created = '2026-11-26T11:58:24Z'; // 96s before now
const meta = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  creationTimestamp: created,
  ...extra,
});
const podTemplate = {
  metadata: { labels: { app: 'metallb', component: 'speaker' } },
  spec: {
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    containers: [{ name: 'speaker', image: 'quay.io/metallb/speaker:v0.13.10' }],
  },
};
const selector = { matchLabels: { app: 'metallb', component: 'speaker' } };

interface Case {
  desc: string;
  apiVersion: string;
  obj: Omit<KubeObject, 'apiVersion'>;
  /** Column names, with `*` marking priority-1 (wide) columns. */
  headers: string;
  cells: unknown[];
}

const cases: Case[] = [
  {
    desc: 'DaemonSet (transcript: speaker)',
    apiVersion: 'apps/v1',
    obj: {
      kind: 'DaemonSet',
      metadata: meta('speaker'),
      spec: { selector, template: podTemplate },
      status: {
        desiredNumberScheduled: 1,
        currentNumberScheduled: 1,
        numberReady: 1,
        updatedNumberScheduled: 1,
        numberAvailable: 1,
      },
    },
    headers:
      'Name Desired Current Ready Up-to-date Available Node_Selector Age *Containers *Images *Selector',
    cells: [
      'speaker',
      1,
      1,
      1,
      1,
      1,
      'kubernetes.io/os=linux',
      '96s',
      'speaker',
      'quay.io/metallb/speaker:v0.13.10',
      'app=metallb,component=speaker',
    ],
  },
  {
    desc: 'Deployment (transcript: controller)',
    apiVersion: 'apps/v1',
    obj: {
      kind: 'Deployment',
      metadata: meta('controller'),
      spec: {
        replicas: 1,
        selector: {
          matchLabels: { app: 'metallb' },
          matchExpressions: [{ key: 'component', operator: 'In', values: ['controller', 'b'] }],
        },
        template: {
          spec: {
            containers: [
              { name: 'controller', image: 'quay.io/metallb/controller:v0.13.10' },
              { name: 'x', image: 'y' },
            ],
          },
        },
      },
      status: { replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 },
    },
    headers: 'Name Ready Up-to-date Available Age *Containers *Images *Selector',
    cells: [
      'controller',
      '1/1',
      1,
      1,
      '96s',
      'controller,x',
      'quay.io/metallb/controller:v0.13.10,y',
      'app=metallb,component in (b,controller)',
    ],
  },
  {
    desc: 'Deployment without status or selector',
    apiVersion: 'apps/v1',
    obj: {
      kind: 'Deployment',
      metadata: meta('web'),
      spec: { replicas: 3, template: { spec: { containers: [] } } },
    },
    headers: 'Name Ready Up-to-date Available Age *Containers *Images *Selector',
    cells: ['web', '0/3', 0, 0, '96s', '', '', ''],
  },
  {
    desc: 'ReplicaSet (transcript: controller-5fd797fbf7)',
    apiVersion: 'apps/v1',
    obj: {
      kind: 'ReplicaSet',
      metadata: meta('controller-5fd797fbf7'),
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'metallb', 'pod-template-hash': '5fd797fbf7' } },
        template: { spec: { containers: [{ name: 'controller', image: 'c:1' }] } },
      },
      status: { replicas: 1, readyReplicas: 1, availableReplicas: 1 },
    },
    headers: 'Name Desired Current Ready Age *Containers *Images *Selector',
    cells: [
      'controller-5fd797fbf7',
      1,
      1,
      1,
      '96s',
      'controller',
      'c:1',
      'app=metallb,pod-template-hash=5fd797fbf7',
    ],
  },
  {
    desc: 'StatefulSet',
    apiVersion: 'apps/v1',
    obj: {
      kind: 'StatefulSet',
      metadata: meta('db'),
      spec: { replicas: 3, template: { spec: { containers: [{ name: 'db', image: 'pg' }] } } },
      status: { readyReplicas: 2 },
    },
    headers: 'Name Ready Age *Containers *Images',
    cells: ['db', '2/3', '96s', 'db', 'pg'],
  },
  {
    desc: 'ControllerRevision names its controller kind.group/name',
    apiVersion: 'apps/v1',
    obj: {
      kind: 'ControllerRevision',
      metadata: meta('speaker-7d9c', {
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'speaker', uid: 'u', controller: true },
        ],
      }),
      revision: 1,
    },
    headers: 'Name Controller Revision Age',
    cells: ['speaker-7d9c', 'daemonset.apps/speaker', 1, '96s'],
  },
  {
    desc: 'Job running (1.32 has the STATUS column)',
    apiVersion: 'batch/v1',
    obj: {
      kind: 'Job',
      metadata: meta('ingress-nginx-admission-create'),
      spec: {
        completions: 1,
        parallelism: 1,
        selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u1' } },
        template: { spec: { containers: [{ name: 'create', image: 'certgen' }] } },
      },
      status: { startTime: '2026-11-26T11:59:00Z', active: 1 },
    },
    headers: 'Name Status Completions Duration Age *Containers *Images *Selector',
    cells: [
      'ingress-nginx-admission-create',
      'Running',
      '0/1',
      '60s',
      '96s',
      'create',
      'certgen',
      'batch.kubernetes.io/controller-uid=u1',
    ],
  },
  {
    desc: 'Job complete',
    apiVersion: 'batch/v1',
    obj: {
      kind: 'Job',
      metadata: meta('done'),
      spec: { completions: 1, template: { spec: { containers: [] } } },
      status: {
        startTime: '2026-11-26T11:58:30Z',
        completionTime: '2026-11-26T11:58:41Z',
        succeeded: 1,
        conditions: [{ type: 'Complete', status: 'True' }],
      },
    },
    headers: 'Name Status Completions Duration Age *Containers *Images *Selector',
    cells: ['done', 'Complete', '1/1', '11s', '96s', '', '', '<none>'],
  },
  {
    desc: 'Job with parallelism and no completions, not started',
    apiVersion: 'batch/v1',
    obj: {
      kind: 'Job',
      metadata: meta('work'),
      spec: { parallelism: 3, template: { spec: {} } },
      status: { conditions: [{ type: 'Suspended', status: 'True' }] },
    },
    headers: 'Name Status Completions Duration Age *Containers *Images *Selector',
    cells: ['work', 'Suspended', '0/1 of 3', '', '96s', '', '', '<none>'],
  },
  {
    desc: 'CronJob',
    apiVersion: 'batch/v1',
    obj: {
      kind: 'CronJob',
      metadata: meta('tick'),
      spec: {
        schedule: '*/5 * * * *',
        suspend: false,
        jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } } },
      },
      status: { active: [{ name: 'tick-1' }], lastScheduleTime: '2026-11-26T11:55:00Z' },
    },
    headers: 'Name Schedule Timezone Suspend Active Last_Schedule Age *Containers *Images *Selector',
    cells: ['tick', '*/5 * * * *', '<none>', 'False', 1, '5m', '96s', 'c', 'busybox', '<none>'],
  },
  {
    desc: 'Namespace',
    apiVersion: 'v1',
    obj: { kind: 'Namespace', metadata: meta('metallb-system'), status: { phase: 'Active' } },
    headers: 'Name Status Age',
    cells: ['metallb-system', 'Active', '96s'],
  },
  {
    desc: 'Node',
    apiVersion: 'v1',
    obj: {
      kind: 'Node',
      metadata: meta('minikube', {
        labels: {
          'node-role.kubernetes.io/control-plane': '',
          'kubernetes.io/role': 'master',
          'kubernetes.io/hostname': 'minikube',
        },
      }),
      spec: { unschedulable: true },
      status: {
        conditions: [
          { type: 'MemoryPressure', status: 'False' },
          { type: 'Ready', status: 'True' },
        ],
        addresses: [
          { type: 'InternalIP', address: '192.168.49.2' },
          { type: 'Hostname', address: 'minikube' },
        ],
        nodeInfo: {
          kubeletVersion: 'v1.32.4',
          osImage: 'Ubuntu 22.04.2 LTS',
          kernelVersion: '6.8.0',
          containerRuntimeVersion: '',
        },
      },
    },
    headers:
      'Name Status Roles Age Version *Internal-IP *External-IP *OS-Image *Kernel-Version *Container-Runtime',
    cells: [
      'minikube',
      'Ready,SchedulingDisabled',
      'control-plane,master',
      '96s',
      'v1.32.4',
      '192.168.49.2',
      '<none>',
      'Ubuntu 22.04.2 LTS',
      '6.8.0',
      '<unknown>',
    ],
  },
  {
    desc: 'Node without conditions or roles',
    apiVersion: 'v1',
    obj: {
      kind: 'Node',
      metadata: meta('n2'),
      status: { conditions: [{ type: 'Ready', status: 'Unknown' }] },
    },
    headers:
      'Name Status Roles Age Version *Internal-IP *External-IP *OS-Image *Kernel-Version *Container-Runtime',
    cells: ['n2', 'NotReady', '<none>', '96s', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>'],
  },
  {
    desc: 'ConfigMap counts data and binaryData',
    apiVersion: 'v1',
    obj: {
      kind: 'ConfigMap',
      metadata: meta('kube-proxy'),
      data: { 'config.conf': 'x', kubeconfig: 'y' },
      binaryData: { b: 'AA==' },
    },
    headers: 'Name Data Age',
    cells: ['kube-proxy', 3, '96s'],
  },
  {
    desc: 'Secret',
    apiVersion: 'v1',
    obj: { kind: 'Secret', metadata: meta('memberlist'), type: 'Opaque', data: { secretkey: 'eA==' } },
    headers: 'Name Type Data Age',
    cells: ['memberlist', 'Opaque', 1, '96s'],
  },
  {
    desc: 'ServiceAccount',
    apiVersion: 'v1',
    obj: { kind: 'ServiceAccount', metadata: meta('default') },
    headers: 'Name Secrets Age',
    cells: ['default', 0, '96s'],
  },
  {
    desc: 'Ingress',
    apiVersion: 'networking.k8s.io/v1',
    obj: {
      kind: 'Ingress',
      metadata: meta('web'),
      spec: { ingressClassName: 'nginx', rules: [{ http: { paths: [] } }] },
      status: { loadBalancer: { ingress: [{ ip: '172.17.255.2' }] } },
    },
    headers: 'Name Class Hosts Address Ports Age',
    cells: ['web', 'nginx', '*', '172.17.255.2', '80', '96s'],
  },
  {
    desc: 'Ingress with TLS, many hosts and no class',
    apiVersion: 'networking.k8s.io/v1',
    obj: {
      kind: 'Ingress',
      metadata: meta('many'),
      spec: {
        tls: [{ hosts: ['a.example'] }],
        rules: [
          { host: 'a.example' },
          { host: 'b.example' },
          {},
          { host: 'c.example' },
          { host: 'd.example' },
        ],
      },
    },
    headers: 'Name Class Hosts Address Ports Age',
    cells: ['many', '<none>', 'a.example,b.example,c.example + 2 more...', '', '80, 443', '96s'],
  },
  {
    desc: 'IngressClass',
    apiVersion: 'networking.k8s.io/v1',
    obj: {
      kind: 'IngressClass',
      metadata: meta('nginx'),
      spec: {
        controller: 'k8s.io/ingress-nginx',
        parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb' },
      },
    },
    headers: 'Name Controller Parameters Age',
    cells: ['nginx', 'k8s.io/ingress-nginx', 'IngressParameters.k8s.example.com/external-lb', '96s'],
  },
  {
    desc: 'IngressClass without parameters',
    apiVersion: 'networking.k8s.io/v1',
    obj: { kind: 'IngressClass', metadata: meta('nginx'), spec: { controller: 'k8s.io/ingress-nginx' } },
    headers: 'Name Controller Parameters Age',
    cells: ['nginx', 'k8s.io/ingress-nginx', '<none>', '96s'],
  },
  {
    desc: 'NetworkPolicy',
    apiVersion: 'networking.k8s.io/v1',
    obj: { kind: 'NetworkPolicy', metadata: meta('deny'), spec: { podSelector: {} } },
    headers: 'Name Pod-Selector Age',
    cells: ['deny', '<none>', '96s'],
  },
  {
    desc: 'CustomResourceDefinition prints NAME CREATED AT',
    apiVersion: 'apiextensions.k8s.io/v1',
    obj: { kind: 'CustomResourceDefinition', metadata: meta('ipaddresspools.metallb.io') },
    headers: 'Name Created_At',
    cells: ['ipaddresspools.metallb.io', '2026-11-26T11:58:24Z'],
  },
  {
    desc: 'Role prints NAME CREATED AT',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    obj: { kind: 'Role', metadata: meta('controller', { creationTimestamp: '2026-11-26T13:58:24.5+02:00' }) },
    headers: 'Name Created_At',
    cells: ['controller', '2026-11-26T11:58:24Z'],
  },
  {
    desc: 'ClusterRole prints NAME CREATED AT',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    obj: { kind: 'ClusterRole', metadata: { name: 'metallb-system:speaker' } },
    headers: 'Name Created_At',
    cells: ['metallb-system:speaker', '0001-01-01T00:00:00Z'],
  },
  {
    desc: 'RoleBinding',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    obj: {
      kind: 'RoleBinding',
      metadata: meta('pod-lister'),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-lister' },
      subjects: [
        { kind: 'ServiceAccount', name: 'controller', namespace: 'metallb-system' },
        { kind: 'User', name: 'alice' },
        { kind: 'User', name: 'bob' },
        { kind: 'Group', name: 'devs' },
      ],
    },
    headers: 'Name Role Age *Users *Groups *ServiceAccounts',
    cells: ['pod-lister', 'Role/pod-lister', '96s', 'alice, bob', 'devs', 'metallb-system/controller'],
  },
  {
    desc: 'ClusterRoleBinding',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    obj: {
      kind: 'ClusterRoleBinding',
      metadata: meta('metallb-system:speaker'),
      roleRef: { kind: 'ClusterRole', name: 'metallb-system:speaker' },
    },
    headers: 'Name Role Age *Users *Groups *ServiceAccounts',
    cells: ['metallb-system:speaker', 'ClusterRole/metallb-system:speaker', '96s', '', '', ''],
  },
  {
    desc: 'ValidatingWebhookConfiguration',
    apiVersion: 'admissionregistration.k8s.io/v1',
    obj: {
      kind: 'ValidatingWebhookConfiguration',
      metadata: meta('metallb-webhook-configuration'),
      webhooks: [{ name: 'a' }, { name: 'b' }],
    },
    headers: 'Name Webhooks Age',
    cells: ['metallb-webhook-configuration', 2, '96s'],
  },
  {
    desc: 'MutatingWebhookConfiguration',
    apiVersion: 'admissionregistration.k8s.io/v1',
    obj: { kind: 'MutatingWebhookConfiguration', metadata: meta('m') },
    headers: 'Name Webhooks Age',
    cells: ['m', 0, '96s'],
  },
  {
    desc: 'Lease',
    apiVersion: 'coordination.k8s.io/v1',
    obj: {
      kind: 'Lease',
      metadata: meta('minikube'),
      spec: { holderIdentity: 'minikube', leaseDurationSeconds: 40 },
    },
    headers: 'Name Holder Age',
    cells: ['minikube', 'minikube', '96s'],
  },
  {
    desc: 'PriorityClass (PreemptionPolicy is a priority-0 column)',
    apiVersion: 'scheduling.k8s.io/v1',
    obj: {
      kind: 'PriorityClass',
      metadata: meta('system-node-critical'),
      value: 2000001000,
      preemptionPolicy: 'PreemptLowerPriority',
    },
    headers: 'Name Value Global-Default Age PreemptionPolicy',
    cells: ['system-node-critical', 2000001000, false, '96s', 'PreemptLowerPriority'],
  },
  {
    desc: 'PodDisruptionBudget',
    apiVersion: 'policy/v1',
    obj: {
      kind: 'PodDisruptionBudget',
      metadata: meta('web'),
      spec: { maxUnavailable: '50%' },
      status: { disruptionsAllowed: 1 },
    },
    headers: 'Name Min_Available Max_Unavailable Allowed_Disruptions Age',
    cells: ['web', 'N/A', '50%', 1, '96s'],
  },
  {
    desc: 'a built-in kind without a printer gets NAME CREATED AT',
    apiVersion: 'storage.k8s.io/v1',
    obj: { kind: 'CSIDriver', metadata: meta('x') },
    headers: 'Name Created_At',
    cells: ['x', '2026-11-26T11:58:24Z'],
  },
];

for (const c of cases) {
  test(c.desc, () => {
    const [group, version] = c.apiVersion.includes('/') ? c.apiVersion.split('/') : ['', c.apiVersion];
    const obj = { apiVersion: c.apiVersion, ...c.obj } as KubeObject;
    const table = printTable({
      gvk: { group: group ?? '', version: version ?? '', kind: obj.kind },
      objects: [obj],
      now,
    });
    const headers = table.columnDefinitions
      .map((d) => (d.priority > 0 ? '*' : '') + d.name.replaceAll(' ', '_'))
      .join(' ');
    assert.equal(headers, c.headers);
    assert.equal(table.columnDefinitions[0]?.format, 'name');
    assert.deepEqual(table.rows[0]?.cells, c.cells);
    assert.equal(table.rows[0]?.cells.length, table.columnDefinitions.length);
  });
}

test('every object of a list gets one row, in order', () => {
  const ns = (name: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: meta(name),
    status: { phase: 'Active' },
  });
  const table = printTable({
    gvk: { group: '', version: 'v1', kind: 'Namespace' },
    objects: [ns('b'), ns('a')],
    now,
  });
  assert.deepEqual(
    table.rows.map((r) => r.cells[0]),
    ['b', 'a'],
  );
});
