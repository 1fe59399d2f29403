/** Golden bodies captured from kubectl 1.32 decode to the JSON objects kubectl itself prints for them. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { decodeProtobufObject } from './index.ts';

interface Golden {
  desc: string;
  /** Where `want` comes from: kubectl's own JSON for the same object, or a reviewed decode. */
  oracle: string;
  method: string;
  path: string;
  body: string;
  want: unknown;
}

const GOLDENS = JSON.parse(
  readFileSync(new URL('./testdata/kubectl-1.32-bodies.json', import.meta.url), 'utf8'),
) as Golden[];

describe('protobuf bodies sent by kubectl 1.32', () => {
  test('the golden set covers every kubectl command that sends protobuf', () => {
    const kinds = new Set(GOLDENS.map((g) => (g.want as { kind: string }).kind));
    for (const kind of ['ConfigMap', 'Secret', 'Namespace', 'ServiceAccount', 'Deployment', 'Service', 'Job'])
      assert.ok(kinds.has(kind), kind);
    for (const kind of [
      'CronJob',
      'Role',
      'RoleBinding',
      'ClusterRole',
      'ClusterRoleBinding',
      'ResourceQuota',
    ])
      assert.ok(kinds.has(kind), kind);
    for (const kind of [
      'PriorityClass',
      'PodDisruptionBudget',
      'Ingress',
      'TokenRequest',
      'HorizontalPodAutoscaler',
    ])
      assert.ok(kinds.has(kind), kind);
  });

  for (const g of GOLDENS) {
    test(g.desc, () => {
      const body = Buffer.from(g.body, 'base64');
      assert.deepEqual(decodeProtobufObject(body), g.want);
    });
  }
});
