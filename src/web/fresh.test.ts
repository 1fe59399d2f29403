/** serveFreshPage: a generated page served from a temporary directory that goes away on close. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { access } from 'node:fs/promises';
import { serveFreshPage } from './index.ts';
import { rawRequest } from './test-helpers.ts';

test('serveFreshPage serves a page naming the pod and removes its directory on close', async (t) => {
  const server = await serveFreshPage({
    host: '127.0.0.1',
    port: 0,
    page: { hostname: 'kubelab-dev', podIP: '127.0.0.1', env: { GREETING: 'hi' } },
  });
  t.after(() => server.close());
  const page = await rawRequest(server.port, '/');
  assert.equal(page.status, 200);
  assert.match(page.body.toString(), /export GREETING='hi'\n[^]*127\.0\.0\.1\tkubelab-dev<\/pre>/);
  const info = await rawRequest(server.port, '/info.json');
  assert.equal((JSON.parse(info.body.toString()) as { hostname: string }).hostname, 'kubelab-dev');
  await server.close();
  await assert.rejects(access(server.root), { code: 'ENOENT' });
});
