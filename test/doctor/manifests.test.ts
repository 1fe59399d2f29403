/**
 * The finished lab: manifests/ (with the vendored upstream installs) passes every check with zero
 * findings, and each kustomize overlay renders with its own LoadBalancer pool.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { checkManifests, formatFinding, loadManifestFiles } from '../../src/doctor/index.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const MANIFESTS = join(ROOT, 'manifests');
const UPSTREAM = join(MANIFESTS, 'upstream');
const run = promisify(execFile);

async function kustomize(dir: string): Promise<string> {
  const { stdout } = await run('kubectl', ['kustomize', dir], { cwd: ROOT, maxBuffer: 16 << 20 });
  return stdout;
}

async function hasKubectl(): Promise<boolean> {
  try {
    await run('kubectl', ['version', '--client'], { timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

function objectsOf(text: string): Record<string, unknown>[] {
  return parseAllDocuments(text).map((d) => d.toJS() as Record<string, unknown>);
}

function poolAddresses(text: string): unknown {
  const pool = objectsOf(text).find((o) => o['kind'] === 'IPAddressPool');
  return (pool?.['spec'] as Record<string, unknown> | undefined)?.['addresses'];
}

describe('finished manifests', () => {
  test('manifests/ with the upstream MetalLB, ingress-nginx and Dashboard installs: zero findings', async () => {
    const files = await loadManifestFiles([MANIFESTS]);
    assert.ok(
      files.some((f) => f.path.startsWith(UPSTREAM)),
      'the upstream installs are part of the set',
    );
    assert.ok(files.length >= 16, `expected the lab's files, got ${files.length}`);
    const findings = await checkManifests(files);
    assert.deepEqual(findings.map(formatFinding), []);
  });

  test('the lab manifests alone (no upstream objects): zero findings, cross-references skip', async () => {
    const dirs = ['kubernetes-networks', 'coredns', 'dashboard', 'canary'].map((d) => join(MANIFESTS, d));
    const findings = await checkManifests(await loadManifestFiles(dirs));
    assert.deepEqual(findings.map(formatFinding), []);
  });

  test('the vendored upstream installs are unchanged copies (when the shared originals are present)', async (t) => {
    const shared = new URL('../../../shared/upstream', import.meta.url).pathname;
    for (const name of [
      'metallb-native-v0.13.10.yaml',
      'ingress-nginx-baremetal-v1.8.0.yaml',
      'dashboard-recommended-v2.7.0.yaml',
    ]) {
      let original: string;
      try {
        original = await readFile(join(shared, name), 'utf8');
      } catch {
        t.skip(`${shared} not on this machine`);
        return;
      }
      assert.equal(await readFile(join(UPSTREAM, name), 'utf8'), original, name);
    }
  });
});

describe('kustomize overlays', async () => {
  const kubectl = await hasKubectl();
  const rows = [
    {
      desc: 'minikube keeps the lab pool',
      overlay: 'overlays/minikube',
      pool: ['172.17.255.1-172.17.255.255'],
    },
    {
      desc: 'kubelab uses the loopback pool',
      overlay: 'overlays/kubelab',
      pool: ['127.17.255.1-127.17.255.254'],
    },
  ];
  for (const row of rows) {
    test(row.desc, { skip: kubectl ? false : 'kubectl not installed' }, async () => {
      const text = await kustomize(join('manifests', row.overlay));
      assert.deepEqual(poolAddresses(text), row.pool);
      const kinds = objectsOf(text).map(
        (o) => `${String(o['kind'])}/${String((o['metadata'] as Record<string, unknown>)['name'])}`,
      );
      for (const want of [
        'Deployment/web',
        'Deployment/web-canary',
        'Service/coredns-lb',
        'Ingress/kubernetes-dashboard',
        'L2Advertisement/example',
      ]) {
        assert.ok(kinds.includes(want), `${want} missing from ${row.overlay}: ${kinds.join(' ')}`);
      }
      const upstream = await loadManifestFiles([UPSTREAM]);
      const findings = await checkManifests([
        ...upstream,
        { path: `kubectl kustomize ${row.overlay}`, text },
      ]);
      assert.deepEqual(findings.map(formatFinding), []);
    });
  }

  test(
    'the overlays differ only in the pool addresses',
    { skip: kubectl ? false : 'kubectl not installed' },
    async () => {
      const [a, b] = await Promise.all(rows.map((r) => kustomize(join('manifests', r.overlay))));
      const strip = (s: string): string => s.replace(/^ {2}- 1[27]{2}\.17\.255\.1-.*$/m, '  - POOL');
      assert.notEqual(a, b);
      assert.equal(strip(a ?? ''), strip(b ?? ''));
    },
  );
});
