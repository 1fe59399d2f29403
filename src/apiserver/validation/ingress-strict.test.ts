import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../core/index.ts';
import {
  applyDefaults,
  createAllocators,
  loadFieldSchemas,
  strictDecodingMessage,
  unknownFields,
  validateObject,
} from './index.ts';
import { set } from './testdata/dig.ts';
import { webDeploy, webIngress } from './testdata/lab.ts';

const messages = (o: KubeObject): string[] => validateObject(o, 'CREATE', undefined).map((e) => e.message);
const defaulted = (o: KubeObject): KubeObject => (applyDefaults(o, 'CREATE', undefined), o);

describe('strict field validation (fieldValidation=Strict)', () => {
  test("the lab's v1 Ingress with v1beta1 backend fields", async () => {
    await loadFieldSchemas();
    assert.deepEqual(unknownFields(webIngress(false)), [
      'unknown field "spec.rules[0].http.paths[0].backend.serviceName"',
      'unknown field "spec.rules[0].http.paths[0].backend.servicePort"',
    ]);
  });

  test('the 400 text kubectl prints after "Error from server (BadRequest): error when creating …: "', () => {
    const ing = webIngress(false);
    assert.equal(
      strictDecodingMessage(ing, unknownFields(ing)),
      'Ingress in version "v1" cannot be handled as a Ingress: strict decoding error: unknown field "spec.rules[0].http.paths[0].backend.serviceName", unknown field "spec.rules[0].http.paths[0].backend.servicePort"',
    );
  });

  test('with --validate=false the fields are dropped; kube stops at the missing pathType', () => {
    const ing = webIngress(false);
    set(ing, 'spec.rules.0.http.paths.0.backend', {});
    assert.deepEqual(messages(defaulted(ing)), [
      'spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
    ]);
  });

  const cases: { desc: string; obj: () => KubeObject; want: string[] }[] = [
    { desc: 'the fixed Ingress is clean', obj: () => webIngress(true), want: [] },
    { desc: 'web-deploy is clean', obj: () => webDeploy(), want: [] },
    {
      desc: 'status, managedFields and creationTimestamp are known fields',
      obj: () => ({
        ...webDeploy(),
        metadata: {
          name: 'web',
          creationTimestamp: '2023-05-22T22:21:50Z',
          managedFields: [
            { manager: 'kubectl', operation: 'Update', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': {} } },
          ],
        },
        status: { replicas: 1, conditions: [{ type: 'Available', status: 'False' }] },
      }),
      want: [],
    },
    {
      desc: 'a typo in a container',
      obj: () => {
        const d = webDeploy();
        set(d, 'spec.template.spec.containers.0.imagePullPolicyy', 'Always');
        set(d, 'spec.foo', 1);
        return d;
      },
      want: ['unknown field "spec.foo"', 'unknown field "spec.template.spec.containers[0].imagePullPolicyy"'],
    },
    {
      desc: 'custom resources are not checked here',
      obj: () => ({
        apiVersion: 'metallb.io/v1beta1',
        kind: 'IPAddressPool',
        metadata: { name: 'p' },
        spec: { foo: 1 },
      }),
      want: [],
    },
  ];
  for (const c of cases) {
    test(c.desc, () => {
      const o = c.obj();
      const got = unknownFields(o);
      // kube reports in document order; compare as sets where the fixture's key order is not the point
      assert.deepEqual([...got].sort(), [...c.want].sort());
    });
  }
});

describe('Ingress v1 validation', () => {
  const withPath = (p: Record<string, unknown>): KubeObject => {
    const ing = webIngress(true);
    for (const [k, v] of Object.entries(p)) set(ing, `spec.rules.0.http.paths.0.${k}`, v);
    return ing;
  };
  const cases: { desc: string; obj: KubeObject; want: string[] }[] = [
    {
      desc: 'unsupported pathType',
      obj: withPath({ pathType: 'Regex' }),
      want: [
        'spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
      ],
    },
    {
      desc: 'Prefix needs an absolute path',
      obj: withPath({ path: 'web' }),
      want: ['spec.rules[0].http.paths[0].path: Invalid value: "web": must be an absolute path'],
    },
    {
      desc: 'Prefix path may not hold //',
      obj: withPath({ path: '/web//x' }),
      want: ['spec.rules[0].http.paths[0].path: Invalid value: "/web//x": must not contain \'//\''],
    },
    {
      desc: 'port name and number together',
      obj: withPath({ backend: { service: { name: 'web-svc', port: { name: 'http', number: 8000 } } } }),
      want: [
        'spec.rules[0].http.paths[0].backend: Invalid value: "": cannot set both port name & port number',
      ],
    },
    {
      desc: 'port missing',
      obj: withPath({ backend: { service: { name: 'web-svc' } } }),
      want: ['spec.rules[0].http.paths[0].backend: Required value: port name or number is required'],
    },
    {
      desc: 'ImplementationSpecific may have an empty path',
      obj: withPath({ pathType: 'ImplementationSpecific', path: '' }),
      want: [],
    },
    {
      desc: 'hosts are DNS names, not IPs',
      obj: (() => {
        const ing = webIngress(true);
        set(ing, 'spec.rules.0.host', '127.17.255.2');
        return ing;
      })(),
      want: ['spec.rules[0].host: Invalid value: "127.17.255.2": must be a DNS name, not an IP address'],
    },
    {
      desc: 'the legacy class annotation must agree with ingressClassName',
      obj: (() => {
        const ing = webIngress(true);
        set(ing, 'metadata.annotations', { 'kubernetes.io/ingress.class': 'traefik' });
        return ing;
      })(),
      want: [
        'annotations.kubernetes.io/ingress.class: Invalid value: "traefik": must match `ingressClassName` when both are specified',
      ],
    },
    {
      desc: 'IngressClass controller is a domain-prefixed path',
      obj: {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'IngressClass',
        metadata: { name: 'nginx' },
        spec: { controller: 'nginx' },
      },
      want: [
        'spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")',
      ],
    },
  ];
  for (const c of cases) test(c.desc, () => assert.deepEqual(messages(defaulted(c.obj)), c.want));
});

describe('the official manifests in ../shared/upstream apply cleanly', () => {
  for (const file of [
    'metallb-native-v0.13.10.yaml',
    'ingress-nginx-baremetal-v1.8.0.yaml',
    'dashboard-recommended-v2.7.0.yaml',
  ]) {
    const url = new URL(`../../../../shared/upstream/${file}`, import.meta.url);
    test(
      file,
      { skip: !existsSync(url) && 'the shared upstream manifests are not beside this checkout' },
      () => {
        const alloc = createAllocators();
        const docs = parseAllDocuments(readFileSync(url, 'utf8'))
          .map((d) => d.toJS() as KubeObject | null)
          .filter((o): o is KubeObject => o !== null);
        assert.ok(docs.length > 5, 'the manifest has objects');
        for (const obj of docs) {
          const what = `${obj.kind}/${obj.metadata.name}`;
          assert.deepEqual(unknownFields(obj), [], what);
          applyDefaults(obj, 'CREATE', undefined, alloc);
          assert.deepEqual(messages(obj), [], what);
        }
      },
    );
  }
});
