/**
 * Streaming through the real kubectl: port-forward to a pod, a Service and a Deployment (WebSocket-
 * tunnelled SPDY for kubectl 1.32, plain SPDY for 1.29), a refused port's error, exec over SPDY for
 * kubectl 1.29, attach, and `kubectl run -i --rm`.
 */
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KUBECTL, ROOT } from './lab.ts';
import type { Lab } from './lab.ts';
import { escapeRe, httpGet, jsonpath, upLab, waitFor } from './workloads/kit.ts';

const MANIFESTS = join(ROOT, 'manifests/kubernetes-networks');
const KUBECTL_1_29 = '/usr/lib/google-cloud-sdk/bin/kubectl.1.29';

interface Forward {
  /** The local port kubectl chose (`:8000` asks it for a free one on --address). */
  port: number;
  stdout(): string;
  stderr(): string;
  exited(): boolean;
  exit: Promise<number | null>;
}

/**
 * `kubectl port-forward TARGET :REMOTE --address 127.0.0.1`, killed after the test; kubectl prints the
 * pod port (a Service's targetPort) as `podPort`.
 */
async function portForward(
  t: TestContext,
  lab: Lab,
  target: string,
  remote: number,
  bin = KUBECTL,
  podPort = remote,
): Promise<Forward> {
  const child = spawn(
    bin,
    [
      '--cache-dir',
      join(lab.dataDir, 'kubectl-cache'),
      'port-forward',
      target,
      `:${remote}`,
      '--address',
      '127.0.0.1',
    ],
    { env: { ...process.env, KUBECONFIG: lab.kubeconfig, HOME: lab.dataDir } },
  );
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const re = new RegExp(`^Forwarding from 127\\.0\\.0\\.1:(\\d+) -> ${podPort}$`, 'm');
  const port = await waitFor(`kubectl port-forward ${target} to listen (stderr: ${err})`, () => {
    assert.equal(child.exitCode, null, `kubectl port-forward exited: ${err}`);
    const m = re.exec(out);
    return m ? Number(m[1]) : undefined;
  });
  return {
    port,
    stdout: () => out,
    stderr: () => err,
    exited: () => child.exitCode !== null,
    exit,
  };
}

function webPods(lab: Lab): string[] {
  return jsonpath(lab, ['pods', '-l', 'app=web'], '{.items[*].metadata.name}').split(' ').filter(Boolean);
}

/** The pod name in the page's <title> (the web app names the pod that answered). */
function servedBy(body: string): string | undefined {
  return /<title>([^<]+)<\/title>/.exec(body)?.[1];
}

test('kubectl port-forward, exec over SPDY, attach and run -i', async (t) => {
  const { lab, apply } = upLab(t);
  apply(readFileSync(join(MANIFESTS, 'web-deploy.yaml'), 'utf8'));
  apply(readFileSync(join(MANIFESTS, 'web-svc-cip.yaml'), 'utf8'));
  await waitFor(
    'deploy/web available',
    () => jsonpath(lab, ['deploy', 'web'], '{.status.availableReplicas}') === '3',
    90_000,
  );
  const pods = webPods(lab);
  const pod = pods[0]!;

  await t.test(
    'port-forward pod/NAME answers HTTP with that pod’s page, connection after connection',
    async (t) => {
      const fwd = await portForward(t, lab, `pod/${pod}`, 8000);
      for (let i = 0; i < 3; i++) {
        const page = await httpGet(`http://127.0.0.1:${fwd.port}/index.html`);
        assert.equal(page.status, 200);
        assert.equal(servedBy(page.body), pod);
      }
      // megabytes through the WebSocket tunnel: more than SPDY's 64 KiB window, and backpressure
      const big = `${'0123456789abcdef'.repeat(4)}\n`.repeat(48 * 1024); // 3 MiB
      const put = lab.kubectl(['exec', '-i', pod, '-c', 'web', '--', 'sh', '-c', 'cat > /app/big.txt'], {
        input: big,
      });
      assert.equal(put.status, 0, put.stderr);
      const download = await httpGet(`http://127.0.0.1:${fwd.port}/big.txt`, 30_000);
      assert.equal(download.body.length, big.length);
      assert.equal(download.body === big, true, 'the same bytes');
      assert.match(fwd.stdout(), /^Handling connection for \d+$/m);
      assert.equal(fwd.exited(), false);
    },
  );

  await t.test(
    'port-forward svc/ and deploy/ (kubectl picks a pod of the Service or Deployment)',
    async (t) => {
      // kubectl resolves the Service port 80 to its targetPort: `Forwarding from 127.0.0.1:N -> 8000`
      const svc = await portForward(t, lab, 'svc/web-svc-cip', 80, KUBECTL, 8000);
      const viaSvc = await httpGet(`http://127.0.0.1:${svc.port}/index.html`);
      assert.ok(pods.includes(servedBy(viaSvc.body) ?? ''), viaSvc.body.slice(0, 200));
      const deploy = await portForward(t, lab, 'deploy/web', 8000);
      const viaDeploy = await httpGet(`http://127.0.0.1:${deploy.port}/index.html`);
      assert.ok(pods.includes(servedBy(viaDeploy.body) ?? ''), viaDeploy.body.slice(0, 200));
    },
  );

  await t.test('a refused port: kubelet’s error line, then kubectl drops the forward', async (t) => {
    const ip = jsonpath(lab, ['pod', pod], '{.status.podIP}');
    const uid = jsonpath(lab, ['pod', pod], '{.metadata.uid}');
    const fwd = await portForward(t, lab, `pod/${pod}`, 8001);
    await assert.rejects(httpGet(`http://127.0.0.1:${fwd.port}/`));
    const line =
      `an error occurred forwarding ${fwd.port} -> 8001: error forwarding port 8001 to pod ${uid}, uid : ` +
      `failed to connect to ${ip}:8001 of pod \\"default/${pod}\\": dial tcp4 ${ip}:8001: connect: connection refused`;
    await waitFor('the error line', () => fwd.stderr().includes(line), 10_000).catch(() =>
      assert.fail(`expected ${line}\nin: ${fwd.stderr()}`),
    );
    // client-go's handleConnection closes the whole connection once the error stream has a message
    // (tools/portforward/portforward.go), so kubectl ends: it does not keep forwarding.
    const code = await fwd.exit;
    assert.equal(code, 1);
    assert.match(fwd.stderr(), /^error: lost connection to pod$/m);
  });

  await t.test(
    'kubectl 1.29 port-forward (plain SPDY, no WebSocket)',
    { skip: !existsSync(KUBECTL_1_29) && `${KUBECTL_1_29} is not installed` },
    async (t) => {
      const fwd = await portForward(t, lab, `pod/${pod}`, 8000, KUBECTL_1_29);
      const page = await httpGet(`http://127.0.0.1:${fwd.port}/index.html`);
      assert.equal(servedBy(page.body), pod);
    },
  );

  await t.test(
    'kubectl 1.29 exec over SPDY: stdout, stderr, stdin and the exit code',
    { skip: !existsSync(KUBECTL_1_29) && `${KUBECTL_1_29} is not installed` },
    () => {
      const k = (args: string[], input?: string) =>
        lab.kubectl(args, { bin: KUBECTL_1_29, ...(input !== undefined ? { input } : {}) });
      const r = k(['exec', pod, '-c', 'web', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3']);
      assert.equal(r.status, 3, r.stderr);
      assert.equal(r.stdout, 'out\n');
      assert.match(r.stderr, /^err$/m);
      assert.match(r.stderr, /^command terminated with exit code 3$/m);
      const big = 'line of stdin\n'.repeat(20_000); // 280 kB: more than one SPDY window of 64 KiB
      const cat = k(['exec', '-i', pod, '-c', 'web', '--', 'cat'], big);
      assert.equal(cat.status, 0, cat.stderr);
      assert.equal(cat.stdout.length, big.length);
      assert.equal(cat.stdout, big);
    },
  );

  await t.test('kubectl attach shows the main process’ output from now on', async () => {
    apply(`apiVersion: v1
kind: Pod
metadata:
  name: ticker
spec:
  containers:
    - name: ticker
      image: busybox
      command: ['sh', '-c', 'i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.2; done']
`);
    await waitFor(
      'ticker Running',
      () => jsonpath(lab, ['pod', 'ticker'], '{.status.phase}') === 'Running',
      60_000,
    );
    for (const bin of [KUBECTL, ...(existsSync(KUBECTL_1_29) ? [KUBECTL_1_29] : [])]) {
      const child = spawn(bin, ['--cache-dir', join(lab.dataDir, 'kubectl-cache'), 'attach', 'ticker'], {
        env: { ...process.env, KUBECONFIG: lab.kubeconfig, HOME: lab.dataDir },
      });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      try {
        const ticks = await waitFor(`${bin} attach to print three ticks`, () => {
          const seen = out.match(/^tick \d+$/gm) ?? [];
          return seen.length >= 3 && seen;
        });
        const n = ticks.map((l) => Number(l.split(' ')[1]));
        assert.deepEqual(n.slice(1, 3), [n[0]! + 1, n[0]! + 2], 'consecutive lines');
      } finally {
        child.kill('SIGTERM');
      }
    }
  });

  await t.test('kubectl run -i --rm prints the output, passes stdin and deletes the pod', () => {
    const run = lab.kubectl([
      'run',
      '-i',
      '--rm',
      'bb',
      '--image=busybox',
      '--restart=Never',
      '--',
      'sh',
      '-c',
      'echo hi',
    ]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^hi$/m);
    assert.match(run.stdout, /^pod "bb" deleted$/m);
    assert.notEqual(lab.kubectl(['get', 'pod', 'bb']).status, 0, 'bb is gone');
    // reading stdin keeps pid 1 running until kubectl has attached, so this goes through attach itself
    const echo = lab.kubectl(
      [
        'run',
        '-i',
        '--rm',
        'cat',
        '--image=busybox',
        '--restart=Never',
        '--',
        'sh',
        '-c',
        'read x; echo got $x; exit 2',
      ],
      { input: 'hello\n' },
    );
    assert.match(echo.stdout, /^got hello$/m, echo.stderr);
    assert.doesNotMatch(echo.stderr, new RegExp(escapeRe('falling back to streaming logs')));
    assert.match(echo.stderr, /pod default\/cat terminated \(Error\)/);
    assert.equal(echo.status, 2);
  });
});
