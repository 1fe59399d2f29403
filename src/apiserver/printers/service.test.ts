// Service, Endpoints and EndpointSlice rows (kubernetes/kubernetes pkg/printers/internalversion/printers.go),
// with the Services of the lab transcript (/work/shared/spec/lab-transcript.md, `kubectl get svc -A`).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../core/index.ts';
import { printTable } from './index.ts';

const now = new Date('2026-11-26T12:00:00Z');
const created = '2026-11-14T12:00:00Z'; // 12d before now

function svc(name: string, spec: Record<string, unknown>, status: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, creationTimestamp: created }, spec, status };
}
const rowOf = (kind: string, group: string, obj: KubeObject): unknown[] =>
  printTable({ gvk: { group, version: 'v1', kind }, objects: [obj], now }).rows[0]?.cells ?? [];

describe('service rows', () => {
  const cases: { desc: string; svc: KubeObject; want: unknown[] }[] = [
    {
      desc: 'MetalLB LoadBalancer with its ingress IP',
      svc: svc(
        'web-svc-lb',
        {
          type: 'LoadBalancer',
          clusterIP: '10.96.237.41',
          clusterIPs: ['10.96.237.41'],
          selector: { app: 'web' },
          ports: [{ port: 80, targetPort: 8000, nodePort: 30222, protocol: 'TCP' }],
        },
        { loadBalancer: { ingress: [{ ip: '172.17.255.1', ipMode: 'VIP' }] } },
      ),
      want: ['web-svc-lb', 'LoadBalancer', '10.96.237.41', '172.17.255.1', '80:30222/TCP', '12d', 'app=web'],
    },
    {
      desc: 'kube-dns with three ports',
      svc: svc('kube-dns', {
        type: 'ClusterIP',
        clusterIP: '10.96.0.10',
        selector: { 'k8s-app': 'kube-dns' },
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP' },
          { name: 'dns-tcp', port: 53, protocol: 'TCP' },
          { name: 'metrics', port: 9153, protocol: 'TCP' },
        ],
      }),
      want: [
        'kube-dns',
        'ClusterIP',
        '10.96.0.10',
        '<none>',
        '53/UDP,53/TCP,9153/TCP',
        '12d',
        'k8s-app=kube-dns',
      ],
    },
    {
      desc: 'headless Service prints None',
      svc: svc('web-svc', {
        type: 'ClusterIP',
        clusterIP: 'None',
        clusterIPs: ['None'],
        selector: { app: 'web' },
        ports: [{ port: 80, protocol: 'TCP' }],
      }),
      want: ['web-svc', 'ClusterIP', 'None', '<none>', '80/TCP', '12d', 'app=web'],
    },
    {
      desc: 'ingress-nginx LoadBalancer with two node ports',
      svc: svc(
        'ingress-nginx',
        {
          type: 'LoadBalancer',
          clusterIP: '10.105.198.238',
          selector: {
            'app.kubernetes.io/name': 'ingress-nginx',
            'app.kubernetes.io/component': 'controller',
          },
          ports: [
            { name: 'http', port: 80, nodePort: 32393, protocol: 'TCP' },
            { name: 'https', port: 443, nodePort: 30857, protocol: 'TCP' },
          ],
        },
        { loadBalancer: { ingress: [{ ip: '172.17.255.2' }] } },
      ),
      want: [
        'ingress-nginx',
        'LoadBalancer',
        '10.105.198.238',
        '172.17.255.2',
        '80:32393/TCP,443:30857/TCP',
        '12d',
        'app.kubernetes.io/component=controller,app.kubernetes.io/name=ingress-nginx',
      ],
    },
    {
      desc: 'LoadBalancer not yet allocated is <pending>',
      svc: svc('lb', {
        type: 'LoadBalancer',
        clusterIP: '10.96.1.1',
        ports: [{ port: 80, nodePort: 31000, protocol: 'TCP' }],
      }),
      want: ['lb', 'LoadBalancer', '10.96.1.1', '<pending>', '80:31000/TCP', '12d', '<none>'],
    },
    {
      desc: 'LoadBalancer lists sorted ingress IPs, then externalIPs',
      svc: svc(
        'lb2',
        {
          type: 'LoadBalancer',
          clusterIP: '10.96.1.2',
          externalIPs: ['192.0.2.9'],
          ports: [{ port: 80, nodePort: 31001 }],
        },
        {
          loadBalancer: {
            ingress: [{ ip: '172.17.255.9' }, { hostname: 'lb.example' }, { ip: '172.17.255.3' }],
          },
        },
      ),
      want: [
        'lb2',
        'LoadBalancer',
        '10.96.1.2',
        '172.17.255.3,172.17.255.9,lb.example,192.0.2.9',
        '80:31001/TCP',
        '12d',
        '<none>',
      ],
    },
    {
      desc: 'NodePort with externalIPs',
      svc: svc('np', {
        type: 'NodePort',
        clusterIP: '10.98.176.145',
        externalIPs: ['192.0.2.1'],
        ports: [{ port: 80, nodePort: 31372, protocol: 'TCP' }],
      }),
      want: ['np', 'NodePort', '10.98.176.145', '192.0.2.1', '80:31372/TCP', '12d', '<none>'],
    },
    {
      desc: 'ExternalName prints the name as the external IP and no ports',
      svc: svc('ext', { type: 'ExternalName', externalName: 'example.com' }),
      want: ['ext', 'ExternalName', '<none>', 'example.com', '<none>', '12d', '<none>'],
    },
  ];
  for (const c of cases) test(c.desc, () => assert.deepEqual(rowOf('Service', '', c.svc), c.want));

  test('columns', () => {
    const cols = printTable({
      gvk: { group: '', version: 'v1', kind: 'Service' },
      objects: [],
      now,
    }).columnDefinitions;
    assert.deepEqual(
      cols.map((c) => `${c.name}/${c.priority}`),
      ['Name/0', 'Type/0', 'Cluster-IP/0', 'External-IP/0', 'Port(s)/0', 'Age/0', 'Selector/1'],
    );
  });
});

describe('endpoints rows', () => {
  const ep = (subsets: unknown): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'web-svc', creationTimestamp: created },
    subsets,
  });
  const cases: { desc: string; subsets: unknown; want: string }[] = [
    { desc: 'no subsets', subsets: undefined, want: '<none>' },
    {
      desc: 'three addresses on one port',
      subsets: [
        {
          addresses: [{ ip: '10.244.0.9' }, { ip: '10.244.0.10' }, { ip: '10.244.0.11' }],
          ports: [{ port: 8000 }],
        },
      ],
      want: '10.244.0.9:8000,10.244.0.10:8000,10.244.0.11:8000',
    },
    {
      desc: 'more than three endpoints adds "+ N more..."',
      subsets: [
        {
          addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }, { ip: '10.0.0.3' }],
          ports: [{ port: 53 }, { port: 9153 }],
        },
      ],
      want: '10.0.0.1:53,10.0.0.2:53,10.0.0.3:53 + 3 more...',
    },
    {
      desc: 'headless without ports lists bare IPs',
      subsets: [{ addresses: [{ ip: '10.0.0.1' }] }],
      want: '10.0.0.1',
    },
    {
      desc: 'IPv6 addresses are bracketed',
      subsets: [{ addresses: [{ ip: 'fd00::1' }], ports: [{ port: 80 }] }],
      want: '[fd00::1]:80',
    },
    {
      desc: 'only not-ready addresses print empty',
      subsets: [{ notReadyAddresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }],
      want: '',
    },
  ];
  for (const c of cases)
    test(c.desc, () => assert.deepEqual(rowOf('Endpoints', '', ep(c.subsets)), ['web-svc', c.want, '12d']));
});

describe('endpointslice rows', () => {
  const slice = (ports: unknown, endpoints: unknown): KubeObject => ({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'kube-dns-x7k2p', creationTimestamp: created },
    addressType: 'IPv4',
    ports,
    endpoints,
  });
  const cases: { desc: string; ports: unknown; endpoints: unknown; want: [string, string] }[] = [
    {
      desc: 'kube-dns ports and one endpoint',
      ports: [
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'metrics', port: 9153, protocol: 'TCP' },
      ],
      endpoints: [{ addresses: ['10.244.0.2'], conditions: { ready: true } }],
      want: ['53,53,9153', '10.244.0.2'],
    },
    { desc: 'no ports and no endpoints', ports: [], endpoints: [], want: ['<unset>', '<unset>'] },
    {
      desc: 'a port with neither number nor name is *',
      ports: [{}],
      endpoints: undefined,
      want: ['*', '<unset>'],
    },
    {
      desc: 'more than three addresses',
      ports: [{ port: 80 }],
      endpoints: [
        { addresses: ['10.0.0.1', '10.0.0.2'] },
        { addresses: ['10.0.0.3'] },
        { addresses: ['10.0.0.4'], conditions: { ready: false } },
      ],
      want: ['80', '10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...'],
    },
  ];
  for (const c of cases) {
    test(c.desc, () =>
      assert.deepEqual(rowOf('EndpointSlice', 'discovery.k8s.io', slice(c.ports, c.endpoints)), [
        'kube-dns-x7k2p',
        'IPv4',
        ...c.want,
        '12d',
      ]),
    );
  }
});
