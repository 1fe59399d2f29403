// Custom resource tables from additionalPrinterColumns, as apiextensions-apiserver's tableconvertor
// (pkg/registry/customresource/tableconvertor/tableconvertor.go) and client-go's jsonpath print them.
// Fixtures: the MetalLB v0.13.10 CRDs (/work/shared/upstream/metallb-native-v0.13.10.yaml).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../core/index.ts';
import { printTable, type CrdPrinterColumn } from './index.ts';
import { findResults, parseJsonPath } from './jsonpath.ts';

const now = new Date('2026-11-26T12:00:00Z');

const ipAddressPoolColumns: CrdPrinterColumn[] = [
  { jsonPath: '.spec.autoAssign', name: 'Auto Assign', type: 'boolean' },
  { jsonPath: '.spec.avoidBuggyIPs', name: 'Avoid Buggy IPs', type: 'boolean' },
  { jsonPath: '.spec.addresses', name: 'Addresses', type: 'string' },
];
const l2AdvertisementColumns: CrdPrinterColumn[] = [
  { jsonPath: '.spec.ipAddressPools', name: 'IPAddressPools', type: 'string' },
  { jsonPath: '.spec.ipAddressPoolSelectors', name: 'IPAddressPool Selectors', type: 'string' },
  { jsonPath: '.spec.interfaces', name: 'Interfaces', type: 'string' },
  { jsonPath: '.spec.nodeSelectors', name: 'Node Selectors', priority: 10, type: 'string' },
];
const bfdProfileColumns: CrdPrinterColumn[] = [
  { jsonPath: '.spec.passiveMode', name: 'Passive Mode', type: 'boolean' },
  { jsonPath: '.spec.transmitInterval', name: 'Transmit Interval', type: 'integer' },
  { jsonPath: '.spec.receiveInterval', name: 'Receive Interval', type: 'integer' },
  { jsonPath: '.spec.detectMultiplier', name: 'Multiplier', type: 'integer' },
];
const bgpPeerColumns: CrdPrinterColumn[] = [
  { jsonPath: '.spec.peerAddress', name: 'Address', type: 'string' },
  { jsonPath: '.spec.peerASN', name: 'ASN', type: 'string' },
  { jsonPath: '.spec.bfdProfile', name: 'BFD Profile', type: 'string' },
  { jsonPath: '.spec.ebgpMultiHop', name: 'Multi Hops', type: 'string' },
];

function cr(kind: string, name: string, body: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'metallb.io/v1beta1',
    kind,
    metadata: { name, namespace: 'metallb-system', creationTimestamp: '2026-11-26T11:00:00Z' },
    ...body,
  };
}
const print = (obj: KubeObject, crdColumns?: CrdPrinterColumn[]) =>
  printTable({
    gvk: { group: 'metallb.io', version: 'v1beta1', kind: obj.kind },
    objects: [obj],
    now,
    crdColumns,
  });

describe('MetalLB custom resources', () => {
  test('IPAddressPool: NAME AUTO ASSIGN AVOID BUGGY IPS ADDRESSES, addresses as Go JSON', () => {
    const table = print(
      cr('IPAddressPool', 'first-pool', {
        spec: { addresses: ['172.17.255.1-172.17.255.255'], autoAssign: true, avoidBuggyIPs: false },
      }),
      ipAddressPoolColumns,
    );
    assert.deepEqual(
      table.columnDefinitions.map((c) => [c.name, c.type, c.priority]),
      [
        ['Name', 'string', 0],
        ['Auto Assign', 'boolean', 0],
        ['Avoid Buggy IPs', 'boolean', 0],
        ['Addresses', 'string', 0],
      ],
    );
    assert.equal(
      table.columnDefinitions[1]?.description,
      'Custom resource definition column (in JSONPath format): .spec.autoAssign',
    );
    assert.deepEqual(table.rows[0]?.cells, ['first-pool', true, false, '["172.17.255.1-172.17.255.255"]']);
  });

  test('L2Advertisement without a spec prints null cells (kubectl shows <none>)', () => {
    const table = print(cr('L2Advertisement', 'example', {}), l2AdvertisementColumns);
    assert.deepEqual(
      table.columnDefinitions.map((c) => `${c.name}/${c.priority}`),
      ['Name/0', 'IPAddressPools/0', 'IPAddressPool Selectors/0', 'Interfaces/0', 'Node Selectors/10'],
    );
    assert.deepEqual(table.rows[0]?.cells, ['example', null, null, null, null]);
  });

  test('L2Advertisement selectors print as Go JSON with sorted keys', () => {
    const table = print(
      cr('L2Advertisement', 'sel', {
        spec: {
          ipAddressPools: ['first-pool'],
          ipAddressPoolSelectors: [{ matchLabels: { zone: 'a', app: '<web>&' } }],
        },
      }),
      l2AdvertisementColumns,
    );
    assert.deepEqual(table.rows[0]?.cells, [
      'sel',
      '["first-pool"]',
      '[{"matchLabels":{"app":"\\u003cweb\\u003e\\u0026","zone":"a"}}]',
      null,
      null,
    ]);
  });

  test('BFDProfile integer and boolean columns', () => {
    const table = print(
      cr('BFDProfile', 'bfd', {
        spec: { passiveMode: true, transmitInterval: 300, receiveInterval: 300.7, detectMultiplier: 'x' },
      }),
      bfdProfileColumns,
    );
    assert.deepEqual(table.rows[0]?.cells, ['bfd', true, 300, 300, null]);
  });

  test('BGPPeer string columns print numbers the way fmt does', () => {
    const table = print(
      cr('BGPPeer', 'peer', { spec: { peerAddress: '10.0.0.1', peerASN: 64512, ebgpMultiHop: false } }),
      bgpPeerColumns,
    );
    assert.deepEqual(table.rows[0]?.cells, ['peer', '10.0.0.1', '64512', null, 'false']);
  });

  test('Community has no additionalPrinterColumns: NAME AGE', () => {
    const table = print(cr('Community', 'communities', {}), []);
    assert.deepEqual(
      table.columnDefinitions.map((c) => [c.name, c.type]),
      [
        ['Name', 'string'],
        ['Age', 'date'],
      ],
    );
    assert.deepEqual(table.rows[0]?.cells, ['communities', '60m']);
  });

  test('a custom group without crdColumns is taken for a CR without columns: NAME AGE', () => {
    const table = print(cr('Community', 'communities', {}));
    assert.deepEqual(
      table.columnDefinitions.map((c) => c.name),
      ['Name', 'Age'],
    );
    assert.deepEqual(table.rows[0]?.cells, ['communities', '60m']);
  });
});

describe('typed CRD cells', () => {
  const columns: CrdPrinterColumn[] = [
    { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
    { name: 'Reason', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].reason' },
    { name: 'First Port', type: 'integer', jsonPath: '.spec.ports[0].port' },
    { name: 'Last Port', type: 'integer', jsonPath: '.spec.ports[-1].port' },
    { name: 'Ratio', type: 'number', jsonPath: '.spec.ratio' },
    { name: 'Started', type: 'date', jsonPath: '.status.startedAt' },
    { name: 'App', type: 'string', jsonPath: ".metadata.labels['app.kubernetes.io/name']" },
    {
      name: 'Host',
      type: 'string',
      jsonPath: '.metadata.annotations.kubernetes\\.io/hostname',
      priority: 1,
      format: 'hostname',
    },
  ];
  const obj: KubeObject = {
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: {
      name: 'w',
      labels: { 'app.kubernetes.io/name': 'web' },
      annotations: { 'kubernetes.io/hostname': 'node-1' },
    },
    spec: { ports: [{ port: 80 }, { port: 443 }], ratio: 0.5 },
    status: {
      startedAt: '2026-11-26T11:57:30Z',
      conditions: [
        { type: 'Synced', status: 'True' },
        { type: 'Ready', status: 'False', reason: 'Waiting' },
      ],
    },
  };
  const cells = (o: KubeObject) =>
    printTable({
      gvk: { group: 'example.com', version: 'v1', kind: 'Widget' },
      objects: [o],
      now,
      crdColumns: columns,
    }).rows[0]?.cells;

  test('filters, indexes, dict keys, escaped dots and dates', () => {
    assert.deepEqual(cells(obj), ['w', 'False', 'Waiting', 80, 443, 0.5, '2m30s', 'web', 'node-1']);
  });

  test('missing fields, out-of-range indexes and bad dates give null or <invalid>', () => {
    const sparse: KubeObject = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 's' },
      spec: { ports: [] },
      status: { startedAt: 'soon' },
    };
    assert.deepEqual(cells(sparse), ['s', null, null, null, null, null, '<invalid>', null, null]);
  });

  test('format and priority come from the CRD column', () => {
    const table = printTable({
      gvk: { group: 'example.com', version: 'v1', kind: 'Widget' },
      objects: [],
      now,
      crdColumns: columns,
    });
    assert.deepEqual(table.columnDefinitions.at(-1), {
      name: 'Host',
      type: 'string',
      format: 'hostname',
      description:
        'Custom resource definition column (in JSONPath format): .metadata.annotations.kubernetes\\.io/hostname',
      priority: 1,
    });
  });

  test('a column whose jsonPath does not parse ends the column list there', () => {
    const table = printTable({
      gvk: { group: 'example.com', version: 'v1', kind: 'Widget' },
      objects: [obj],
      now,
      crdColumns: [
        columns[0] as CrdPrinterColumn,
        { name: 'Bad', type: 'string', jsonPath: '..status' },
        columns[2] as CrdPrinterColumn,
      ],
    });
    assert.deepEqual(
      table.columnDefinitions.map((c) => c.name),
      ['Name', 'Ready'],
    );
    assert.deepEqual(table.rows[0]?.cells, ['w', 'False']);
  });
});

describe('jsonpath subset', () => {
  const data = {
    items: [
      { name: 'a', n: 1, tags: ['x'] },
      { name: 'b', n: 2 },
      { name: 'c', n: 3 },
    ],
    map: { k1: 'v1', k2: 'v2' },
  };
  const cases: { desc: string; path: string; want: unknown[] | 'error' }[] = [
    { desc: 'field chain', path: '.map.k1', want: ['v1'] },
    { desc: 'missing key is no result', path: '.map.nope', want: [] },
    { desc: 'index', path: '.items[1].name', want: ['b'] },
    { desc: 'negative index', path: '.items[-1].name', want: ['c'] },
    { desc: 'slice', path: '.items[0:2].name', want: ['a', 'b'] },
    { desc: 'wildcard over a list', path: '.items[*].n', want: [1, 2, 3] },
    { desc: 'wildcard over a map', path: '.map.*', want: ['v1', 'v2'] },
    { desc: 'filter with ==', path: '.items[?(@.name=="b")].n', want: [2] },
    { desc: 'filter with single quotes and !=', path: ".items[?(@.name!='b')].name", want: ['a', 'c'] },
    { desc: 'numeric filter', path: '.items[?(@.n>=2)].name', want: ['b', 'c'] },
    { desc: 'existence filter', path: '.items[?(@.tags)].name', want: ['a'] },
    { desc: 'index out of range is an error', path: '.items[5].name', want: 'error' },
    { desc: 'comparing mismatched types is an error', path: '.items[?(@.n=="1")].name', want: 'error' },
    { desc: 'indexing a map is an error', path: '.map[0]', want: 'error' },
  ];
  for (const c of cases) {
    test(c.desc, () => {
      const path = parseJsonPath(c.path);
      if (c.want === 'error') assert.throws(() => findResults(path, data));
      else assert.deepEqual(findResults(path, data), c.want);
    });
  }
  for (const bad of ['..name', '.items[', '.items[a]', 'items']) {
    test(`rejects ${bad}`, () => assert.throws(() => parseJsonPath(bad)));
  }
});
