import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:https';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { ensurePki } from './pki.ts';

test('the serving certificate is trusted through the data dir CA, for the API host and the kubernetes Service IP', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kubelab-pki-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const pki = await ensurePki(dir, {
    ips: ['127.0.0.1', '127.96.0.1'],
    dnsNames: ['localhost', 'kubernetes.default.svc'],
  });
  const cert = new X509Certificate(pki.apiCert);
  assert.ok(cert.checkIssued(new X509Certificate(pki.caCert)));
  assert.match(cert.subjectAltName ?? '', /IP Address:127\.96\.0\.1/);
  assert.match(pki.token, /^[0-9a-f]{48}$/);

  const server = createServer({ cert: pki.apiCert, key: pki.apiKey }, (_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const { port } = server.address() as AddressInfo;
  const body = await new Promise<string>((resolve, reject) => {
    request({ host: '127.0.0.1', port, ca: pki.caCert, path: '/' }, (res) => {
      let data = '';
      res.on('data', (c: Buffer) => (data += c.toString()));
      res.on('end', () => resolve(data));
    })
      .on('error', reject)
      .end();
  });
  assert.equal(body, 'ok');

  const again = await ensurePki(dir, {
    ips: ['127.0.0.1', '127.96.0.1'],
    dnsNames: ['localhost', 'kubernetes.default.svc'],
  });
  assert.equal(again.caCert, pki.caCert, 'the CA is kept across restarts');
  assert.equal(again.apiCert, pki.apiCert, 'the serving cert is kept while its SANs are the same');
  assert.equal(again.token, pki.token);
});
