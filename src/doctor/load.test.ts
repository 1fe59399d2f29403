/** The loader picks files like `kubectl apply -f DIR -R`; findings render as one readable block each. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { formatFinding, loadManifestFiles } from './index.ts';

test('directories: .yaml/.yml/.json recursively, sorted, kustomize files skipped', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'doctor-load-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, 'sub'));
  for (const f of ['b.yaml', 'a.json', 'sub/c.yml', 'notes.txt', 'kustomization.yaml', 'sub/Kustomization']) {
    await writeFile(join(dir, f), 'x: 1\n');
  }
  const files = await loadManifestFiles([dir]);
  assert.deepEqual(
    files.map((f) => relative(dir, f.path)),
    ['a.json', 'b.yaml', 'sub/c.yml'],
  );
  assert.equal(files[0]?.text, 'x: 1\n');
});

test('a file given by name is read whatever its name', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'doctor-load-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'pod'), 'kind: Pod\n');
  assert.deepEqual(
    (await loadManifestFiles([join(dir, 'pod')])).map((f) => f.text),
    ['kind: Pod\n'],
  );
});

test('formatFinding: where, severity, check, object, field once, fix', () => {
  const text = formatFinding({
    check: 'service-target-port',
    severity: 'error',
    file: 'svc.yaml',
    line: 12,
    object: { kind: 'Service', namespace: 'default', name: 'web-svc' },
    field: 'spec.ports[0].targetPort',
    message: 'targetPort 80 is not a port the selected pods serve',
    fix: 'set targetPort to 8000',
  });
  assert.equal(
    text,
    'svc.yaml:12: error [service-target-port] Service default/web-svc spec.ports[0].targetPort: targetPort 80 is not a port the selected pods serve\n  fix: set targetPort to 8000',
  );
  const k8sWorded = formatFinding({
    check: 'rollout-both-zero',
    severity: 'error',
    file: 'd.yaml',
    object: { kind: 'Deployment', namespace: 'default', name: 'web' },
    field: 'spec.strategy.rollingUpdate.maxUnavailable',
    message:
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
    fix: 'allow a surge',
  });
  assert.match(k8sWorded, /^d\.yaml: error \[rollout-both-zero\] Deployment default\/web: spec\.strategy/);
});
