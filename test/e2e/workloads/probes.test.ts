/**
 * Probes as the lab shows them through the real kubectl: a readiness probe on the wrong port keeps the
 * pod `0/1 Running` with a growing `Unhealthy` event, the right port makes it `1/1` and its page names
 * it; the lab's `ps aux | grep` liveness never fails; a tcpSocket liveness on a closed port restarts
 * the container with back-off.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventCount, escapeRe, httpGet, jsonpath, podRow, upLab, waitFor } from './kit.ts';

/** The lab's pod (manifests/kubernetes-networks/web-pod.yaml) with the readiness port and liveness of the exercise. */
function webPod(readinessPort: number): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: { app: web-pod }
spec:
  initContainers:
    - name: init-web
      image: kubelab/web:0.1.0
      command: ["web", "generate", "--out", "/app"]
      volumeMounts: [{ name: app, mountPath: /app }]
  containers:
    - name: web
      image: kubelab/web:0.1.0
      readinessProbe:
        httpGet: { path: /index.html, port: ${readinessPort} }
        periodSeconds: 1
      livenessProbe:
        exec:
          command: ['sh', '-c', 'ps aux | grep my_web_server_process']
        periodSeconds: 1
        failureThreshold: 1
      volumeMounts: [{ name: app, mountPath: /app }]
  volumes: [{ name: app, emptyDir: {} }]
`;
}

const LIVE_POD = `apiVersion: v1
kind: Pod
metadata:
  name: live
spec:
  initContainers:
    - name: init-web
      image: kubelab/web:0.1.0
      command: ["web", "generate", "--out", "/app"]
      volumeMounts: [{ name: app, mountPath: /app }]
  containers:
    - name: web
      image: kubelab/web:0.1.0
      livenessProbe:
        tcpSocket: { port: 9999 }
        periodSeconds: 1
        failureThreshold: 1
      volumeMounts: [{ name: app, mountPath: /app }]
  volumes: [{ name: app, emptyDir: {} }]
`;

test('probes: readiness on the wrong port, then the right one; exec liveness never fails; tcpSocket liveness restarts with back-off', async (t) => {
  const { lab, apply } = upLab(t);
  apply(LIVE_POD); // runs beside the readiness story; its back-off takes the longest

  await t.test(
    'readiness probe on port 80 while the web serves 8000: 0/1 Running, Unhealthy with a growing count',
    async () => {
      apply(webPod(80));
      const ip = await waitFor(
        'the pod IP',
        () => jsonpath(lab, ['pod', 'web'], '{.status.podIP}') || undefined,
        60_000,
      );
      const get = lab.kubectl(['get', 'pod', 'web']);
      await waitFor(
        '0/1 Running',
        () => /^web\s+0\/1\s+Running\s+0\s+/m.test(lab.kubectl(['get', 'pod', 'web']).stdout),
        60_000,
      );
      assert.match(get.stdout, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/m);

      const unhealthy = new RegExp(
        `^\\s*Warning\\s+Unhealthy\\s+.*kubelet\\s+Readiness probe failed: Get "http://${escapeRe(ip)}:80/index\\.html": dial tcp ${escapeRe(ip)}:80: connect: connection refused$`,
        'm',
      );
      const first = await waitFor(
        'the Unhealthy event',
        () => {
          const d = lab.kubectl(['describe', 'pod', 'web']).stdout;
          const line = d.split('\n').find((l) => unhealthy.test(l));
          return line ? { d, line } : undefined;
        },
        30_000,
      );
      assert.match(first.d, /^\s+Ready\s+False\s*$/m);
      assert.match(first.d, /^\s+ContainersReady\s+False\s*$/m);
      assert.match(first.d, /^\s+Initialized\s+True\s*$/m);
      const n1 = eventCount(first.line);
      const later = await waitFor(
        'the Unhealthy count to grow past 5 (aggregated as "(xN over ...)")',
        () => {
          const line = lab
            .kubectl(['describe', 'pod', 'web'])
            .stdout.split('\n')
            .find((l) => unhealthy.test(l));
          return line && eventCount(line) > Math.max(n1, 5) ? line : undefined;
        },
        60_000,
      );
      assert.match(later, /\(x\d+ over \d+s\)/);

      // The lab's question: `ps aux | grep my_web_server_process` always finds the grep itself, so this
      // liveness probe never fails, however many periods pass.
      const pod = lab.kubectl(['describe', 'pod', 'web']).stdout;
      assert.doesNotMatch(pod, /Liveness probe failed/);
      assert.doesNotMatch(pod, /failed liveness probe/);
      assert.equal(jsonpath(lab, ['pod', 'web'], '{.status.containerStatuses[0].restartCount}'), '0');
      assert.equal(podRow(lab, 'web')?.[3], '0');
      // Why: the only processes matching are the probe's own `sh -c ...` and `grep`, so grep always
      // finds a line and exits 0, whatever runs in the container.
      const ps = lab.kubectl([
        'exec',
        'web',
        '-c',
        'web',
        '--',
        'sh',
        '-c',
        'ps aux | grep my_web_server_process',
      ]);
      assert.equal(ps.status, 0, ps.stderr);
      const lines = ps.stdout.trim().split('\n').filter(Boolean);
      assert.ok(
        lines.every((l) => /\s(sh -c ps aux \| )?grep my_web_server_process$/.test(l)),
        `only the probe's own processes match:\n${ps.stdout}`,
      );
      assert.match(ps.stdout, /grep my_web_server_process/);
    },
  );

  await t.test('the same pod probing 8000 reaches 1/1 and its page names it', async () => {
    const del = lab.kubectl(['delete', 'pod', 'web', '--grace-period=0', '--force']);
    assert.equal(del.status, 0, del.stderr);
    assert.match(del.stdout, /pod "web" force deleted/);
    await waitFor('the old pod to be gone', () => lab.kubectl(['get', 'pod', 'web']).status !== 0, 30_000);
    apply(webPod(8000));
    await waitFor(
      '1/1 Running',
      () => /^web\s+1\/1\s+Running\s+0\s+/m.test(lab.kubectl(['get', 'pod', 'web']).stdout),
      60_000,
    );
    const ip = jsonpath(lab, ['pod', 'web'], '{.status.podIP}');
    const page = await httpGet(`http://${ip}:8000/index.html`);
    assert.equal(page.status, 200);
    assert.match(page.body, /export HOSTNAME='web'/);
    const d = lab.kubectl(['describe', 'pod', 'web']).stdout;
    assert.match(d, /^\s+Ready\s+True\s*$/m);
    assert.match(d, /^\s+ContainersReady\s+True\s*$/m);
    assert.match(
      d,
      /Readiness:\s+http-get http:\/\/:8000\/index\.html delay=0s timeout=1s period=1s #success=1 #failure=3/,
    );
  });

  await t.test(
    'a tcpSocket liveness probe on a closed port: Killing, growing restartCount, CrashLoopBackOff with back-off 10s then 20s',
    async () => {
      const restarts = () =>
        Number(jsonpath(lab, ['pod', 'live'], '{.status.containerStatuses[0].restartCount}') || '0');
      const waiting = () =>
        jsonpath(lab, ['pod', 'live'], '{.status.containerStatuses[0].state.waiting.message}');
      await waitFor(
        'back-off 10s',
        () => /^back-off 10s restarting failed container=web pod=live_default\(/.test(waiting()),
        60_000,
      );
      await waitFor(
        'CrashLoopBackOff in kubectl get pod',
        () => podRow(lab, 'live')?.[2] === 'CrashLoopBackOff',
        30_000,
      );
      const r1 = restarts();
      assert.ok(r1 >= 1, `restartCount ${r1}`);
      await waitFor(
        'back-off 20s (doubled)',
        () => /^back-off 20s restarting failed container=web pod=live_default\(/.test(waiting()),
        60_000,
      );
      assert.ok(restarts() > r1, 'restartCount grew');
      const d = lab.kubectl(['describe', 'pod', 'live']).stdout;
      assert.match(
        d,
        /^\s*Warning\s+Unhealthy\s+.*Liveness probe failed: dial tcp [\d.]+:9999: connect: connection refused$/m,
      );
      assert.match(
        d,
        /^\s*Normal\s+Killing\s+.*kubelet\s+Container web failed liveness probe, will be restarted$/m,
      );
      assert.match(
        d,
        /^\s*Warning\s+BackOff\s+.*kubelet\s+Back-off restarting failed container web in pod live_default\(/m,
      );
      assert.match(d, /Last State:\s+Terminated/);
      const previous = lab.kubectl(['logs', 'live', '-c', 'web', '--previous']);
      assert.equal(previous.status, 0, previous.stderr);
      assert.match(
        previous.stdout,
        /^web: serving \/app on http:\/\/[\d.]+:8000\/$/m,
        'the killed container’s log',
      );
      assert.match(podRow(lab, 'live')?.[3] ?? '', /^\d+ \(\d+s ago\)$/);
    },
  );
});
