import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { mergeIntoKubeconfig, userKubeconfigPath } from './kubeconfig.ts';

const entry = { name: 'kubelab', server: 'https://127.0.0.1:6443', caCert: 'CA', token: 't0ken' };

test('merging keeps the user’s other contexts and makes kubelab current', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kubelab-kc-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'config');
  await writeFile(
    path,
    'apiVersion: v1\nkind: Config\nclusters: [{name: minikube, cluster: {server: "https://192.168.49.2:8443"}}]\n' +
      'contexts: [{name: minikube, context: {cluster: minikube, user: minikube}}]\n' +
      'users: [{name: minikube, user: {}}]\ncurrent-context: minikube\n',
  );
  await mergeIntoKubeconfig(path, entry);
  await mergeIntoKubeconfig(path, { ...entry, token: 'new' });
  const config = parse(await readFile(path, 'utf8')) as {
    contexts: { name: string }[];
    users: { name: string; user: { token?: string } }[];
    'current-context': string;
  };
  assert.deepEqual(
    config.contexts.map((c) => c.name),
    ['minikube', 'kubelab'],
  );
  assert.equal(config['current-context'], 'kubelab');
  assert.equal(
    config.users.find((u) => u.name === 'kubelab')?.user.token,
    'new',
    'a second merge replaces, never duplicates',
  );
});

test('the user kubeconfig is $KUBECONFIG’s first file, else ~/.kube/config', () => {
  assert.equal(userKubeconfigPath({ KUBECONFIG: '/a/one:/b/two', HOME: '/h' }), '/a/one');
  assert.equal(userKubeconfigPath({ HOME: '/h' }), '/h/.kube/config');
});
