/** Server-side apply, approximated: create when absent, strategic-style merge when present. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { GroupVersionKind, KubeObject } from '../../core/index.ts';
import { ApiError } from '../../core/index.ts';
import { applyPatch } from './index.ts';
import { deepFreeze, webDeployment } from './fixtures.test-util.ts';

const DEPLOYMENT: GroupVersionKind = { group: 'apps', version: 'v1', kind: 'Deployment' };

/** The body `kubectl apply --server-side -f web-deploy.yaml` sends (§4.4): the manifest as JSON. */
function appliedWeb(image: string, replicas: number): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web', tier: 'frontend' } },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image }] },
      },
    },
  };
}

function ssa(live: KubeObject | undefined, applied: unknown, gvk = DEPLOYMENT, builtIn = true): KubeObject {
  return applyPatch({
    type: 'apply',
    gvk,
    live: live && deepFreeze(live),
    patch: deepFreeze(applied),
    builtIn,
    fieldManager: 'kubectl',
    force: false,
  });
}

describe('server-side apply', () => {
  test('an absent object: the applied configuration is the new object, managedFields stripped', () => {
    const body = appliedWeb('nginx:1.25', 2);
    const got = ssa(undefined, {
      ...body,
      metadata: { ...(body.metadata as object), managedFields: [{ manager: 'someone' }] },
    });
    assert.deepEqual(got, body);
  });

  test('merge into a Deployment: changed fields win, containers merge by name, the rest is kept', () => {
    const got = ssa(webDeployment(), appliedWeb('nginx:1.26', 3));
    const spec = got.spec as {
      replicas: number;
      template: { spec: { containers: unknown[] } };
      strategy: unknown;
    };
    assert.equal(spec.replicas, 3);
    assert.deepEqual(got.metadata.labels, { app: 'web', tier: 'frontend' });
    assert.equal(got.metadata.uid, webDeployment().metadata.uid);
    assert.equal(got.metadata.resourceVersion, '1200');
    assert.deepEqual(spec.template.spec.containers, [
      {
        name: 'web',
        image: 'nginx:1.26',
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        env: [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
        ],
      },
      { name: 'log', image: 'busybox:1.36', args: ['tail', '-f', '/dev/null'] },
    ]);
    assert.deepEqual(spec.strategy, {
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
    });
    assert.deepEqual(got.status, webDeployment().status);
  });

  test('a resourceVersion in the applied configuration is carried for the caller to check', () => {
    const body = appliedWeb('nginx:1.26', 3);
    const got = ssa(webDeployment(), {
      ...body,
      metadata: { ...(body.metadata as object), resourceVersion: '7' },
    });
    assert.equal(got.metadata.resourceVersion, '7');
  });

  test('custom resource lists are replaced whole', () => {
    const gvk = { group: 'metallb.io', version: 'v1beta1', kind: 'IPAddressPool' };
    const live: KubeObject = {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'IPAddressPool',
      metadata: { name: 'first-pool', namespace: 'metallb-system' },
      spec: { addresses: ['172.18.255.200-172.18.255.250'], autoAssign: true },
    };
    const got = ssa(live, { ...live, spec: { addresses: ['172.18.255.200-172.18.255.240'] } }, gvk, false);
    assert.deepEqual(got.spec, { addresses: ['172.18.255.200-172.18.255.240'], autoAssign: true });
  });

  test('an apply configuration of another version is 400', () => {
    assert.throws(
      () => ssa(webDeployment(), { ...appliedWeb('nginx', 1), apiVersion: 'apps/v1beta2' }),
      (err: unknown) =>
        err instanceof ApiError &&
        err.code === 'BAD_REQUEST' &&
        err.message ===
          'Incorrect version specified in apply patch. Specified patch version: apps/v1beta2, expected: apps/v1',
    );
  });

  test('apply without fieldManager is 422 as kube answers it', () => {
    assert.throws(
      () =>
        applyPatch({
          type: 'apply',
          gvk: DEPLOYMENT,
          live: undefined,
          patch: appliedWeb('nginx', 1),
          builtIn: true,
        }),
      (err: unknown) =>
        err instanceof ApiError &&
        err.code === 'INVALID' &&
        err.message ===
          'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    );
  });
});
