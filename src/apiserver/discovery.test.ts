import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aggregated, aggregatedContentType, aggregatedWanted, apiResourceList } from './discovery.ts';
import { openapiGroupVersion, openapiRoot } from './openapi.ts';
import { Registry } from './registry/registry.ts';

test('the aggregated discovery variant follows the Accept header as kubectl sends it', () => {
  const rows: { desc: string; accept: string | undefined; want: 'v2' | 'v2beta1' | undefined }[] = [
    {
      desc: 'kubectl >= 1.30',
      accept:
        'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json',
      want: 'v2',
    },
    {
      desc: 'kubectl 1.27-1.29',
      accept: 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json',
      want: 'v2beta1',
    },
    { desc: 'plain JSON', accept: 'application/json, */*', want: undefined },
    { desc: 'no Accept', accept: undefined, want: undefined },
  ];
  for (const r of rows) assert.equal(aggregatedWanted(r.accept), r.want, r.desc);
  assert.equal(
    aggregatedContentType('v2'),
    'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
  );
});

test('discovery carries shortNames, categories and subresources as kube-apiserver does', () => {
  const registry = new Registry();
  const apps = aggregated(registry, 'v2', false) as {
    items: { metadata: { name: string }; versions: { resources: Record<string, unknown>[] }[] }[];
  };
  const deploy = apps.items
    .find((g) => g.metadata.name === 'apps')!
    .versions[0]!.resources.find((r) => r.resource === 'deployments')!;
  assert.deepEqual(deploy.shortNames, ['deploy']);
  assert.deepEqual(deploy.categories, ['all']);
  assert.deepEqual(
    (deploy.subresources as { subresource: string; responseKind: { kind: string } }[]).map(
      (s) => `${s.subresource}:${s.responseKind.kind}`,
    ),
    ['scale:Scale', 'status:Deployment'],
  );
  const core = apiResourceList(registry, '', 'v1') as {
    resources: { name: string; categories?: string[] }[];
  };
  const withAll = core.resources.filter((r) => r.categories?.includes('all')).map((r) => r.name);
  assert.deepEqual(withAll, ['pods', 'replicationcontrollers', 'services']);
  assert.ok(core.resources.some((r) => r.name === 'pods/log'));
});

test('a CRD appears in discovery and /openapi/v3 when set and vanishes when removed', () => {
  const registry = new Registry();
  registry.setCrd({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'ipaddresspools.metallb.io' },
    spec: {
      group: 'metallb.io',
      scope: 'Namespaced',
      names: {
        plural: 'ipaddresspools',
        singular: 'ipaddresspool',
        kind: 'IPAddressPool',
        listKind: 'IPAddressPoolList',
      },
      versions: [{ name: 'v1beta1', served: true, storage: true, subresources: { status: {} } }],
    },
  });
  const root = openapiRoot(registry, 'v1.32.0') as { paths: Record<string, { serverRelativeURL: string }> };
  assert.match(
    root.paths['apis/metallb.io/v1beta1']!.serverRelativeURL,
    /^\/openapi\/v3\/apis\/metallb\.io\/v1beta1\?hash=[0-9A-F]{16}$/,
  );
  const doc = openapiGroupVersion(registry, 'metallb.io', 'v1beta1', 'v1.32.0') as {
    paths: Record<string, { patch: Record<string, unknown> }>;
  };
  const op = doc.paths['/apis/metallb.io/v1beta1/namespaces/{namespace}/ipaddresspools/{name}']!.patch;
  assert.deepEqual(op['x-kubernetes-group-version-kind'], {
    group: 'metallb.io',
    version: 'v1beta1',
    kind: 'IPAddressPool',
  });
  assert.deepEqual(op.parameters, [
    { name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } },
  ]);
  assert.equal(op.requestBody, undefined, 'no SMP requestBody, so kubectl uses its compiled-in types');
  registry.removeCrd('ipaddresspools.metallb.io');
  assert.equal(
    (openapiRoot(registry, 'v1.32.0') as { paths: Record<string, unknown> }).paths['apis/metallb.io/v1beta1'],
    undefined,
  );
});
