/**
 * The lab's web Deployment (init container generating the page into an emptyDir, 3 replicas) through
 * the real kubectl: with the readiness probe on the wrong port it runs but is not Available and the
 * Service has no ready endpoints; fixed, it becomes Available and the endpoints list the pods on 8000.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { ROOT } from '../lab.ts';
import { httpGet, jsonpath, upLab, waitFor, watch } from './kit.ts';

const MANIFESTS = join(ROOT, 'manifests/kubernetes-networks');

interface Container {
  readinessProbe: { httpGet: { port: number }; periodSeconds?: number };
  livenessProbe: { periodSeconds?: number };
}

/** manifests/kubernetes-networks/web-deploy.yaml with the readiness probe on `port` (short periods keep the test fast). */
function webDeploy(port: number): string {
  const d = parse(readFileSync(join(MANIFESTS, 'web-deploy.yaml'), 'utf8')) as {
    spec: { template: { spec: { containers: Container[] } } };
  };
  const web = d.spec.template.spec.containers[0]!;
  web.readinessProbe.httpGet.port = port;
  web.readinessProbe.periodSeconds = 1;
  web.livenessProbe.periodSeconds = 2;
  return stringify(d);
}

function podIPs(lab: Parameters<typeof jsonpath>[0]): string[] {
  return jsonpath(lab, ['pods', '-l', 'app=web'], '{range .items[*]}{.status.podIP}{"\\n"}{end}')
    .split('\n')
    .filter(Boolean)
    .sort();
}

test('the lab Deployment: Init:0/1 → Running → ready; Available False while the probe is wrong, True once fixed; endpoints on 8000', async (t) => {
  const { lab, apply } = upLab(t);
  const pods = watch(t, lab, ['get', 'pods', '-w']);
  apply(readFileSync(join(MANIFESTS, 'web-svc-cip.yaml'), 'utf8'));
  apply(webDeploy(80));

  await waitFor(
    'three pods 0/1 Running',
    () => {
      const rows = lab.kubectl(['get', 'pods', '-l', 'app=web', '--no-headers']).stdout.trim().split('\n');
      return rows.filter((r) => /^web-[a-z0-9]+-[a-z0-9]{5}\s+0\/1\s+Running\s+0\s/.test(r)).length === 3;
    },
    60_000,
  );
  // The watch saw each pod wait for its init container before it ran.
  await waitFor('Init:0/1 then Running in kubectl get pods -w', () => {
    const text = pods.text();
    return /^web-\S+\s+0\/1\s+Init:0\/1\s+0\s/m.test(text) && /^web-\S+\s+0\/1\s+Running\s+0\s/m.test(text);
  });
  const firstPod = /^(web-\S+)\s+0\/1\s+Init:0\/1\s/m.exec(pods.text())![1]!;
  const order = pods.lines
    .filter((l) => l.text.startsWith(`${firstPod} `))
    .map((l) => l.text.split(/\s+/)[2]);
  assert.ok(
    order.indexOf('Init:0/1') < order.lastIndexOf('Running'),
    `Init:0/1 comes before Running: ${order.join(' → ')}`,
  );

  const unavailable = await waitFor('Available False', () => {
    const d = lab.kubectl(['describe', 'deployment', 'web']).stdout;
    return /^\s+Available\s+False\s+MinimumReplicasUnavailable$/m.test(d) ? d : undefined;
  });
  assert.match(
    unavailable,
    /^Replicas:\s+3 desired \| 3 updated \| 3 total \| 0 available \| 3 unavailable$/m,
  );
  assert.match(
    unavailable,
    /Readiness:\s+http-get http:\/\/:80\/index\.html delay=0s timeout=1s period=1s #success=1 #failure=3/,
  );
  assert.match(unavailable, /ScalingReplicaSet\s.*Scaled up replica set web-[a-z0-9]+ from 0 to 3/);
  const noEndpoints = lab.kubectl(['get', 'endpoints', 'web-svc-cip']);
  // Only notReadyAddresses: kubectl's printer (formatEndpoints) lists ready addresses only, so the column is empty.
  assert.match(noEndpoints.stdout, /^web-svc-cip\s+\d+s$/m, 'no ready pod, no endpoint');
  const notReady = jsonpath(lab, ['endpoints', 'web-svc-cip'], '{.subsets[*].notReadyAddresses[*].ip}');
  assert.equal(
    notReady.split(' ').filter(Boolean).length,
    3,
    'the unready pods are listed as notReadyAddresses',
  );

  // Fixed: the readiness probe asks port 8000.
  apply(webDeploy(8000));
  const status = lab.kubectl(['rollout', 'status', 'deployment/web', '--timeout=90s']);
  assert.equal(status.status, 0, status.stderr);
  assert.match(status.stdout, /deployment "web" successfully rolled out/);
  const available = await waitFor('Available True', () => {
    const d = lab.kubectl(['describe', 'deployment', 'web']).stdout;
    return /^\s+Available\s+True\s+MinimumReplicasAvailable$/m.test(d) ? d : undefined;
  });
  assert.match(available, /^\s+Progressing\s+True\s+NewReplicaSetAvailable$/m);
  assert.match(available, /^Replicas:\s+3 desired \| 3 updated \| 3 total \| 3 available \| 0 unavailable$/m);

  const ips = await waitFor('three ready pods, old ones gone', () => {
    const rows = lab.kubectl(['get', 'pods', '-l', 'app=web', '--no-headers']).stdout.trim().split('\n');
    if (rows.length !== 3 || !rows.every((r) => /\s1\/1\s+Running\s/.test(r))) return undefined;
    return podIPs(lab);
  });
  assert.equal(ips.length, 3);
  const endpoints = await waitFor('the endpoints to list the three pods on 8000', () => {
    const r = lab.kubectl(['get', 'endpoints', 'web-svc-cip', '--no-headers']).stdout.trim();
    const listed = r.split(/\s+/)[1]?.split(',').sort() ?? [];
    return listed.join(',') === ips.map((ip) => `${ip}:8000`).join(',') ? r : undefined;
  });
  assert.match(endpoints, /^web-svc-cip\s/);
  const slices = await waitFor('the EndpointSlice to list the three pods on 8000', () => {
    const r = lab.kubectl(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=web-svc-cip']).stdout;
    const row = r.split('\n').find((l) => l.startsWith('web-svc-cip-'));
    const cols = row?.split(/\s+/) ?? [];
    return cols[1] === 'IPv4' && cols[2] === '8000' && cols[3]?.split(',').sort().join(',') === ips.join(',')
      ? r
      : undefined;
  });
  assert.match(slices, /^NAME\s+ADDRESSTYPE\s+PORTS\s+ENDPOINTS\s+AGE$/m);
  for (const ip of ips) {
    const page = await httpGet(`http://${ip}:8000/index.html`);
    assert.equal(page.status, 200);
    assert.match(page.body, /export HOSTNAME='web-[a-z0-9]+-[a-z0-9]{5}'/);
  }
});
