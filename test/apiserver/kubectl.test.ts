/**
 * The real kubectl (the /usr/bin/kubectl dispatcher → 1.32) against the API server: the lab's
 * commands and manifests, the three upstream manifests, and kube's error texts.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { startLab, UPSTREAM, waitFor, waitForLine } from './harness.ts';

const F = join(import.meta.dirname, 'fixtures');

/** A ConfigMap manifest for `apply -f -` (kubectl create sends protobuf bodies, which kubelab does not decode yet). */
function configMap(name: string, namespace: string, data: Record<string, string> = {}): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data });
}

const NS_LAB = JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'lab' } });

describe('kubectl against the API server', () => {
  test('get nodes and namespaces show the bootstrap objects', async (t) => {
    const lab = await startLab(t);
    const nodes = await lab.kubectl(['get', 'nodes']);
    assert.equal(nodes.code, 0, nodes.stderr);
    assert.match(nodes.stdout, /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\n/);
    assert.match(nodes.stdout, /kubelab\s+Ready\s+control-plane\s+\S+\s+v1\.32\.0/);
    const ns = await lab.kubectl(['get', 'ns', '-o', 'name']);
    assert.deepEqual(ns.stdout.trim().split('\n'), [
      'namespace/default',
      'namespace/kube-node-lease',
      'namespace/kube-public',
      'namespace/kube-system',
    ]);
    const svc = await lab.kubectl(['get', 'svc', '-A']);
    assert.match(svc.stdout, /^NAMESPACE\s+NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\n/);
    assert.match(svc.stdout, /default\s+kubernetes\s+ClusterIP\s+127\.96\.0\.1\s+<none>\s+443\/TCP/);
    const sa = await waitFor(async () => {
      const r = await lab.kubectl(['get', 'sa', '-A', '-o', 'name']);
      return r.stdout.trim().split('\n').length === 4 ? r.stdout : undefined;
    });
    assert.match(sa, /serviceaccount\/default/);
  });

  test('the upstream manifests apply unchanged; MetalLB CRDs are served at once', async (t) => {
    const lab = await startLab(t);
    for (const file of [
      'metallb-native-v0.13.10.yaml',
      'ingress-nginx-baremetal-v1.8.0.yaml',
      'dashboard-recommended-v2.7.0.yaml',
    ]) {
      const r = await lab.kubectl(['apply', '-f', join(UPSTREAM, file)]);
      assert.equal(r.code, 0, `${file}: ${r.stderr}`);
      assert.doesNotMatch(r.stdout, /unchanged|configured/);
      const again = await lab.kubectl(['apply', '-f', join(UPSTREAM, file)]);
      assert.equal(again.code, 0, again.stderr);
      // MetalLB's webhook configuration carries `creationTimestamp: null`, so kubectl's three-way patch is
      // never empty for it and a real cluster prints `configured` too; nothing is created again.
      assert.doesNotMatch(again.stdout, /created/, `second apply of ${file} creates nothing`);
      const changed = again.stdout.split('\n').filter((l) => / configured$/.test(l));
      assert.ok(
        changed.every((l) => l.startsWith('validatingwebhookconfiguration')),
        changed.join('\n'),
      );
    }
    const res = await lab.kubectl(['api-resources', '--api-group=metallb.io', '-o', 'name']);
    assert.match(res.stdout, /^ipaddresspools\.metallb\.io$/m);
    assert.match(res.stdout, /^l2advertisements\.metallb\.io$/m);
    const pool = await lab.kubectl(['apply', '-f', join(F, 'metallb-pool.yaml')]);
    assert.equal(pool.code, 0, pool.stderr);
    assert.match(pool.stdout, /ipaddresspool\.metallb\.io\/default created/);
    const get = await lab.kubectl(['get', 'ipaddresspools', '-n', 'metallb-system']);
    assert.match(get.stdout, /default\s+true\s+false\s+\["127\.17\.255\.1-127\.17\.255\.254"\]/);
  });

  test('a deleted CRD stops being served', async (t) => {
    const lab = await startLab(t);
    await lab.kubectl(['apply', '-f', join(UPSTREAM, 'metallb-native-v0.13.10.yaml')]);
    await lab.kubectl(['apply', '-f', join(F, 'metallb-pool.yaml')]);
    const del = await lab.kubectl(['delete', 'crd', 'ipaddresspools.metallb.io']);
    assert.equal(del.code, 0, del.stderr);
    const res = await lab.kubectl(['api-resources', '--api-group=metallb.io', '-o', 'name']);
    assert.doesNotMatch(res.stdout, /ipaddresspools/);
    const get = await lab.kubectl(['get', 'ipaddresspools', '-A']);
    assert.notEqual(get.code, 0);
    assert.match(get.stderr, /the server doesn't have a resource type "ipaddresspools"/);
  });

  test('apply: created, unchanged, configured, serverside-applied', async (t) => {
    const lab = await startLab(t);
    const first = await lab.kubectl(['apply', '-f', join(F, 'web-pod.yaml')]);
    assert.equal(first.stdout.trim(), 'pod/nginx created', first.stderr);
    const second = await lab.kubectl(['apply', '-f', join(F, 'web-pod.yaml')]);
    assert.equal(second.stdout.trim(), 'pod/nginx unchanged', second.stderr);
    const deploy = await lab.kubectl(['apply', '-f', join(F, 'web-deploy.yaml')]);
    assert.equal(deploy.stdout.trim(), 'deployment.apps/web created', deploy.stderr);
    const changed = join(lab.dir, 'web-deploy-2.yaml');
    writeFileSync(
      changed,
      (await import('node:fs'))
        .readFileSync(join(F, 'web-deploy.yaml'), 'utf8')
        .replace('replicas: 3', 'replicas: 2'),
    );
    const conf = await lab.kubectl(['apply', '-f', changed]);
    assert.equal(conf.stdout.trim(), 'deployment.apps/web configured', conf.stderr);
    const gen = await lab.kubectl([
      'get',
      'deploy',
      'web',
      '-o',
      'jsonpath={.metadata.generation} {.spec.replicas}',
    ]);
    assert.equal(gen.stdout, '2 2');
    const ssa = await lab.kubectl(['apply', '--server-side', '-f', join(F, 'web-deploy.yaml')]);
    assert.equal(ssa.stdout.trim(), 'deployment.apps/web serverside-applied', ssa.stderr);
    const ssaNew = await lab.kubectl(['apply', '--server-side', '-f', join(F, 'web-svc-lb.yaml')]);
    assert.equal(ssaNew.stdout.trim(), 'service/web-svc-lb serverside-applied', ssaNew.stderr);
    const svc = await lab.kubectl(['get', 'svc', 'web-svc-lb']);
    assert.match(svc.stdout, /web-svc-lb\s+LoadBalancer\s+127\.\d+\.\d+\.\d+\s+<pending>\s+80:3\d{4}\/TCP/);
  });

  test("the lab's mistakes get Kubernetes' errors", async (t) => {
    const lab = await startLab(t);
    const broken = await lab.kubectl(['apply', '-f', join(F, 'web-deploy-broken.yaml')]);
    assert.equal(broken.code, 1);
    assert.equal(
      broken.stderr.trim(),
      'The Deployment "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
    );
    const ing = await lab.kubectl(['apply', '-f', join(F, 'web-ingress-old.yaml')]);
    assert.equal(ing.code, 1);
    assert.match(
      ing.stderr,
      /Error from server \(BadRequest\): error when creating ".*web-ingress-old\.yaml": Ingress in version "v1" cannot be handled as a Ingress: strict decoding error: unknown field "spec\.rules\[0\]\.http\.paths\[0\]\.backend\.serviceName", unknown field "spec\.rules\[0\]\.http\.paths\[0\]\.backend\.servicePort"/,
    );
    const missing = await lab.kubectl(['get', 'pod', 'nope']);
    assert.equal(missing.stderr.trim(), 'Error from server (NotFound): pods "nope" not found');
    const noNs = await lab.kubectl(['apply', '-f', '-'], { input: configMap('x', 'nowhere') });
    assert.match(noNs.stderr, /namespaces "nowhere" not found/);
    const sel = await lab.kubectl(['get', 'pods', '--field-selector', 'spec.foo=bar']);
    assert.match(sel.stderr, /field label not supported: spec\.foo/);
  });

  test('get -o wide|yaml|json, describe, labels', async (t) => {
    const lab = await startLab(t);
    await lab.kubectl(['apply', '-f', join(F, 'web-pod.yaml')]);
    const wide = await lab.kubectl(['get', 'pods', '-o', 'wide']);
    assert.match(
      wide.stdout,
      /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES\n/,
    );
    assert.match(wide.stdout, /nginx\s+0\/1\s+Pending\s+0\s+/);
    const yaml = await lab.kubectl(['get', 'pod', 'nginx', '-o', 'yaml']);
    assert.match(yaml.stdout, /^apiVersion: v1\nkind: Pod\n/);
    assert.match(yaml.stdout, /uid: [0-9a-f-]{36}/);
    const json = JSON.parse((await lab.kubectl(['get', 'pods', '-o', 'json'])).stdout) as {
      kind: string;
      items: unknown[];
    };
    assert.equal(json.kind, 'List');
    assert.equal(json.items.length, 1);
    const labels = await lab.kubectl(['get', 'pods', '-A', '--show-labels']);
    assert.match(labels.stdout, /default\s+nginx\s+.*app=nginx/);
    const byLabel = await lab.kubectl(['get', 'pods', '-l', 'app in (nginx,web)', '-o', 'name']);
    assert.equal(byLabel.stdout.trim(), 'pod/nginx');
    const notLabel = await lab.kubectl(['get', 'pods', '-l', 'app!=nginx']);
    assert.match(notLabel.stderr, /No resources found in default namespace/);
    const desc = await lab.kubectl(['describe', 'pod', 'nginx']);
    assert.equal(desc.code, 0, desc.stderr);
    assert.match(desc.stdout, /^Name:\s+nginx$/m);
    assert.match(desc.stdout, /^Namespace:\s+default$/m);
    const descSvc = await lab.kubectl(['describe', 'svc', 'kubernetes']);
    assert.match(descSvc.stdout, /^Endpoints:\s+127\.0\.0\.1:\d+$/m);
  });

  test('edit with EDITOR set to a script', async (t) => {
    const lab = await startLab(t);
    await lab.kubectl(['apply', '-f', '-'], {
      input: configMap('kube-proxy', 'kube-system', { 'config.conf': 'strictARP: false' }),
    });
    const editor = join(lab.dir, 'editor.sh');
    writeFileSync(editor, '#!/bin/sh\nsed -i "s/strictARP: false/strictARP: true/" "$1"\n', { mode: 0o755 });
    const r = await lab.kubectl(['-n', 'kube-system', 'edit', 'configmap/kube-proxy'], {
      env: { KUBE_EDITOR: editor },
    });
    assert.equal(r.stdout.trim(), 'configmap/kube-proxy edited', r.stderr);
    const get = await lab.kubectl([
      '-n',
      'kube-system',
      'get',
      'cm',
      'kube-proxy',
      '-o',
      'jsonpath={.data.config\\.conf}',
    ]);
    assert.equal(get.stdout, 'strictARP: true');
  });

  test('delete: plain, --grace-period=0 --force, --all', async (t) => {
    const lab = await startLab(t);
    await lab.kubectl(['apply', '-f', join(F, 'web-pod.yaml')]);
    const del = await lab.kubectl(['delete', '-f', join(F, 'web-pod.yaml')]);
    assert.equal(del.stdout.trim(), 'pod "nginx" deleted', del.stderr);
    await lab.kubectl(['apply', '-f', join(F, 'web-pod.yaml')]);
    const force = await lab.kubectl(['delete', 'pod/nginx', '--grace-period=0', '--force']);
    assert.equal(force.stdout.trim(), 'pod "nginx" force deleted', force.stderr);
    assert.match(force.stderr, /Immediate deletion does not wait for confirmation/);
    for (const n of ['a', 'b', 'c'])
      await lab.kubectl(['apply', '-f', '-'], { input: configMap(n, 'default') });
    const all = await lab.kubectl(['delete', 'configmap', '--all']);
    assert.match(all.stdout, /configmap "a" deleted\nconfigmap "b" deleted\nconfigmap "c" deleted/);
    const left = await lab.kubectl(['get', 'cm', '-o', 'name']);
    assert.equal(left.stdout.trim(), '');
  });

  test('delete of a namespace removes what is in it, then the namespace', async (t) => {
    const lab = await startLab(t);
    await lab.kubectl(['apply', '-f', '-'], { input: NS_LAB });
    await lab.kubectl(['apply', '-f', '-'], { input: configMap('x', 'lab') });
    await lab.kubectl(['-n', 'lab', 'apply', '-f', join(F, 'web-deploy.yaml')]);
    const del = await lab.kubectl(['delete', 'ns', 'lab']);
    assert.equal(del.stdout.trim(), 'namespace "lab" deleted', del.stderr);
    const cms = await lab.kubectl(['get', 'cm', '-n', 'lab']);
    assert.match(cms.stderr, /No resources found in lab namespace/);
    const forbidden = await lab.kubectl(['delete', 'ns', 'default']);
    assert.equal(
      forbidden.stderr.trim(),
      'Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted',
    );
  });

  test('get -w sees a change', async (t) => {
    const lab = await startLab(t);
    await lab.kubectl(['apply', '-f', '-'], { input: configMap('demo', 'default', { a: '1' }) });
    const line = await waitForLine(lab, ['get', 'cm', '-w'], /^demo\s+2\s+/, 30_000, () => {
      void lab.kubectl(['patch', 'cm', 'demo', '-p', '{"data":{"b":"2"}}']);
    });
    assert.match(line, /^demo\s+2\s+\S+$/);
  });

  test('scale and rollout-status-style watches by name', async (t) => {
    const lab = await startLab(t);
    await lab.kubectl(['apply', '-f', join(F, 'web-deploy.yaml')]);
    const scaled = await lab.kubectl(['scale', 'deploy', 'web', '--replicas=5']);
    assert.equal(scaled.stdout.trim(), 'deployment.apps/web scaled', scaled.stderr);
    const r = await lab.kubectl([
      'get',
      'deploy',
      'web',
      '-o',
      'jsonpath={.spec.replicas} {.metadata.generation}',
    ]);
    assert.equal(r.stdout, '5 2');
    const wait = await lab.kubectl([
      'wait',
      '--for=jsonpath={.spec.replicas}=5',
      'deploy/web',
      '--timeout=10s',
    ]);
    assert.equal(wait.stdout.trim(), 'deployment.apps/web condition met', wait.stderr);
  });

  test('logs and exec without a kubelet answer a clear Status', async (t) => {
    const lab = await startLab(t);
    await lab.kubectl(['apply', '-f', join(F, 'web-pod.yaml')]);
    const logs = await lab.kubectl(['logs', 'nginx']);
    assert.equal(
      logs.stderr.trim(),
      'Error from server (BadRequest): container "web" in pod "nginx" is waiting to start: ContainerCreating',
    );
    const exec = await lab.kubectl(['exec', 'nginx', '--', 'ls']);
    assert.notEqual(exec.code, 0);
    assert.match(exec.stderr, /waiting to start: ContainerCreating|kubelab serves exec over WebSocket/);
  });

  test('kubectl create (typed clients send protobuf bodies)', async (t) => {
    const lab = await startLab(t);
    const rows: { args: string[]; out: string }[] = [
      { args: ['create', 'namespace', 'lab'], out: 'namespace/lab created' },
      { args: ['-n', 'lab', 'create', 'configmap', 'x', '--from-literal=a=b'], out: 'configmap/x created' },
      {
        args: ['-n', 'lab', 'create', 'secret', 'generic', 's', '--from-literal=p=q'],
        out: 'secret/s created',
      },
      {
        args: ['-n', 'lab', 'create', 'deployment', 'web', '--image=nginx', '--replicas=2'],
        out: 'deployment.apps/web created',
      },
    ];
    for (const r of rows) {
      const res = await lab.kubectl(r.args);
      assert.equal(res.stdout.trim(), r.out, res.stderr);
    }
    const secret = await lab.kubectl(['-n', 'lab', 'get', 'secret', 's', '-o', 'jsonpath={.data.p}']);
    assert.equal(secret.stdout, Buffer.from('q').toString('base64'));
    const deploy = await lab.kubectl([
      '-n',
      'lab',
      'get',
      'deploy',
      'web',
      '-o',
      'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image}',
    ]);
    assert.equal(deploy.stdout, '2 nginx');
  });

  test('auth can-i and whoami: one user with every right', async (t) => {
    const lab = await startLab(t);
    assert.equal((await lab.kubectl(['auth', 'can-i', 'delete', 'pods'])).stdout.trim(), 'yes');
    const who = await lab.kubectl(['auth', 'whoami']);
    assert.match(who.stdout, /^Username\s+kubelab-admin$/m, who.stderr);
  });
});
