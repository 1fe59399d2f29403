/**
 * `kubectl explain` (the real kubectl 1.32) against the API server: built-in kinds explain from the
 * generated /openapi/v3 component schemas with upstream's descriptions, types, -required- marks and
 * enums; a wrong path gives kubectl's error; a custom resource explains from its CRD's schema. Plus the
 * documents themselves: complete per group/version, CRD schemas merged in, hashes that follow changes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { openapiGroupVersion, openapiRoot } from '../../src/apiserver/openapi/index.ts';
import { BUILTIN_RESOURCES } from '../../src/apiserver/registry/builtins.ts';
import { Registry } from '../../src/apiserver/registry/registry.ts';
import { startLab, UPSTREAM } from './harness.ts';
import type { Lab } from './harness.ts';

async function explain(lab: Lab, args: string[]): Promise<string> {
  const r = await lab.kubectl(['explain', ...args]);
  assert.equal(r.code, 0, `explain ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function lines(out: string): string[] {
  return out.split('\n');
}

/** The text of a wrapped, indented description, on one line. */
function flat(out: string): string {
  return out.replace(/\s+/g, ' ');
}

/** The IPAddressPool CRD alone, from the vendored MetalLB manifest. */
function ipAddressPoolCrd(): string {
  const docs = parseAllDocuments(readFileSync(join(UPSTREAM, 'metallb-native-v0.13.10.yaml'), 'utf8'));
  const crd = docs
    .map((d) => d.toJS() as { kind?: string; metadata?: { name?: string } } | null)
    .find((o) => o?.kind === 'CustomResourceDefinition' && o.metadata?.name === 'ipaddresspools.metallb.io');
  assert.ok(crd, 'the MetalLB manifest has the IPAddressPool CRD');
  return JSON.stringify(crd);
}

describe('kubectl explain', () => {
  test('a field path shows the group, kind, field type and upstream descriptions', async (t) => {
    const lab = await startLab(t);
    const out = await explain(lab, ['deployment.spec.strategy.rollingUpdate']);
    const l = lines(out);
    assert.deepEqual(l.slice(0, 5), [
      'GROUP:      apps',
      'KIND:       Deployment',
      'VERSION:    v1',
      '',
      'FIELD: rollingUpdate <RollingUpdateDeployment>',
    ]);
    assert.ok(l.includes('  maxSurge\t<IntOrString>'), out);
    assert.ok(l.includes('  maxUnavailable\t<IntOrString>'), out);
    // The field's own description, then its type's.
    assert.match(
      flat(out),
      /Rolling update config params\. Present only if DeploymentStrategyType = RollingUpdate\./,
    );
    assert.match(flat(out), /Spec to control the desired behavior of rolling update\./);

    const surge = await explain(lab, ['deployment.spec.strategy.rollingUpdate.maxSurge']);
    assert.ok(lines(surge).includes('FIELD: maxSurge <IntOrString>'), surge);
    assert.match(
      flat(surge),
      /The maximum number of pods that can be scheduled above the desired number of pods\./,
    );
    assert.match(flat(surge), /IntOrString is a type that can hold an int32 or a string\./);
  });

  test('field types: lists, maps, quantities, integers, times, -required- and enums', async (t) => {
    const lab = await startLab(t);
    const podSpec = lines(await explain(lab, ['pod.spec']));
    for (const want of [
      '  containers\t<[]Container> -required-',
      '  nodeSelector\t<map[string]string>',
      '  overhead\t<map[string]Quantity>',
      '  terminationGracePeriodSeconds\t<integer>',
      '  hostNetwork\t<boolean>',
      '  restartPolicy\t<string>',
      '  enum: Always, Never, OnFailure',
    ]) {
      assert.ok(podSpec.includes(want), `pod.spec has ${JSON.stringify(want)}:\n${podSpec.join('\n')}`);
    }
    const svc = await explain(lab, ['svc.spec']);
    assert.deepEqual(lines(svc).slice(0, 4), [
      'KIND:       Service',
      'VERSION:    v1',
      '',
      'FIELD: spec <ServiceSpec>',
    ]);
    for (const want of [
      '  ports\t<[]ServicePort>',
      '  selector\t<map[string]string>',
      '  type\t<string>',
      '  enum: ClusterIP, ExternalName, LoadBalancer, NodePort',
    ]) {
      assert.ok(lines(svc).includes(want), `svc.spec has ${JSON.stringify(want)}:\n${svc}`);
    }
    const meta = lines(await explain(lab, ['configmap.metadata']));
    assert.ok(meta.includes('  creationTimestamp\t<string>'), meta.join('\n'));
    assert.ok(meta.includes('  ownerReferences\t<[]OwnerReference>'), meta.join('\n'));
    const hpa = lines(await explain(lab, ['hpa.spec']));
    assert.ok(hpa.includes('GROUP:      autoscaling'), hpa.join('\n'));
    assert.ok(hpa.includes('  maxReplicas\t<integer> -required-'), hpa.join('\n'));
  });

  test('--recursive lists nested fields without descriptions', async (t) => {
    const lab = await startLab(t);
    const out = await explain(lab, ['pod.spec.containers.readinessProbe', '--recursive']);
    const l = lines(out);
    assert.ok(l.includes('FIELD: readinessProbe <Probe>'), out);
    for (const want of [
      '  exec\t<ExecAction>',
      '    command\t<[]string>',
      '  httpGet\t<HTTPGetAction>',
      '    httpHeaders\t<[]HTTPHeader>',
      '      name\t<string> -required-',
      '    port\t<IntOrString> -required-',
      '    scheme\t<string>',
      '    enum: HTTP, HTTPS',
      '  periodSeconds\t<integer>',
      '  tcpSocket\t<TCPSocketAction>',
    ]) {
      assert.ok(l.includes(want), `has ${JSON.stringify(want)}:\n${out}`);
    }
    assert.doesNotMatch(
      out.split('FIELDS:')[1] ?? '',
      /How often \(in seconds\)/,
      'no descriptions under FIELDS',
    );
  });

  test('a field that does not exist gives kubectl error', async (t) => {
    const lab = await startLab(t);
    const r = await lab.kubectl(['explain', 'pod.spec.nope']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim(), 'error: field "nope" does not exist');
  });

  test('every built-in kind kubelab serves explains, at its own group/version', async (t) => {
    const lab = await startLab(t);
    const failed: string[] = [];
    for (const r of BUILTIN_RESOURCES) {
      const gv = r.group === '' ? r.version : `${r.group}/${r.version}`;
      const out = await lab.kubectl(['explain', r.resource, `--api-version=${gv}`]);
      const head = `${r.group ? `GROUP:      ${r.group}\n` : ''}KIND:       ${r.kind}\nVERSION:    ${r.version}\n`;
      if (out.code !== 0 || !out.stdout.startsWith(head) || !/^FIELDS:$/m.test(out.stdout)) {
        failed.push(`${r.resource} ${gv}: ${out.stderr.trim() || out.stdout.slice(0, 200)}`);
      }
    }
    assert.deepEqual(failed, []);
  });

  test('a custom resource explains from its CRD schema', async (t) => {
    const lab = await startLab(t);
    const applied = await lab.kubectl(['apply', '-f', '-'], { input: ipAddressPoolCrd() });
    assert.equal(applied.code, 0, applied.stderr);
    const out = await explain(lab, ['ipaddresspool.spec']);
    const l = lines(out);
    assert.deepEqual(l.slice(0, 5), [
      'GROUP:      metallb.io',
      'KIND:       IPAddressPool',
      'VERSION:    v1beta1',
      '',
      'FIELD: spec <Object>',
    ]);
    assert.ok(l.includes('  addresses\t<[]string> -required-'), out);
    assert.ok(l.includes('  autoAssign\t<boolean>'), out);
    assert.match(flat(out), /IPAddressPoolSpec defines the desired state of IPAddressPool\./);
    const top = lines(await explain(lab, ['ipaddresspool']));
    assert.ok(top.includes('  metadata\t<ObjectMeta>'), top.join('\n'));
    assert.ok(top.includes('  spec\t<Object> -required-'), top.join('\n'));
    const bad = await lab.kubectl(['explain', 'ipaddresspool.spec.nope']);
    assert.equal(bad.stderr.trim(), 'error: field "nope" does not exist');
  });
});

type Doc = {
  paths: Record<string, unknown>;
  components: { schemas: Record<string, Record<string, unknown>> };
};

function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refs(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

function hashes(registry: Registry): Record<string, string> {
  const root = openapiRoot(registry, 'v1.32.0') as { paths: Record<string, { serverRelativeURL: string }> };
  return Object.fromEntries(
    Object.entries(root.paths).map(([p, v]) => [p, v.serverRelativeURL.split('hash=')[1]!]),
  );
}

describe('the /openapi/v3 documents explain reads', () => {
  test('each group/version carries its kinds with x-kubernetes-group-version-kind and every schema they reference', () => {
    const registry = new Registry();
    for (const g of registry.groups()) {
      for (const v of g.versions) {
        const doc = openapiGroupVersion(registry, g.name, v.version, 'v1.32.0') as Doc;
        const schemas = doc.components.schemas;
        for (const r of v.resources) {
          const named = Object.values(schemas).filter((s) =>
            (
              s['x-kubernetes-group-version-kind'] as
                { group: string; version: string; kind: string }[] | undefined
            )?.some((k) => k.group === g.name && k.version === v.version && k.kind === r.kind),
          );
          assert.equal(named.length, 1, `${g.name}/${v.version} ${r.kind} has one schema`);
        }
        for (const ref of refs(schemas)) {
          assert.ok(
            schemas[ref.replace('#/components/schemas/', '')],
            `${g.name}/${v.version}: ${ref} resolves`,
          );
        }
      }
    }
    const core = openapiGroupVersion(registry, '', 'v1', 'v1.32.0') as Doc;
    assert.deepEqual(core.components.schemas['io.k8s.api.core.v1.Pod']!['x-kubernetes-group-version-kind'], [
      { group: '', kind: 'Pod', version: 'v1' },
    ]);
    assert.equal(
      core.components.schemas['io.k8s.api.apps.v1.Deployment'],
      undefined,
      'apps kinds live in apps/v1',
    );
  });

  test('a CRD adds its schemas to its group/version only; changing it changes that hash alone', () => {
    const registry = new Registry();
    const before = hashes(registry);
    const crd = JSON.parse(ipAddressPoolCrd()) as Parameters<Registry['setCrd']>[0];
    registry.setCrd(crd);
    const withCrd = hashes(registry);
    assert.deepEqual(
      { ...withCrd, 'apis/metallb.io/v1beta1': undefined },
      { ...before, 'apis/metallb.io/v1beta1': undefined },
    );
    const doc = openapiGroupVersion(registry, 'metallb.io', 'v1beta1', 'v1.32.0') as Doc;
    const pool = doc.components.schemas['io.metallb.v1beta1.IPAddressPool']!;
    assert.deepEqual(pool['x-kubernetes-group-version-kind'], [
      { group: 'metallb.io', kind: 'IPAddressPool', version: 'v1beta1' },
    ]);
    assert.deepEqual((pool.properties as Record<string, unknown>).metadata, {
      allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }],
      description:
        "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    });
    assert.ok(doc.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']);
    assert.ok(doc.components.schemas['io.metallb.v1beta1.IPAddressPoolList']);
    const changed = structuredClone(crd) as unknown as {
      spec: { versions: { schema: { openAPIV3Schema: { description: string } } }[] };
    };
    changed.spec.versions[0]!.schema.openAPIV3Schema.description = 'changed';
    registry.setCrd(changed as unknown as Parameters<Registry['setCrd']>[0]);
    const after = hashes(registry);
    assert.notEqual(after['apis/metallb.io/v1beta1'], withCrd['apis/metallb.io/v1beta1']);
    assert.equal(after['apis/apps/v1'], before['apis/apps/v1']);
  });
});
