/**
 * `kubelab up` as a new user runs it: the real CLI in the background, the real kubectl over TLS
 * with the generated kubeconfig, then kill -9 and `up` again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { makeLab, tempDir, testPlanArgs, waitFor } from './lab.ts';

test('kubelab up --detach --bare: kubectl works over TLS; objects survive kill -9; a watch resumes from an old resourceVersion', async (t) => {
  const dataDir = tempDir('kubelab-up-');
  const lab = makeLab(dataDir);
  t.after(() => lab.dispose());
  const plan = testPlanArgs();
  const upArgs = ['up', '--detach', '--bare', '--data-dir', dataDir, '--no-kubeconfig', ...plan.args];

  const up = lab.kubelab(upArgs);
  assert.equal(up.status, 0, up.stderr);
  assert.match(up.stdout, /kubelab is up/);
  const kubeconfig = readFileSync(lab.kubeconfig, 'utf8');
  assert.match(kubeconfig, new RegExp(`server: https://${plan.apiHost.replaceAll('.', '\\.')}:6443`));
  assert.match(kubeconfig, /certificate-authority-data: /);
  assert.match(kubeconfig, /token: [0-9a-f]{48}/);

  const nodes = lab.kubectl(['get', 'nodes', '-o', 'wide']);
  assert.equal(nodes.status, 0, nodes.stderr);
  assert.match(nodes.stdout, /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP/m);
  assert.match(
    nodes.stdout,
    new RegExp(
      `^kubelab\\s+Ready\\s+control-plane\\s+\\S+\\s+v1\\.32\\.\\d+\\s+${plan.nodeIP.replaceAll('.', '\\.')}`,
      'm',
    ),
  );

  const ns = lab.kubectl(['get', 'ns']);
  for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    assert.match(ns.stdout, new RegExp(`^${name}\\s+Active`, 'm'));
  }
  const svc = lab.kubectl(['get', 'svc', 'kubernetes']);
  assert.match(svc.stdout, /^kubernetes\s+ClusterIP\s+127\.52\.\d+\.1\s+<none>\s+443\/TCP/m, svc.stdout);

  const noToken = lab.kubectl(['get', 'ns', '--token', 'wrong']);
  assert.notEqual(noToken.status, 0, 'a wrong bearer token is refused');
  assert.match(noToken.stderr, /Unauthorized|must be logged in/);

  const created = lab.kubectl(['apply', '-f', '-'], {
    input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: survivor\ndata:\n  a: "1"\n',
  });
  assert.equal(created.status, 0, created.stderr);
  const uid = lab.kubectl([
    'get',
    'cm',
    'survivor',
    '-o',
    'jsonpath={.metadata.uid} {.metadata.resourceVersion}',
  ]).stdout;
  const [uidBefore, rvBefore] = uid.split(' ');
  assert.ok(uidBefore && rvBefore);
  const changed = lab.kubectl(['patch', 'cm', 'survivor', '-p', '{"data":{"a":"2"}}']);
  assert.equal(changed.status, 0, changed.stderr);

  const pid = Number(readFileSync(`${dataDir}/kubelab.pid`, 'utf8'));
  process.kill(pid, 'SIGKILL');
  await waitFor('the killed kubelab to exit', () => {
    try {
      process.kill(pid, 0);
      return false;
    } catch {
      return true;
    }
  });
  const status = lab.kubelab(['status', '--data-dir', dataDir]);
  assert.match(status.stdout, /Stopped/);

  const again = lab.kubelab(upArgs);
  assert.equal(again.status, 0, again.stderr);
  const after = lab.kubectl(['get', 'cm', 'survivor', '-o', 'jsonpath={.metadata.uid} {.data.a}']).stdout;
  assert.equal(
    after,
    `${uidBefore} 2`,
    'the object is back with the same uid and its last acknowledged write',
  );

  // A watch from the resourceVersion seen before the kill replays the MODIFIED event it missed.
  const watch = lab.kubectl([
    'get',
    '--raw',
    `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rvBefore}&timeoutSeconds=1&fieldSelector=metadata.name%3Dsurvivor`,
  ]);
  assert.equal(watch.status, 0, watch.stderr);
  const events = watch.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { type: string; object: { data?: { a?: string } } });
  assert.equal(events[0]?.type, 'MODIFIED');
  assert.equal(events[0]?.object.data?.a, '2');

  const down = lab.kubelab(['down', '--data-dir', dataDir]);
  assert.equal(down.status, 0, down.stderr);
  assert.match(down.stdout, /kubelab stopped/);
  assert.match(lab.kubelab(['status', '--data-dir', dataDir]).stdout, /Stopped/);
});
