/**
 * metadata.managedFields through the real kubectl: server-side apply records ownership, another
 * manager (kubectl scale) takes .spec.replicas, the next apply conflicts with upstream's message and
 * kubectl's help text, --force-conflicts takes it back, and --show-managed-fields shows the record.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { startLab } from './harness.ts';
import type { Lab } from './harness.ts';

const WEB = new URL('../../manifests/kubernetes-networks/web-deploy.yaml', import.meta.url).pathname;

interface Entry {
  manager: string;
  operation: string;
  apiVersion: string;
  time: string;
  fieldsType: string;
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

async function ok(lab: Lab, args: string[], input?: string): Promise<string> {
  const r = await lab.kubectl(args, input === undefined ? {} : { input });
  assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function managedFields(lab: Lab, name = 'deploy/web'): Promise<Entry[]> {
  const out = await ok(lab, ['get', name, '-o', 'yaml', '--show-managed-fields']);
  return (parse(out) as { metadata: { managedFields?: Entry[] } }).metadata.managedFields ?? [];
}

test('apply, scale by another manager, conflicting re-apply, --force-conflicts', async (t) => {
  const lab = await startLab(t);
  assert.match(
    await ok(lab, ['apply', '--server-side', '-f', WEB]),
    /deployment.apps\/web serverside-applied/,
  );
  let entries = await managedFields(lab);
  assert.deepEqual(
    entries.map((e) => [e.manager, e.operation, e.apiVersion, e.fieldsType]),
    [['kubectl', 'Apply', 'apps/v1', 'FieldsV1']],
  );
  assert.match(entries[0]!.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, 'RFC 3339 to the second');
  const spec = entries[0]!.fieldsV1['f:spec'] as Record<string, Record<string, unknown>>;
  assert.deepEqual(spec['f:replicas'], {});
  assert.deepEqual(spec['f:selector'], {});
  const containers = (
    spec['f:template']!['f:spec'] as Record<string, Record<string, Record<string, unknown>>>
  )['f:containers']!;
  assert.deepEqual(Object.keys(containers), ['k:{"name":"web"}']);
  assert.deepEqual(containers['k:{"name":"web"}']!['f:ports'], {
    'k:{"containerPort":8000,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:name': {} },
  });

  // Plain -o yaml hides them (kubectl strips managedFields itself).
  assert.doesNotMatch(await ok(lab, ['get', 'deploy/web', '-o', 'yaml']), /managedFields/);

  assert.match(await ok(lab, ['scale', 'deploy/web', '--replicas=5']), /scaled/);
  entries = await managedFields(lab);
  const scale = entries.find((e) => e.subresource === 'scale');
  assert.deepEqual(scale && [scale.manager, scale.operation, scale.apiVersion, scale.fieldsV1], [
    'kubectl',
    'Update',
    'apps/v1',
    { 'f:spec': { 'f:replicas': {} } },
  ]);
  const applier = entries.find((e) => e.operation === 'Apply')!;
  assert.equal(
    (applier.fieldsV1['f:spec'] as Record<string, unknown>)['f:replicas'],
    undefined,
    'scale took it',
  );

  const again = await lab.kubectl(['apply', '--server-side', '-f', WEB]);
  assert.equal(again.code, 1);
  assert.equal(
    again.stderr.split('\n')[0],
    'error: Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas',
  );
  assert.match(again.stderr, /re-run the apply\n {2}command with the `--force-conflicts` flag/);
  assert.equal(await ok(lab, ['get', 'deploy/web', '-o', 'jsonpath={.spec.replicas}']), '5');

  assert.match(
    await ok(lab, ['apply', '--server-side', '--force-conflicts', '-f', WEB]),
    /serverside-applied/,
  );
  assert.equal(await ok(lab, ['get', 'deploy/web', '-o', 'jsonpath={.spec.replicas}']), '3');
  entries = await managedFields(lab);
  assert.deepEqual(
    entries.map((e) => [e.manager, e.operation]),
    [['kubectl', 'Apply']],
    'the scale manager lost its only field and is gone',
  );
});

test('client-side apply and create record Update entries under kubectl’s field managers', async (t) => {
  const lab = await startLab(t);
  await ok(lab, ['apply', '-f', WEB]);
  await ok(lab, ['label', 'deploy/web', 'tier=fe']);
  const entries = await managedFields(lab);
  assert.deepEqual(
    entries.map((e) => [e.manager, e.operation]),
    [
      ['kubectl-client-side-apply', 'Update'],
      ['kubectl-label', 'Update'],
    ],
  );
  const meta = entries[0]!.fieldsV1['f:metadata'] as Record<string, unknown>;
  assert.deepEqual(meta['f:annotations'], {
    '.': {},
    'f:kubectl.kubernetes.io/last-applied-configuration': {},
  });
  assert.deepEqual(entries[1]!.fieldsV1, { 'f:metadata': { 'f:labels': { '.': {}, 'f:tier': {} } } });

  // A server-side apply under another manager of a field the client-side applier set to another
  // value conflicts with it (the manager `kubectl` would be let through by lastappliedmanager.go).
  const changed = (await import('node:fs')).readFileSync(WEB, 'utf8').replace('replicas: 3', 'replicas: 2');
  const r = await lab.kubectl(['apply', '--server-side', '--field-manager=ssa', '-f', '-'], {
    input: changed,
  });
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr.split('\n')[0],
    'error: Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
  );
});

test('fields an applier stops applying are removed unless another manager owns them', async (t) => {
  const lab = await startLab(t);
  const cm = (data: string) =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels: {a: "1", b: "2"}\ndata: {${data}}\n`;
  await ok(lab, ['apply', '--server-side', '--field-manager=one', '-f', '-'], cm('p: "1", q: "2"'));
  await ok(lab, ['apply', '--server-side', '--field-manager=two', '-f', '-'], cm('q: "2"'));
  await ok(lab, ['apply', '--server-side', '--field-manager=one', '-f', '-'], cm('r: "3"'));
  const out = parse(await ok(lab, ['get', 'cm/c', '-o', 'yaml'])) as { data: Record<string, string> };
  assert.deepEqual(out.data, { q: '2', r: '3' }, 'p removed; q kept because "two" owns it');
  // An empty list resets the record (upstream isResetManagedFields).
  await ok(lab, ['patch', 'cm/c', '--type=merge', '-p', '{"metadata":{"managedFields":[]}}']);
  assert.deepEqual(await managedFields(lab, 'cm/c'), []);
});
