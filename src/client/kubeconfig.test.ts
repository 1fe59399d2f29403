import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import forge from 'node-forge';
import { stringify } from 'yaml';
import { ClientConfigError } from './errors.ts';
import { httpTransport } from './http-transport.ts';
import { loadKubeconfig, transportFromKubeconfig } from './kubeconfig.ts';

/** A self-signed certificate for 127.0.0.1 that is its own CA, as minikube's apiserver cert chain in miniature. */
function selfSigned(): { cert: string; key: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 3_600_000);
  const name = [{ name: 'commonName', value: 'kubelab-test-ca' }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true },
    { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
  ]);
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert), key: keyPem };
}

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-kubeconfig-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function kubeconfig(server: string, caPem: string, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'kubelab',
    clusters: [
      {
        name: 'kubelab',
        cluster: { server, 'certificate-authority-data': Buffer.from(caPem).toString('base64') },
      },
      { name: 'other', cluster: { server: 'https://127.0.0.2:6443', 'insecure-skip-tls-verify': true } },
    ],
    users: [{ name: 'admin', user: { token: 'tok-123' } }],
    contexts: [
      { name: 'kubelab', context: { cluster: 'kubelab', user: 'admin' } },
      { name: 'other', context: { cluster: 'other', user: 'admin', namespace: 'kube-system' } },
    ],
    ...extra,
  };
}

describe('kubeconfig', () => {
  test('an HTTPS request verifies the server against certificate-authority-data and sends the token', async (t) => {
    const { cert, key } = selfSigned();
    let auth: string | undefined;
    const server = https.createServer({ cert, key }, (req, res) => {
      auth = req.headers.authorization;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"kind":"APIVersions","versions":["v1"]}');
    });
    t.after(
      () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dir = tempDir(t);
    const path = join(dir, 'config');
    writeFileSync(path, stringify(kubeconfig(url, cert)));

    const transport = transportFromKubeconfig(path);
    t.after(() => transport.close());
    const res = await transport.request({ method: 'GET', path: '/api' });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { kind: 'APIVersions', versions: ['v1'] });
    assert.equal(auth, 'Bearer tok-123');

    // Without the CA the same server is refused; with insecureSkipTLSVerify it is accepted.
    const noCa = httpTransport({ server: url });
    t.after(() => noCa.close());
    await assert.rejects(noCa.request({ method: 'GET', path: '/api' }), /self-signed|self signed/);
    const insecure = httpTransport({ server: url, insecureSkipTLSVerify: true });
    t.after(() => insecure.close());
    assert.equal((await insecure.request({ method: 'GET', path: '/api' })).status, 200);
  });

  test('a named context picks its cluster, user and namespace; file paths are relative to the kubeconfig', (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'ca.crt'), 'CA-PEM');
    writeFileSync(join(dir, 'token'), 'file-token\n');
    const doc = kubeconfig('https://127.0.0.1:1', 'x');
    doc.clusters[1] = {
      name: 'other',
      cluster: { server: 'https://127.0.0.2:6443', 'certificate-authority': 'ca.crt' } as never,
    };
    doc.users.push({ name: 'file', user: { tokenFile: 'token' } as never });
    doc.contexts[1] = {
      name: 'other',
      context: { cluster: 'other', user: 'file', namespace: 'kube-system' },
    };
    const path = join(dir, 'config');
    writeFileSync(path, stringify(doc));
    const got = loadKubeconfig(path, 'other');
    assert.equal(got.server, 'https://127.0.0.2:6443');
    assert.equal(got.namespace, 'kube-system');
    assert.equal(got.context, 'other');
    assert.equal(got.token, 'file-token');
    assert.equal(String(got.ca), 'CA-PEM');
    assert.equal(loadKubeconfig(path).namespace, 'default');
  });

  const errorRows: { desc: string; doc: Record<string, unknown>; context?: string; want: RegExp }[] = [
    {
      desc: 'unknown context',
      doc: kubeconfig('https://127.0.0.1:1', 'x'),
      context: 'nope',
      want: /context "nope" does not exist/,
    },
    {
      desc: 'no current-context',
      doc: kubeconfig('https://127.0.0.1:1', 'x', { 'current-context': '' }),
      want: /current-context is not set/,
    },
    {
      desc: 'context names a missing cluster',
      doc: kubeconfig('https://127.0.0.1:1', 'x', {
        contexts: [{ name: 'kubelab', context: { cluster: 'gone', user: 'admin' } }],
      }),
      want: /cluster "gone" does not exist/,
    },
  ];
  for (const row of errorRows) {
    test(`fails fast with ClientConfigError: ${row.desc}`, (t) => {
      const path = join(tempDir(t), 'config');
      writeFileSync(path, stringify(row.doc));
      assert.throws(
        () => loadKubeconfig(path, row.context),
        (err: unknown) => err instanceof ClientConfigError && row.want.test(err.message),
      );
    });
  }
});
