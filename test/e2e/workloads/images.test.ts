/**
 * The built-in images as kubectl shows them: logs, logs -f, exec; an unknown image's ErrImagePull and
 * ImagePullBackOff; and, with `--image-alias 'dmikos4/web:*=kubelab/web'`, the lab transcript's own
 * Deployment running on the built-in web image while its init container's internet fetch fails the
 * way an offline busybox's does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../lab.ts';
import { FIXTURES, httpGet, jsonpath, podRow, upLab, waitFor, watch, type Lab } from './kit.ts';

const ALIAS = 'dmikos4/web:*=kubelab/web';
const LAB_DEPLOY = readFileSync(join(FIXTURES, 'lab-web-deploy.yaml'), 'utf8');

const UNKNOWN = `apiVersion: v1
kind: Pod
metadata:
  name: nope
spec:
  containers:
    - name: c
      image: nginx:1.25
`;

function labPods(lab: Lab): string[] {
  return jsonpath(lab, ['pods', '-l', 'app=web'], '{.items[*].metadata.name}').split(' ').filter(Boolean);
}

test('built-in images: logs, logs -f, exec; unknown images; the lab manifest on an image alias', async (t) => {
  const { lab, apply } = upLab(t, ['--image-alias', ALIAS]);
  const settings = JSON.parse(readFileSync(join(lab.dataDir, 'settings.json'), 'utf8')) as {
    imageAliases: string[];
  };
  assert.deepEqual(settings.imageAliases, [ALIAS], 'the data dir keeps the alias');
  const podsWatch = watch(t, lab, ['get', 'pods', '-w']);
  apply(readFileSync(join(ROOT, 'manifests/kubernetes-networks/web-pod.yaml'), 'utf8'));
  apply(UNKNOWN);

  await t.test('kubectl logs, logs -f and exec web -- cat /app/index.html', async () => {
    await waitFor('web 1/1 Running', () => podRow(lab, 'web')?.[1] === '1/1', 60_000);
    const ip = jsonpath(lab, ['pod', 'web'], '{.status.podIP}');
    const logs = lab.kubectl(['logs', 'web']);
    assert.equal(logs.status, 0, logs.stderr);
    assert.match(
      logs.stdout,
      new RegExp(`^web: serving /app on http://${ip.replaceAll('.', '\\.')}:8000/$`, 'm'),
    );
    assert.match(logs.stderr, /Defaulted container "web" out of: web, init-web \(init\)/);
    const init = lab.kubectl(['logs', 'web', '-c', 'init-web']);
    assert.match(init.stdout, /^web: wrote \/app\/index\.html$/m);

    const follow = watch(t, lab, ['logs', '-f', 'web', '-c', 'web']);
    await waitFor('logs -f to print the log so far', () =>
      follow.lines.some((l) => l.text.includes('serving /app')),
    );
    const marker = `e2e-${process.pid}-${Date.now()}`;
    const page = await httpGet(`http://${ip}:8000/index.html?${marker}`);
    assert.equal(page.status, 200);
    await waitFor('logs -f to show the new access-log line', () =>
      follow.lines.some((l) =>
        new RegExp(`"GET /index\\.html\\?${marker} HTTP/1\\.1" 200 \\d+$`).test(l.text),
      ),
    );
    follow.stop();

    const cat = lab.kubectl(['exec', 'web', '--', 'cat', '/app/index.html']);
    assert.equal(cat.status, 0, cat.stderr);
    assert.equal(cat.stdout, page.body, 'exec sees the page the server serves');
    assert.match(cat.stdout, /export HOSTNAME='web'/);
    const missing = lab.kubectl(['exec', 'web', '--', 'nginx', '-v']);
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr + missing.stdout, /exec: "nginx": executable file not found in \$PATH/);
  });

  await t.test(
    'an unknown image: ErrImagePull, then ImagePullBackOff, and the message in describe',
    async () => {
      const nope = () =>
        podsWatch.lines.filter((l) => l.text.startsWith('nope ')).map((l) => l.text.split(/\s+/)[2]);
      await waitFor(
        `ErrImagePull, then ImagePullBackOff in kubectl get pods -w`,
        () => {
          const seen = nope();
          const i = seen.indexOf('ErrImagePull');
          return i >= 0 && seen.indexOf('ImagePullBackOff', i) > i;
        },
        60_000,
      );
      const d = lab.kubectl(['describe', 'pod', 'nope']).stdout;
      assert.match(d, /^\s+State:\s+Waiting\n\s+Reason:\s+ImagePullBackOff$/m);
      assert.match(
        d,
        /Warning\s+Failed\s+.*kubelet\s+Failed to pull image "nginx:1\.25": .*kubelab\/web.*busybox.*--image-alias 'nginx:\*=kubelab\/web'/,
      );
      assert.match(d, /Warning\s+Failed\s+.*kubelet\s+Error: ErrImagePull$/m);
      assert.match(d, /Normal\s+BackOff\s+.*kubelet\s+Back-off pulling image "nginx:1\.25"$/m);
      assert.match(d, /Warning\s+Failed\s+.*kubelet\s+Error: ImagePullBackOff$/m);
    },
  );

  await t.test(
    'the lab transcript’s Deployment on the alias: the main container runs the web image, the fetch fails offline',
    async () => {
      apply(LAB_DEPLOY);
      const pod = await waitFor('the lab pod', () => labPods(lab)[0], 30_000);
      // busybox's sh has no pipefail: `wget ... | sh` exits with the status of `sh`, which read an empty
      // script, so the init container completes (as on an offline node) and the page is never written.
      await waitFor(
        'the init container to complete and web to run',
        () => podRow(lab, pod)?.[2] === 'Running',
        60_000,
      );
      const init = lab.kubectl(['logs', pod, '-c', 'init-web']);
      assert.match(init.stdout + init.stderr, /^wget: bad address 'tinyurl\.com'$/m);
      assert.equal(
        jsonpath(lab, ['pod', pod], '{.status.initContainerStatuses[0].state.terminated.reason}'),
        'Completed',
      );
      const d = lab.kubectl(['describe', 'pod', pod]).stdout;
      assert.match(d, /Image:\s+dmikos4\/web:testimg/);
      assert.match(d, /Started container nginx/);
      const ip = jsonpath(lab, ['pod', pod], '{.status.podIP}');
      const page = await httpGet(`http://${ip}:8000/index.html`);
      assert.equal(page.status, 404, 'the built-in web serves /app on 8000, where no page was generated');
      assert.match(podRow(lab, pod)?.[1] ?? '', /^0\/1$/, 'the readiness probe on port 80 keeps it unready');
    },
  );

  // Without the pipe the failed fetch fails the init container: it is restarted with back-off.
  const strictPods = () =>
    podsWatch.lines.filter((l) => l.text.startsWith('web-strict-')).map((l) => l.text.split(/\s+/)[2]);
  await t.test(
    'the same fetch without the pipe: the init container fails into Init:CrashLoopBackOff',
    async () => {
      const strict = LAB_DEPLOY.replace(
        "command: ['sh', '-c', 'wget -O- https://tinyurl.com/otus-k8s-intro | sh']",
        "command: ['sh', '-c', 'wget -O /app/gen.sh https://tinyurl.com/otus-k8s-intro && sh /app/gen.sh']",
      ).replace('name: web   #', 'name: web-strict   #');
      assert.notEqual(strict, LAB_DEPLOY);
      apply(strict.replaceAll('app: web', 'app: web-strict'));
      await waitFor('Init:CrashLoopBackOff', () => strictPods().includes('Init:CrashLoopBackOff'), 60_000);
      const pod = jsonpath(lab, ['pods', '-l', 'app=web-strict'], '{.items[0].metadata.name}');
      const logs = lab.kubectl(['logs', pod, '-c', 'init-web']);
      assert.match(logs.stdout, /^wget: bad address 'tinyurl\.com'$/m);
      assert.equal(
        jsonpath(lab, ['pod', pod], '{.status.initContainerStatuses[0].lastState.terminated.exitCode}'),
        '1',
      );
      assert.equal(
        jsonpath(lab, ['pod', pod], '{.status.initContainerStatuses[0].lastState.terminated.reason}'),
        'Error',
      );
      assert.match(
        lab.kubectl(['describe', 'pod', pod]).stdout,
        /Warning\s+BackOff\s+.*Back-off restarting failed container init-web in pod web-strict-/,
      );
    },
  );

  await t.test('kubectl get pods -w shows Init:Error before Init:CrashLoopBackOff', async () => {
    await waitFor(
      'Init:Error then Init:CrashLoopBackOff',
      () => {
        const seen = strictPods();
        const i = seen.indexOf('Init:Error');
        return i >= 0 && seen.indexOf('Init:CrashLoopBackOff', i) > i;
      },
      25_000,
    );
  });
});
