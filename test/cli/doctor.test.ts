/** `kubelab doctor` as a user runs it: the lab's mistakes fail with a fix each; the finished lab passes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const doctor = (...paths: string[]) =>
  spawnSync(join(ROOT, 'bin/kubelab'), ['doctor', ...paths], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });

test('kubelab doctor explains the lab’s mistakes and exits 1', () => {
  const r = doctor(
    'test/fixtures/lab-mistakes/web-deploy-both-zero.yaml',
    'test/fixtures/lab-mistakes/web-ingress-v1beta1-backend.yaml',
  );
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /web-deploy-both-zero\.yaml:\d+: error .*may not be 0 when `maxSurge` is 0/);
  assert.match(
    r.stdout,
    /web-ingress-v1beta1-backend\.yaml:\d+: error .*unknown field "spec\.rules\[0\]\.http\.paths\[0\]\.backend\.serviceName"/,
  );
  assert.match(r.stdout, /^ {2}fix: /m);
  assert.match(r.stdout, /2 file\(s\) checked: \d+ error\(s\)/);
});

test('kubelab doctor passes the finished lab with the upstream installs', () => {
  const r = doctor(
    'manifests/kubernetes-networks',
    'manifests/coredns',
    'manifests/canary',
    'manifests/dashboard',
    'manifests/upstream',
  );
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /no problems found/);
});

test('kubelab doctor says so when a path holds no manifests', () => {
  const r = doctor('src/core');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^kubelab: no \.yaml, \.yml or \.json files in src\/core$/m);
});
