/** A restart on the durable store: every object is back with its uid, and bootstrap does not duplicate or fail. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startApiServer } from '../../src/apiserver/index.ts';
import type { KubeObject } from '../../src/core/index.ts';
import { openStore } from '../../src/store/index.ts';

test('objects and CRDs survive a restart; bootstrap is idempotent', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-apiserver-restart-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const boot = async (): Promise<{
    close(): Promise<void>;
    req: (
      m: 'GET' | 'POST',
      p: string,
      b?: unknown,
    ) => Promise<{ status: number; body: KubeObject & { items?: KubeObject[] } }>;
  }> => {
    const store = await openStore({ driver: 'lmdb', path: join(dir, 'store') });
    const server = await startApiServer({ store, plainHttp: true });
    return {
      async close() {
        await server.close();
        await store.close();
      },
      req: async (method, path, body) =>
        (await server.transport.request({ method, path, body })) as {
          status: number;
          body: KubeObject & { items?: KubeObject[] };
        },
    };
  };
  const first = await boot();
  const cm = await first.req('POST', '/api/v1/namespaces/default/configmaps', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'kept' },
  });
  const crd = await first.req('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      scope: 'Namespaced',
      names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      ],
    },
  });
  assert.equal(crd.status, 201, JSON.stringify(crd.body));
  const nodeUid = (await first.req('GET', '/api/v1/nodes/kubelab')).body.metadata.uid;
  await first.close();

  const second = await boot();
  t.after(() => second.close());
  const again = await second.req('GET', '/api/v1/namespaces/default/configmaps/kept');
  assert.equal(again.body.metadata.uid, cm.body.metadata.uid);
  assert.equal((await second.req('GET', '/api/v1/nodes/kubelab')).body.metadata.uid, nodeUid);
  const widget = await second.req('POST', '/apis/example.com/v1/namespaces/default/widgets', {
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: { name: 'w' },
  });
  assert.equal(widget.status, 201, 'the CRD is served after the restart');
  const ns = await second.req('GET', '/api/v1/namespaces');
  assert.equal(ns.body.items?.length, 4);
});
