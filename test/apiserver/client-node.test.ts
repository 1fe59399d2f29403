/** @kubernetes/client-node 1.4 lists and watches through a kubeconfig pointing at the API server. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clientNodeConfig, startLab, waitFor } from './harness.ts';

test('client-node lists namespaces and watches a ConfigMap appear', async (t) => {
  const lab = await startLab(t);
  const k8s = await import('@kubernetes/client-node');
  const kc = await clientNodeConfig(lab);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const list = await core.listNamespace();
  assert.deepEqual(
    list.items.map((n) => n.metadata?.name),
    ['default', 'kube-node-lease', 'kube-public', 'kube-system'],
  );
  const seen: string[] = [];
  const watch = new k8s.Watch(kc);
  const req = await watch.watch(
    '/api/v1/namespaces/default/configmaps',
    { resourceVersion: list.metadata?.resourceVersion },
    (type: string, obj: { metadata?: { name?: string } }) => seen.push(`${type} ${obj.metadata?.name ?? ''}`),
    () => {},
  );
  t.after(() => req.abort());
  await core.createNamespacedConfigMap({
    namespace: 'default',
    body: { metadata: { name: 'from-client' }, data: { a: '1' } },
  });
  await waitFor(() => (seen.includes('ADDED from-client') ? true : undefined), 10_000, 'the watch event');
  const cms = await core.listNamespacedConfigMap({ namespace: 'default', labelSelector: '!nothing' });
  assert.ok(cms.items.some((c) => c.metadata?.name === 'from-client'));
});
