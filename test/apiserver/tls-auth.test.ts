/** TLS and bearer tokens: kubectl with the CA and token works; no token or a wrong one gets 401 Status. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startApiServer } from '../../src/apiserver/index.ts';
import { ensurePki } from '../../src/cluster/pki.ts';
import { openStore } from '../../src/store/index.ts';
import { KUBECTL } from './harness.ts';

function get(url: string, ca: string, token?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('https with a token: kubectl works, anonymous and wrong tokens get 401', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-apiserver-tls-'));
  const pki = await ensurePki(join(dir, 'pki'), { ips: ['127.0.0.1'], dnsNames: ['localhost'] });
  const store = await openStore({ driver: 'memory' });
  const server = await startApiServer({
    store,
    tls: { cert: pki.apiCert, key: pki.apiKey },
    tokens: [pki.token],
    caCert: pki.caCert,
  });
  t.after(async () => {
    await server.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  const anonymous = await get(`${server.url}/api`, pki.caCert);
  assert.equal(anonymous.status, 401);
  assert.equal((JSON.parse(anonymous.body) as { reason: string }).reason, 'Unauthorized');
  assert.equal((await get(`${server.url}/api`, pki.caCert, 'wrong')).status, 401);
  assert.equal((await get(`${server.url}/version`, pki.caCert)).status, 200, '/version is public');
  assert.equal((await get(`${server.url}/api/v1/namespaces`, pki.caCert, pki.token)).status, 200);
  const kubeconfig = join(dir, 'kubeconfig');
  const ca = Buffer.from(pki.caCert).toString('base64');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1\nkind: Config\nclusters: [{name: k, cluster: {server: "${server.url}", certificate-authority-data: ${ca}}}]\ncontexts: [{name: k, context: {cluster: k, user: k}}]\ncurrent-context: k\nusers: [{name: k, user: {token: ${pki.token}}}]\n`,
  );
  const out = await new Promise<string>((resolve, reject) =>
    execFile(
      KUBECTL,
      [`--kubeconfig=${kubeconfig}`, `--cache-dir=${join(dir, 'cache')}`, 'get', 'ns', '-o', 'name'],
      { env: { ...process.env, HOME: dir } },
      (err, stdout, stderr) => (err ? reject(new Error(stderr)) : resolve(stdout)),
    ),
  );
  assert.match(out, /namespace\/kube-system/);
  const cm = await get(
    `${server.url}/api/v1/namespaces/default/configmaps/kube-root-ca.crt`,
    pki.caCert,
    pki.token,
  );
  assert.equal(cm.status, 200, 'the CA is published in every namespace');
});
