/** Every manifest check against the lab's own broken snippets: each fixture yields exactly its findings. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { checkManifests, loadManifestFiles } from '../../src/doctor/index.ts';
import type { CheckId, Finding, Severity } from '../../src/doctor/index.ts';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'lab-mistakes');

interface Expected {
  check: CheckId;
  kind: string;
  field: string;
  message: string;
  severity?: Severity;
}

const cases: { desc: string; file: string; want: Expected[] }[] = [
  {
    desc: 'pod readiness probe on 80 while kubelab/web serves 8000',
    file: 'web-pod-readiness-80.yaml',
    want: [
      {
        check: 'probe-port',
        kind: 'Pod',
        field: 'spec.containers[0].readinessProbe.httpGet.port',
        message:
          'readinessProbe checks port 80, but container "web" (image kubelab/web:0.1.0) serves port 8000',
      },
    ],
  },
  {
    desc: 'deployment readiness on 80, liveness on 8000: only readiness is wrong',
    file: 'web-deploy-readiness-80.yaml',
    want: [
      {
        check: 'probe-port',
        kind: 'Deployment',
        field: 'spec.template.spec.containers[0].readinessProbe.httpGet.port',
        message: 'the pod never becomes Ready',
      },
    ],
  },
  {
    desc: 'maxUnavailable 0 and maxSurge 0',
    file: 'web-deploy-both-zero.yaml',
    want: [
      {
        check: 'rollout-both-zero',
        kind: 'Deployment',
        field: 'spec.strategy.rollingUpdate.maxUnavailable',
        message:
          'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
      },
    ],
  },
  {
    desc: 'v1 Ingress with v1beta1 serviceName/servicePort and no pathType',
    file: 'web-ingress-v1beta1-backend.yaml',
    want: [
      {
        check: 'schema',
        kind: 'Ingress',
        field: 'spec.rules[0].http.paths[0].pathType',
        message: 'spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
      },
      {
        check: 'ingress-v1beta1-backend',
        kind: 'Ingress',
        field: 'spec.rules[0].http.paths[0].backend.serviceName',
        message: 'unknown field "spec.rules[0].http.paths[0].backend.serviceName"',
      },
      {
        check: 'ingress-v1beta1-backend',
        kind: 'Ingress',
        field: 'spec.rules[0].http.paths[0].backend.servicePort',
        message: 'unknown field "spec.rules[0].http.paths[0].backend.servicePort"',
      },
    ],
  },
  {
    desc: 'ingressClassName nginx-example copied from the Kubernetes docs',
    file: 'web-ingress-nginx-example.yaml',
    want: [
      {
        check: 'ingress-class',
        kind: 'Ingress',
        field: 'spec.ingressClassName',
        message: 'IngressClass "nginx-example" not found',
      },
    ],
  },
  {
    desc: 'liveness exec probe `ps aux | grep NAME`',
    file: 'liveness-ps-grep.yaml',
    want: [
      {
        check: 'liveness-ps-grep',
        kind: 'Pod',
        field: 'spec.containers[0].livenessProbe.exec.command',
        message: 'grep finds its own process',
      },
    ],
  },
  {
    desc: 'nginx-lb.yaml written without indentation',
    file: 'nginx-lb-unindented.yaml',
    want: [
      {
        check: 'yaml-indentation',
        kind: 'Service',
        field: 'metadata',
        message: 'metadata is null and its fields (name, namespace, labels) are at the top level',
      },
      {
        check: 'yaml-indentation',
        kind: 'Service',
        field: 'spec',
        message:
          'spec is null and its fields (externalTrafficPolicy, type, selector, ports) are at the top level',
      },
    ],
  },
  {
    desc: 'Ingress port 8000 is the headless Service targetPort, not its port',
    file: 'web-ingress-port-8000.yaml',
    want: [
      {
        check: 'ingress-backend-port',
        kind: 'Ingress',
        field: 'spec.rules[0].http.paths[0].backend.service.port.number',
        message: 'service "web-svc" has no port 8000; 8000 is its targetPort',
        severity: 'warning',
      },
    ],
  },
  {
    desc: 'Ingress backend names a Service that is not in the set',
    file: 'web-ingress-missing-service.yaml',
    want: [
      {
        check: 'ingress-backend-service',
        kind: 'Ingress',
        field: 'spec.rules[0].http.paths[0].backend.service.name',
        message: 'services "web-svc" not found',
      },
    ],
  },
  {
    desc: 'Service targetPort 80 while the pods serve 8000',
    file: 'web-svc-target-port-80.yaml',
    want: [
      {
        check: 'service-target-port',
        kind: 'Service',
        field: 'spec.ports[0].targetPort',
        message: 'targetPort 80 is not a port the selected pods serve (Deployment/web: 8000)',
      },
    ],
  },
  {
    desc: 'Service selector matches no pod template',
    file: 'web-svc-selector-typo.yaml',
    want: [
      {
        check: 'service-selector',
        kind: 'Service',
        field: 'spec.selector',
        message: 'selector app=web-app matches no pod template',
      },
    ],
  },
  {
    desc: 'canary Ingress whose path has no main Ingress',
    file: 'canary-without-main.yaml',
    want: [
      {
        check: 'ingress-canary',
        kind: 'Ingress',
        field: 'spec.rules[0].http.paths[0].path',
        message: 'canary Ingress has no main Ingress with host "*", path "/web/" and pathType Prefix',
      },
    ],
  },
  {
    desc: 'misspelt IPAddressPool field (CRD not in the set: built-in MetalLB fields)',
    file: 'metallb-pool-typo.yaml',
    want: [
      {
        check: 'unknown-field',
        kind: 'IPAddressPool',
        field: 'spec.adresses',
        message: 'unknown field "spec.adresses"',
      },
    ],
  },
  {
    desc: 'pool without L2Advertisement',
    file: 'metallb-config-no-l2.yaml',
    want: [
      {
        check: 'metallb-not-announced',
        kind: 'IPAddressPool',
        field: 'metadata.name',
        message: 'IPAddressPool "first-pool" is not announced',
        severity: 'warning',
      },
    ],
  },
  {
    desc: 'misspelt Deployment field',
    file: 'web-deploy-replicas-typo.yaml',
    want: [
      {
        check: 'unknown-field',
        kind: 'Deployment',
        field: 'spec.replcas',
        message: 'unknown field "spec.replcas"',
      },
    ],
  },
];

function summary(f: Finding): string {
  return `${f.check} ${f.object?.kind ?? '-'} ${f.field}: ${f.message}`;
}

describe('lab mistakes', () => {
  for (const c of cases) {
    test(c.desc, async () => {
      const files = await loadManifestFiles([join(DIR, c.file)]);
      const got = await checkManifests(files);
      assert.equal(got.length, c.want.length, `findings:\n${got.map(summary).join('\n')}`);
      for (const w of c.want) {
        const hit = got.find(
          (f) =>
            f.check === w.check &&
            f.object?.kind === w.kind &&
            f.field === w.field &&
            f.message.includes(w.message),
        );
        assert.ok(hit, `no finding like ${JSON.stringify(w)} in:\n${got.map(summary).join('\n')}`);
        assert.equal(hit.severity, w.severity ?? 'error');
        assert.ok(hit.fix.length > 0, 'every finding says how to fix it');
        assert.ok(hit.line !== undefined && hit.line > 0, 'every finding points at a line');
        assert.equal(hit.file, files[0]?.path);
      }
    });
  }

  test('a misspelt IPAddressPool field is found from the MetalLB CRD schema when the CRDs are in the set', async () => {
    const upstream = join(DIR, '..', '..', '..', 'manifests', 'upstream', 'metallb-native-v0.13.10.yaml');
    const got = await checkManifests(
      await loadManifestFiles([upstream, join(DIR, 'metallb-pool-typo.yaml')]),
    );
    assert.deepEqual(
      got.map((f) => [f.check, f.object?.kind, f.field, f.fix]),
      [
        [
          'unknown-field',
          'IPAddressPool',
          'spec.adresses',
          'did you mean "addresses"? (check spelling and indentation)',
        ],
      ],
    );
  });

  test('every fixture file has a row', async () => {
    const files = await loadManifestFiles([DIR]);
    const named = new Set(cases.map((c) => c.file));
    assert.deepEqual(
      files.map((f) => f.path.slice(DIR.length + 1)).filter((p) => !named.has(p)),
      [],
    );
  });
});
