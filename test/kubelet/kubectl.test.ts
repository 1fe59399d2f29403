/** The real kubectl against the in-process API server with this kubelet and the fake runtime. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { lazyPodHooks, startKubelet } from '../../src/kubelet/index.ts';
import { fakeRuntime } from '../../src/kubelet/testing/fake-runtime.ts';
import { startLab, waitFor, type Lab } from '../apiserver/harness.ts';

const POD = `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  terminationGracePeriodSeconds: 5
  containers:
  - name: web
    image: test/web:1
    readinessProbe:
      httpGet: {path: /index.html, port: PORT}
      periodSeconds: 1
`;

/** The in-process API server with a kubelet (fake runtime, its own pod range) bound to its pod hooks. */
async function labWithKubelet(t: TestContext): Promise<Lab> {
  const lazy = lazyPodHooks();
  const lab = await startLab(t, { hooks: lazy.hooks, podTermination: 'kubelet' });
  const rootDir = mkdtempSync(join(tmpdir(), 'kubelab-kubelet-'));
  const kubelet = await startKubelet({
    transport: lab.server.transport,
    runtime: fakeRuntime(),
    rootDir,
    podCIDR: `127.251.${Math.floor(Math.random() * 250) + 1}.0/24`,
  });
  lazy.bind(kubelet.hooks);
  t.after(async () => {
    await kubelet.stop();
    rmSync(rootDir, { recursive: true, force: true });
  });
  return lab;
}

test('kubectl get/describe/logs/exec/delete on a kubelet-run pod', async (t) => {
  const lab = await labWithKubelet(t);

  const apply = await lab.kubectl(['apply', '-f', '-'], { input: POD.replace('PORT', '80') });
  assert.equal(apply.code, 0, apply.stderr);
  await waitFor(
    async () => {
      const r = await lab.kubectl(['get', 'pods', '--no-headers']);
      return /^web\s+0\/1\s+Running\s+0\s/.test(r.stdout) ? r : undefined;
    },
    15_000,
    '0/1 Running',
  );
  const described = await waitFor(
    async () => {
      const r = await lab.kubectl(['describe', 'pod', 'web']);
      return /\(x[3-9] over \d+s\)/.test(r.stdout) ? r.stdout : undefined;
    },
    15_000,
    'aggregated Unhealthy event',
  );
  assert.match(described, /^\s+Ready\s+False\s*$/m);
  assert.match(described, /^\s+ContainersReady\s+False\s*$/m);
  assert.match(
    described,
    /Warning\s+Unhealthy\s+\S+ \(x\d+ over \d+s\)\s+kubelet\s+Readiness probe failed: Get "http:\/\/(127\.251\.\d+\.\d+):80\/index\.html": dial tcp \1:80: connect: connection refused/,
  );
  assert.match(
    described,
    /Normal\s+Scheduled\s+.*default-scheduler\s+Successfully assigned default\/web to kubelab/,
  );

  const logs = await lab.kubectl(['logs', 'web']);
  assert.equal(logs.code, 0, logs.stderr);
  assert.match(logs.stdout, /^serving on 127\.251\.\d+\.\d+:8000\n/);
  const exec = await lab.kubectl(['exec', 'web', '--', 'echo', 'hi']);
  assert.equal(exec.stdout, 'hi\n', exec.stderr);
  const fail = await lab.kubectl(['exec', 'web', '--', 'false']);
  assert.equal(fail.code, 1);
  assert.match(fail.stderr, /command terminated with exit code 1/);

  const del = await lab.kubectl(['delete', 'pod', 'web']);
  assert.equal(del.code, 0, del.stderr);
  assert.equal(del.stdout, 'pod "web" deleted\n');
});

const STATES = `
apiVersion: v1
kind: Pod
metadata: {name: init}
spec:
  initContainers: [{name: wait, image: test/sleep:1}]
  containers: [{name: web, image: test/web:1}]
---
apiVersion: v1
kind: Pod
metadata: {name: crash}
spec:
  containers: [{name: web, image: test/crash:1}]
---
apiVersion: v1
kind: Pod
metadata: {name: done}
spec:
  restartPolicy: Never
  containers: [{name: job, image: test/crash:1, env: [{name: EXIT, value: "0"}]}]
---
apiVersion: v1
kind: Pod
metadata: {name: bad}
spec:
  containers: [{name: web, image: nginx:1.25}]
`;

test('kubectl get pods shows Init:0/1, CrashLoopBackOff, Completed and ErrImagePull', async (t) => {
  const lab = await labWithKubelet(t);
  const apply = await lab.kubectl(['apply', '-f', '-'], { input: STATES });
  assert.equal(apply.code, 0, apply.stderr);
  const want: Record<string, RegExp> = {
    init: /^init\s+0\/1\s+Init:0\/1\s+0\s/m,
    crash: /^crash\s+0\/1\s+CrashLoopBackOff\s+1 \(\d+s ago\)\s/m,
    done: /^done\s+0\/1\s+Completed\s+0\s/m,
    bad: /^bad\s+0\/1\s+(ErrImagePull|ImagePullBackOff)\s+0\s/m,
  };
  const out = await waitFor(
    async () => {
      const r = await lab.kubectl(['get', 'pods', '--no-headers']);
      return Object.values(want).every((re) => re.test(r.stdout)) ? r.stdout : undefined;
    },
    20_000,
    'the four statuses',
  ).catch(async (err: Error) => {
    const r = await lab.kubectl(['get', 'pods', '--no-headers']);
    throw new Error(`${err.message}\n${r.stdout}`);
  });
  assert.ok(out);
  const logs = await lab.kubectl(['logs', 'init', '-c', 'web']);
  assert.match(logs.stderr, /container "web" in pod "init" is waiting to start: PodInitializing/);
});
