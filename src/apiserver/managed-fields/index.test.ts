/** The field manager's bookkeeping: Update ownership, Apply conflicts, force, removal, reset. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError } from '../../core/index.ts';
import type { KubeObject } from '../../core/index.ts';
import { recordApply, recordUpdate } from './index.ts';
import type { ManagerContext } from './index.ts';

const T0 = new Date('2026-01-02T03:04:05.678Z');
const T1 = new Date('2026-01-02T03:05:00.000Z');

function mc(manager: string, now = T0, subresource?: string): ManagerContext {
  return {
    group: 'apps',
    version: 'v1',
    kind: 'Deployment',
    builtIn: true,
    statusSubresource: true,
    manager,
    now,
    ...(subresource ? { subresource } : {}),
  };
}

function deploy(spec: Record<string, unknown>, meta: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', ...meta }, spec };
}

type Summary = [string, string, string | undefined, unknown];
const summary = (o: KubeObject): Summary[] =>
  ((o.metadata.managedFields ?? []) as Record<string, unknown>[]).map((e) => [
    e.manager as string,
    e.operation as string,
    e.subresource as string | undefined,
    e.fieldsV1,
  ]);

function apply(
  live: KubeObject | undefined,
  config: KubeObject,
  m: ManagerContext,
  force = false,
): KubeObject {
  // The merge itself is strategic merge; for these flat specs a shallow spec merge is the same.
  const merged = structuredClone(live ?? config);
  merged.spec = { ...(live?.spec as object), ...(config.spec as object) };
  if (config.metadata.annotations) merged.metadata.annotations = { ...config.metadata.annotations };
  return recordApply({ live, merged, config, force }, m);
}

describe('recordUpdate', () => {
  test('the writer owns what it set; time is RFC 3339 seconds', () => {
    const created = recordUpdate(undefined, deploy({ replicas: 1, paused: false }), mc('a'));
    assert.deepEqual(summary(created), [
      ['a', 'Update', undefined, { 'f:spec': { 'f:paused': {}, 'f:replicas': {} } }],
    ]);
    assert.equal((created.metadata.managedFields as { time: string }[])[0]!.time, '2026-01-02T03:04:05Z');
  });

  test('an update takes changed fields from other managers; a removed field leaves every set', () => {
    const live = recordUpdate(undefined, deploy({ replicas: 1, paused: false, minReadySeconds: 3 }), mc('a'));
    const next = structuredClone(live);
    next.spec = { replicas: 2, paused: false };
    const got = recordUpdate(live, next, mc('b', T1, 'scale'));
    assert.deepEqual(summary(got), [
      ['a', 'Update', undefined, { 'f:spec': { 'f:paused': {} } }],
      ['b', 'Update', 'scale', { 'f:spec': { 'f:replicas': {} } }],
    ]);
  });

  test('a manager whose set is unchanged keeps its time; an empty list resets the record', () => {
    const live = recordUpdate(undefined, deploy({ replicas: 1 }), mc('a'));
    const same = recordUpdate(live, { ...structuredClone(live), spec: { replicas: 2 } }, mc('a', T1));
    assert.equal((same.metadata.managedFields as { time: string }[])[0]!.time, '2026-01-02T03:04:05Z');
    const reset = structuredClone(live);
    reset.metadata.managedFields = [];
    assert.equal(recordUpdate(live, reset, mc('a', T1)).metadata.managedFields, undefined);
  });

  test('status writes through the main resource are not owned', () => {
    const got = recordUpdate(undefined, { ...deploy({ replicas: 1 }), status: { replicas: 1 } }, mc('a'));
    assert.deepEqual(summary(got), [['a', 'Update', undefined, { 'f:spec': { 'f:replicas': {} } }]]);
  });
});

describe('recordApply', () => {
  test('conflicts name each manager and path; force takes them over', () => {
    const live = recordUpdate(undefined, deploy({ replicas: 1, paused: false }), mc('kube-x'));
    const config = deploy({ replicas: 2, paused: true });
    assert.throws(
      () => apply(live, config, mc('me')),
      (err: unknown) => {
        assert.ok(err instanceof ApiError && err.code === 'CONFLICT');
        assert.equal(
          err.message,
          'Apply failed with 2 conflicts: conflicts with "kube-x" using apps/v1:\n- .spec.paused\n- .spec.replicas',
        );
        assert.deepEqual(err.details?.causes, [
          {
            reason: 'FieldManagerConflict',
            message: 'conflict with "kube-x" using apps/v1',
            field: '.spec.paused',
          },
          {
            reason: 'FieldManagerConflict',
            message: 'conflict with "kube-x" using apps/v1',
            field: '.spec.replicas',
          },
        ]);
        return true;
      },
    );
    const forced = apply(live, config, mc('me'), true);
    assert.deepEqual(summary(forced), [
      ['me', 'Apply', undefined, { 'f:spec': { 'f:paused': {}, 'f:replicas': {} } }],
    ]);
  });

  test('an equal value is shared, not a conflict', () => {
    const live = recordUpdate(undefined, deploy({ replicas: 1 }), mc('other'));
    const got = apply(live, deploy({ replicas: 1 }), mc('me'));
    assert.equal(summary(got).length, 2);
  });

  test('a field dropped from the configuration is removed unless someone else owns it', () => {
    const first = apply(undefined, deploy({ replicas: 1, paused: true, minReadySeconds: 5 }), mc('me'));
    const shared = apply(first, deploy({ minReadySeconds: 5 }), mc('other'));
    const merged = structuredClone(shared);
    const got = recordApply(
      { live: shared, merged, config: deploy({ replicas: 1 }), force: false },
      mc('me', T1),
    );
    assert.deepEqual(got.spec, { replicas: 1, minReadySeconds: 5 });
  });

  test('an object nobody tracked is owned by before-first-apply', () => {
    assert.throws(
      () => apply(deploy({ replicas: 4 }), deploy({ replicas: 2 }), mc('me')),
      /conflict with "before-first-apply" using apps\/v1: \.spec\.replicas/,
    );
  });

  test('kubectl upgrading from client-side apply is let through and rewrites the annotation', () => {
    const annotation = 'kubectl.kubernetes.io/last-applied-configuration';
    const csa = deploy(
      { replicas: 3 },
      {
        annotations: {
          [annotation]:
            '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":3}}\n',
        },
      },
    );
    const live = recordUpdate(undefined, csa, mc('kubectl-client-side-apply'));
    const got = apply(live, deploy({ replicas: 2 }), mc('kubectl'));
    assert.equal((got.spec as { replicas: number }).replicas, 2);
    assert.equal(
      got.metadata.annotations?.[annotation],
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":2}}\n',
    );
    assert.throws(() => apply(live, deploy({ replicas: 2 }), mc('someone')), /kubectl-client-side-apply/);
  });
});
