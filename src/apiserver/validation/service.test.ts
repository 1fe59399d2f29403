import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KubeObject } from '../../core/index.ts';
import { ApiError } from '../../core/index.ts';
import { applyDefaults, createAllocators, validateObject } from './index.ts';
import { get, pluck, set } from './testdata/dig.ts';
import { service } from './testdata/lab.ts';

const first = (): number => 0;
const messages = (o: KubeObject, old?: KubeObject): string[] =>
  validateObject(o, old ? 'UPDATE' : 'CREATE', old).map((e) => e.message);

describe('Service defaults and allocation', () => {
  test('web-svc-cip: ClusterIP defaults and a dynamic IP', () => {
    const a = createAllocators({ random: first });
    const svc = service('web-svc-cip', {
      selector: { app: 'web' },
      type: 'ClusterIP',
      ports: [{ protocol: 'TCP', port: 80, targetPort: 8000 }],
    });
    applyDefaults(svc, 'CREATE', undefined, a);
    assert.deepEqual(svc.spec, {
      selector: { app: 'web' },
      type: 'ClusterIP',
      ports: [{ protocol: 'TCP', port: 80, targetPort: 8000 }],
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
      clusterIP: '127.96.1.1',
      clusterIPs: ['127.96.1.1'],
    });
    assert.deepEqual(svc.status, { loadBalancer: {} });
    assert.deepEqual(messages(svc), []);
  });

  test('headless (web-svc.yaml): no IP is allocated', () => {
    const a = createAllocators();
    const svc = service('web-svc', {
      selector: { app: 'web' },
      type: 'ClusterIP',
      clusterIP: 'None',
      ports: [{ protocol: 'TCP', port: 80, targetPort: 8000 }],
    });
    applyDefaults(svc, 'CREATE', undefined, a);
    assert.equal(get(svc, 'spec.clusterIP'), 'None');
    assert.deepEqual(get(svc, 'spec.clusterIPs'), ['None']);
    assert.deepEqual(messages(svc), []);
  });

  test('LoadBalancer with externalTrafficPolicy Local (nginx-lb.yaml): nodePorts, health check port, targetPort names', () => {
    const a = createAllocators({ random: first });
    const svc = service('ingress-nginx', {
      externalTrafficPolicy: 'Local',
      type: 'LoadBalancer',
      selector: { 'app.kubernetes.io/name': 'ingress-nginx' },
      ports: [
        { name: 'http', port: 80, targetPort: 'http' },
        { name: 'https', port: 443, targetPort: 'https' },
      ],
    });
    applyDefaults(svc, 'CREATE', undefined, a);
    const spec = get(svc, 'spec');
    assert.deepEqual(
      [0, 1].map((i) => ['protocol', 'nodePort', 'targetPort'].map((f) => get(spec, `ports.${i}.${f}`))),
      [
        ['TCP', 30086, 'http'],
        ['TCP', 30087, 'https'],
      ],
    );
    assert.equal(get(spec, 'healthCheckNodePort'), 30088);
    assert.equal(get(spec, 'allocateLoadBalancerNodePorts'), true);
    assert.equal(get(spec, 'externalTrafficPolicy'), 'Local');
    assert.deepEqual(messages(svc), []);
  });

  test('53/TCP and 53/UDP share one NodePort', () => {
    const a = createAllocators({ random: first });
    const svc = service('dns', {
      type: 'NodePort',
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
      ],
    });
    applyDefaults(svc, 'CREATE', undefined, a);
    assert.deepEqual(pluck(svc, 'spec.ports', 'nodePort'), [30086, 30086]);
  });

  test("requested values that are taken give kube's 422", () => {
    const a = createAllocators({ used: { ips: ['127.96.0.10'], ports: [30222] } });
    const taken = service('x', { clusterIP: '127.96.0.10', ports: [{ port: 53 }] });
    assert.throws(
      () => applyDefaults(taken, 'CREATE', undefined, a),
      (e: unknown) =>
        e instanceof ApiError &&
        e.message ===
          'Service "x" is invalid: spec.clusterIPs: Invalid value: []string{"127.96.0.10"}: failed to allocate IP 127.96.0.10: provided IP is already allocated',
    );
    const port = service('web-svc-lb', { type: 'LoadBalancer', ports: [{ port: 80, nodePort: 30222 }] });
    assert.throws(
      () => applyDefaults(port, 'CREATE', undefined, a),
      (e: unknown) =>
        e instanceof ApiError &&
        e.message ===
          'Service "web-svc-lb" is invalid: spec.ports[0].nodePort: Invalid value: 30222: provided port is already allocated',
    );
    // the failed write gave back the ClusterIP it had taken
    assert.equal(a.clusterIPs.has(String(get(port, 'spec.clusterIP'))), false);
  });

  test('UPDATE keeps clusterIP and nodePorts the user omitted (kubectl apply of the same file)', () => {
    const a = createAllocators({ random: first });
    const created = service('web-svc-lb', {
      type: 'LoadBalancer',
      selector: { app: 'web' },
      ports: [{ port: 80, targetPort: 8000 }],
    });
    applyDefaults(created, 'CREATE', undefined, a);
    const update = service('web-svc-lb', {
      type: 'LoadBalancer',
      selector: { app: 'web' },
      ports: [{ port: 80, targetPort: 8000 }],
    });
    applyDefaults(update, 'UPDATE', created, a);
    assert.equal(get(update, 'spec.clusterIP'), get(created, 'spec.clusterIP'));
    assert.equal(get(update, 'spec.ports.0.nodePort'), get(created, 'spec.ports.0.nodePort'));
    assert.deepEqual(messages(update, created), []);
  });

  test('UPDATE from ClusterIP to NodePort allocates a port', () => {
    const a = createAllocators({ random: first });
    const created = service('s', { ports: [{ port: 80 }] });
    applyDefaults(created, 'CREATE', undefined, a);
    const update = service('s', { type: 'NodePort', ports: [{ port: 80 }] });
    applyDefaults(update, 'UPDATE', created, a);
    assert.equal(get(update, 'spec.ports.0.nodePort'), 30086);
    assert.equal(get(update, 'spec.externalTrafficPolicy'), 'Cluster');
  });

  test('UPDATE from LoadBalancer back to ClusterIP sheds nodePorts, policy and LB status (kubectl apply)', () => {
    const a = createAllocators({ random: first });
    const created = service('web-svc-lb', {
      type: 'LoadBalancer',
      externalTrafficPolicy: 'Local',
      ports: [{ port: 80 }],
    });
    applyDefaults(created, 'CREATE', undefined, a);
    created.status = { loadBalancer: { ingress: [{ ip: '127.17.255.1' }] } };
    // what a strategic merge patch of `type: ClusterIP` onto the live object looks like
    const update = structuredClone(created);
    set(update, 'spec.type', 'ClusterIP');
    applyDefaults(update, 'UPDATE', created, a);
    assert.equal(get(update, 'spec.ports.0.nodePort'), undefined);
    assert.equal(get(update, 'spec.healthCheckNodePort'), undefined);
    assert.equal(get(update, 'spec.externalTrafficPolicy'), undefined);
    assert.equal(get(update, 'spec.allocateLoadBalancerNodePorts'), undefined);
    assert.equal(get(update, 'spec.clusterIP'), get(created, 'spec.clusterIP'));
    assert.deepEqual(update.status, { loadBalancer: {} });
    assert.deepEqual(messages(update, created), []);
  });

  test('ClientIP affinity gets the 10800 s timeout', () => {
    const svc = service('s', { sessionAffinity: 'ClientIP', ports: [{ port: 80 }] });
    applyDefaults(svc, 'CREATE', undefined);
    assert.deepEqual(get(svc, 'spec.sessionAffinityConfig'), { clientIP: { timeoutSeconds: 10800 } });
  });
});

describe('Service validation', () => {
  const cases: { desc: string; spec: Record<string, unknown>; name?: string; want: string[] }[] = [
    { desc: 'ports are required', spec: { selector: { app: 'web' } }, want: ['spec.ports: Required value'] },
    { desc: 'headless may have no ports', spec: { clusterIP: 'None' }, want: [] },
    {
      desc: 'every port needs a name when there are several',
      spec: { ports: [{ port: 80 }, { port: 443 }] },
      want: ['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value'],
    },
    {
      desc: 'duplicate port names',
      spec: {
        ports: [
          { name: 'http', port: 80 },
          { name: 'http', port: 81 },
        ],
      },
      want: ['spec.ports[1].name: Duplicate value: "http"'],
    },
    {
      desc: 'port out of range',
      spec: { ports: [{ port: 70000 }] },
      // targetPort defaults to port, so kube reports it too
      want: [
        'spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
        'spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      ],
    },
    {
      desc: 'protocol values',
      spec: { ports: [{ port: 80, protocol: 'HTTP' }] },
      want: ['spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'],
    },
    {
      desc: 'type values',
      spec: { type: 'Ingress', ports: [{ port: 80 }] },
      want: [
        'spec.type: Unsupported value: "Ingress": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
      ],
    },
    {
      desc: 'nodePort on a ClusterIP Service',
      spec: { ports: [{ port: 80, nodePort: 30080 }] },
      want: ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
    },
    {
      desc: 'None for a NodePort Service',
      spec: { type: 'NodePort', clusterIP: 'None', ports: [{ port: 80 }] },
      want: ['spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for NodePort services'],
    },
    {
      desc: 'None for a LoadBalancer Service',
      spec: { type: 'LoadBalancer', clusterIP: 'None', ports: [{ port: 80 }] },
      want: [
        'spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for LoadBalancer services',
      ],
    },
    {
      desc: 'mixed TCP and UDP on a LoadBalancer is allowed (GA 1.26)',
      spec: {
        type: 'LoadBalancer',
        ports: [
          { name: 'a', port: 53, protocol: 'UDP' },
          { name: 'b', port: 53, protocol: 'TCP' },
        ],
      },
      want: [],
    },
    {
      desc: 'duplicate port/protocol',
      spec: {
        ports: [
          { name: 'a', port: 80 },
          { name: 'b', port: 80 },
        ],
      },
      want: [
        'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
      ],
    },
    {
      desc: 'externalTrafficPolicy on ClusterIP',
      spec: { externalTrafficPolicy: 'Local', ports: [{ port: 80 }] },
      want: [
        'spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services',
      ],
    },
    {
      desc: 'Service names are DNS-1035 labels',
      name: '1web',
      spec: { ports: [{ port: 80 }] },
      want: [
        "metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      ],
    },
  ];
  for (const c of cases) {
    test(c.desc, () => {
      const svc = service(c.name ?? 's', c.spec);
      applyDefaults(svc, 'CREATE', undefined);
      assert.deepEqual(messages(svc), c.want);
    });
  }

  test('clusterIP cannot change once set', () => {
    const a = createAllocators({ random: first });
    const old = service('s', { ports: [{ port: 80 }] });
    applyDefaults(old, 'CREATE', undefined, a);
    const next = service('s', { clusterIP: '127.96.0.50', ports: [{ port: 80 }] });
    applyDefaults(next, 'UPDATE', old, a);
    assert.deepEqual(messages(next, old), [
      'spec.clusterIPs[0]: Invalid value: []string{"127.96.0.50"}: may not change once set',
    ]);
  });
});
