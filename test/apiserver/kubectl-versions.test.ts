/** The key kubectl commands with the binaries 1.30, 1.31 and 1.33 as well (the dispatcher picks 1.32). */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { kubectlBinary, startLab, UPSTREAM } from './harness.ts';

const F = join(import.meta.dirname, 'fixtures');

for (const minor of [30, 31, 33]) {
  const bin = kubectlBinary(minor);
  describe(`kubectl 1.${minor}`, { skip: existsSync(bin) ? false : `${bin} is not installed` }, () => {
    test('get, apply (client- and server-side), errors, describe, delete', async (t) => {
      const lab = await startLab(t);
      const k = (args: string[]): ReturnType<typeof lab.kubectl> => lab.kubectl(args, { bin });
      const version = await k(['version']);
      assert.match(version.stdout, new RegExp(`Client Version: v1\\.${minor}\\.`));
      assert.match((await k(['get', 'nodes'])).stdout, /kubelab\s+Ready\s+control-plane/);
      const metallb = await k(['apply', '-f', join(UPSTREAM, 'metallb-native-v0.13.10.yaml')]);
      assert.equal(metallb.code, 0, metallb.stderr);
      const pool = await k(['apply', '-f', join(F, 'metallb-pool.yaml')]);
      assert.match(pool.stdout, /ipaddresspool\.metallb\.io\/default created/, pool.stderr);
      assert.equal((await k(['apply', '-f', join(F, 'web-pod.yaml')])).stdout.trim(), 'pod/nginx created');
      assert.equal((await k(['apply', '-f', join(F, 'web-pod.yaml')])).stdout.trim(), 'pod/nginx unchanged');
      const ssa = await k(['apply', '--server-side', '-f', join(F, 'web-deploy.yaml')]);
      assert.equal(ssa.stdout.trim(), 'deployment.apps/web serverside-applied', ssa.stderr);
      const broken = await k(['apply', '-f', join(F, 'web-deploy-broken.yaml')]);
      assert.match(broken.stderr, /maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0/);
      const ing = await k(['apply', '-f', join(F, 'web-ingress-old.yaml')]);
      assert.match(ing.stderr, /unknown field "spec\.rules\[0\]\.http\.paths\[0\]\.backend\.serviceName"/);
      const pods = await k(['get', 'pods', '-A']);
      assert.match(pods.stdout, /^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
      const desc = await k(['describe', 'svc', 'kubernetes']);
      assert.match(desc.stdout, /^Endpoints:\s+127\.0\.0\.1:\d+$/m, desc.stderr);
      const del = await k(['delete', 'pod/nginx', '--grace-period=0', '--force']);
      assert.equal(del.stdout.trim(), 'pod "nginx" force deleted', del.stderr);
    });
  });
}
