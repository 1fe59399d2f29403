/**
 * `kubelab up` (not bare) as a new user runs it: the lab's web Deployment comes up with real servers on
 * their pod IPs, the endpoints list them, and kubectl exec/logs/rollout work against them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { makeLab, tempDir, testPlanArgs, waitFor } from './lab.ts';

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

test('kubelab up runs the lab: three web pods serve their own page on their pod IPs', async (t) => {
  const dataDir = tempDir('kubelab-lab-');
  const lab = makeLab(dataDir);
  t.after(() => lab.dispose());
  const plan = testPlanArgs();
  const up = lab.kubelab(['up', '--detach', '--data-dir', dataDir, '--no-kubeconfig', ...plan.args]);
  assert.equal(up.status, 0, up.stderr);

  const pods = await waitFor(
    'three ready web pods',
    () => {
      const r = lab.kubectl(['get', 'pods', '-l', 'app=web', '--no-headers']);
      const lines = r.stdout
        .trim()
        .split('\n')
        .filter((l) => /\s1\/1\s+Running\s/.test(l));
      return lines.length === 3 ? lines : undefined;
    },
    90_000,
  );
  assert.equal(pods.length, 3);

  const ips = lab
    .kubectl([
      'get',
      'pods',
      '-l',
      'app=web',
      '-o',
      'jsonpath={range .items[*]}{.metadata.name} {.status.podIP}{"\\n"}{end}',
    ])
    .stdout.trim()
    .split('\n')
    .map((l) => l.split(' ') as [string, string]);
  const podNet = plan.podCIDR.split('.').slice(0, 3).join('.');
  for (const [name, ip] of ips) {
    assert.ok(ip.startsWith(`${podNet}.`), `pod IP ${ip} is in the test's pod range ${plan.podCIDR}`);
    const page = await get(`http://${ip}:8000/index.html`);
    assert.equal(page.status, 200);
    assert.match(page.body, new RegExp(`export HOSTNAME='${name}'`), 'the page names the pod that answered');
  }

  const endpoints = lab.kubectl([
    'get',
    'endpoints',
    'web-svc-cip',
    '-o',
    'jsonpath={.subsets[*].addresses[*].ip}',
  ]);
  assert.deepEqual(endpoints.stdout.split(' ').sort(), ips.map(([, ip]) => ip).sort());
  const slices = lab.kubectl([
    'get',
    'endpointslices',
    '-l',
    'kubernetes.io/service-name=web-svc-cip',
    '-o',
    'jsonpath={.items[*].ports[*].port}',
  ]);
  assert.equal(slices.stdout.trim(), '8000');

  const [firstName] = ips[0]!;
  const cat = lab.kubectl(['exec', firstName, '-c', 'web', '--', 'cat', '/app/index.html']);
  assert.equal(cat.status, 0, cat.stderr);
  assert.match(cat.stdout, new RegExp(firstName));
  const psGrep = lab.kubectl([
    'exec',
    firstName,
    '-c',
    'web',
    '--',
    'sh',
    '-c',
    'ps aux | grep my_web_server_process',
  ]);
  assert.equal(psGrep.status, 0, 'the lab’s liveness command always succeeds: grep finds itself');
  const logs = lab.kubectl(['logs', firstName, '-c', 'web']);
  assert.match(logs.stdout, /GET \/index\.html/, 'the readiness probes show in the access log');

  const describe = lab.kubectl(['describe', 'deployment', 'web']);
  assert.match(describe.stdout, /Available\s+True\s+MinimumReplicasAvailable/);
  assert.match(describe.stdout, /ScalingReplicaSet\s.*Scaled up replica set web-[a-z0-9]+ from 0 to 3/);

  const rollout = lab.kubectl(['set', 'env', 'deployment/web', 'ROLLOUT=1']);
  assert.equal(rollout.status, 0, rollout.stderr);
  const status = lab.kubectl(['rollout', 'status', 'deployment/web', '--timeout=90s']);
  assert.equal(status.status, 0, status.stderr);
  assert.match(status.stdout, /deployment "web" successfully rolled out/);
});
