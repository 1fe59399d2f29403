/**
 * Deleting a pod under load through the real kubectl: its IP leaves the Service's endpoints before its
 * server stops, requests sent through the endpoints never fail, a response in flight at SIGTERM is
 * finished, and the pod goes away; `--grace-period=0 --force` removes a pod at once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse, stringify } from 'yaml';
import { ROOT } from '../lab.ts';
import { httpGet, jsonpath, upLab, waitFor, watch } from './kit.ts';

const MANIFESTS = join(ROOT, 'manifests/kubernetes-networks');

function webDeploy(): string {
  const d = parse(readFileSync(join(MANIFESTS, 'web-deploy.yaml'), 'utf8')) as {
    spec: { template: { spec: { containers: { readinessProbe: object }[] } } };
  };
  Object.assign(d.spec.template.spec.containers[0]!.readinessProbe, { periodSeconds: 1 });
  return stringify(d);
}

interface Shot {
  via: 'pod' | 'endpoints';
  ip: string;
  start: number;
  end: number;
  error?: string;
}

/** GETs a large file and pauses reading at once, so the response stays in flight until `resume`. */
function slowDownload(url: string) {
  let bytes = 0;
  let resume = () => {};
  const done = new Promise<{ bytes: number; status: number }>((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      res.pause();
      resume = () => res.resume();
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ bytes, status: res.statusCode ?? 0 }));
      res.on('error', reject);
    }).on('error', reject);
  });
  return { done, resume: () => resume() };
}

test('deleting a pod under load: it leaves the endpoints before its server stops; in-flight requests finish', async (t) => {
  const { lab, apply } = upLab(t);
  apply(readFileSync(join(MANIFESTS, 'web-svc-cip.yaml'), 'utf8'));
  apply(webDeploy());
  const rolled = lab.kubectl(['rollout', 'status', 'deployment/web', '--timeout=90s']);
  assert.equal(rolled.status, 0, rolled.stderr);
  const slice = ['endpointslices', '-l', 'kubernetes.io/service-name=web-svc-cip'];
  // `kubectl get -w -o jsonpath` with a {range} prints only the first event (kubernetes/kubectl#913), so the watch prints each
  // slice's endpoints as JSON (one line per event) and the test reads their ready condition.
  const readyIPs = (text: string) =>
    ((text ? JSON.parse(text) : []) as { addresses: string[]; conditions?: { ready?: boolean } }[])
      .filter((e) => e.conditions?.ready !== false)
      .map((e) => e.addresses[0]!);
  const SLICE_FIELDS = '{.items[0].endpoints}';
  await waitFor('three ready endpoints', () => readyIPs(jsonpath(lab, slice, SLICE_FIELDS)).length === 3);
  const [victim, other] = jsonpath(lab, ['pods', '-l', 'app=web'], '{.items[*].metadata.name}').split(' ');
  assert.ok(victim && other);
  const ip = jsonpath(lab, ['pod', victim], '{.status.podIP}');

  // A file large enough (~20 MB) that its response cannot sit whole in the loopback socket buffers.
  const big = lab.kubectl([
    'exec',
    victim,
    '-c',
    'web',
    '--',
    'sh',
    '-c',
    'cat /app/index.html > /app/big.html; for i in 1 2 3 4 5 6 7 8 9 10 11; do cat /app/big.html /app/big.html > /app/t.html && cat /app/t.html > /app/big.html; done',
  ]);
  assert.equal(big.status, 0, big.stderr);
  const bigSize = (await httpGet(`http://${ip}:8000/big.html`, 60_000)).body.length;
  assert.ok(bigSize > 10_000_000, `big.html has ${bigSize} bytes`);

  const slices = watch(t, lab, ['get', ...slice, '-w', '-o', 'jsonpath={.endpoints}{"\\n"}']);
  await waitFor('the slice watch', () => slices.lines.length > 0);
  const currentReady = () => readyIPs(slices.lines.at(-1)?.text ?? '');
  const download = slowDownload(`http://${ip}:8000/big.html`);

  // The client loop: bounded in time, two workers straight at the pod IP, two through the endpoints.
  const shots: Shot[] = [];
  let stopLoad = false;
  const worker = async (via: Shot['via'], n: number) => {
    const until = Date.now() + 40_000;
    while (!stopLoad && Date.now() < until) {
      const ready = currentReady();
      const target = via === 'pod' ? ip : ready[n % Math.max(1, ready.length)];
      if (!target) {
        await sleep(5);
        continue;
      }
      const shot: Shot = { via, ip: target, start: Date.now(), end: 0 };
      try {
        const r = await httpGet(`http://${target}:8000/index.html`);
        if (r.status !== 200) shot.error = `HTTP ${r.status}`;
      } catch (err) {
        shot.error = (err as NodeJS.ErrnoException).code ?? String(err);
      }
      shot.end = Date.now();
      shots.push(shot);
      if (via === 'pod' && shot.error === 'ECONNREFUSED') await sleep(20);
      n++;
    }
  };
  const load = Promise.all([
    worker('pod', 0),
    worker('pod', 1),
    worker('endpoints', 0),
    worker('endpoints', 1),
  ]);
  const succeeded = (via: Shot['via']) => shots.filter((s) => s.via === via && !s.error).length;
  const loadStart = Date.now();
  await waitFor(
    'a second of load through both paths',
    () => Date.now() - loadStart > 1000 && succeeded('pod') >= 10 && succeeded('endpoints') >= 10,
  );

  const deleteAt = Date.now();
  const deleted = watch(t, lab, ['delete', 'pod', victim]);
  const removedAt = (
    await waitFor('the victim to leave the ready endpoints', () =>
      slices.lines.find((l) => l.at >= deleteAt && !readyIPs(l.text).includes(ip)),
    ).catch((err: Error) => {
      throw new Error(`${err.message} ${ip}:\n${slices.text()}\n${deleted.text()}`);
    })
  ).at;
  const refused = await waitFor('the victim’s server to stop', () =>
    shots.find((s) => s.via === 'pod' && s.error === 'ECONNREFUSED'),
  );
  // Endpoint states only move on: if the slice still listed the pod ready now, its server had stopped first.
  assert.ok(
    !readyIPs(jsonpath(lab, slice, SLICE_FIELDS)).includes(ip),
    'when the server refuses, the endpoints no longer list the pod as ready',
  );
  download.resume();
  const got = await download.done;
  assert.equal(got.status, 200);
  assert.equal(got.bytes, bigSize, 'the response in flight when the server was told to stop was finished');

  await waitFor(
    'kubectl delete to return once the pod is gone',
    () => /^pod "web-\S+" deleted$/m.test(deleted.text()),
    60_000,
  );
  stopLoad = true;
  await load;
  assert.notEqual(lab.kubectl(['get', 'pod', victim]).status, 0, 'the pod is gone');

  // This test's clients learn of the removal through a kubectl watch, tens of ms after the kubelet does;
  // a request sent in that window meets a closed listener (refused, or reset if the kernel had queued
  // its connection for an accept that never came), as a client of a stale kube-proxy would.
  const LAG_MS = 250;
  const viaEndpoints = shots.filter((s) => s.via === 'endpoints');
  const toPod = shots.filter((s) => s.via === 'pod');
  const early = shots.filter((s) => s.start < removedAt - LAG_MS);
  assert.ok(
    early.filter((s) => s.via === 'pod').length > 0 && early.filter((s) => s.via === 'endpoints').length > 0,
    `requests through both paths started before the removal: ${early.length} early of ${shots.length}, ` +
      `delete at +${deleteAt - (shots[0]?.start ?? deleteAt)} ms, removal seen at +${removedAt - (shots[0]?.start ?? removedAt)} ms`,
  );
  assert.deepEqual(
    early.filter((s) => s.error),
    [],
    'every request started before the pod left the endpoints succeeded',
  );
  assert.deepEqual(
    shots.filter((s) => s.error && s.ip !== ip),
    [],
    'no request to the other pods failed',
  );
  const late = shots.filter((s) => s.error);
  t.diagnostic(
    `the watch saw the pod leave the endpoints ${refused.start - removedAt} ms before the first refused ` +
      `connection; ${viaEndpoints.length} requests through the endpoints, ${toPod.length} to the pod IP; ` +
      `failed in the watch-lag window or after the stop: ${late.map((s) => `${s.via}:${s.error}@${s.start - removedAt}ms`).join(' ')}`,
  );

  // Force delete: the pod object goes at once, without waiting for the kubelet.
  const force = lab.kubectl(['delete', 'pod', other, '--grace-period=0', '--force']);
  assert.equal(force.status, 0, force.stderr);
  assert.match(
    force.stderr,
    /Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated\. The resource may continue to run on the cluster indefinitely\./,
  );
  assert.match(force.stdout, new RegExp(`^pod "${other}" force deleted$`, 'm'));
  assert.notEqual(lab.kubectl(['get', 'pod', other]).status, 0, 'gone at once');
  const replaced = lab.kubectl(['rollout', 'status', 'deployment/web', '--timeout=90s']);
  assert.equal(replaced.status, 0, replaced.stderr);
});
