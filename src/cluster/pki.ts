/**
 * The data dir's PKI: a CA made once per data dir, a serving certificate for the API server signed by
 * it, and a bearer token. Keys come from node's crypto (fast, native); certificates from node-forge,
 * since Node 20 can parse X.509 but not build it.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import forge from 'node-forge';

export interface Pki {
  caCert: string;
  apiCert: string;
  apiKey: string;
  token: string;
}

export interface PkiOptions {
  /** IP SANs of the serving certificate (API host, the `kubernetes` Service IP, …). */
  ips: string[];
  /** DNS SANs (localhost, kubernetes.default.svc, …). */
  dnsNames: string[];
  now?: Date;
}

function newKeyPair(): {
  privateKey: forge.pki.rsa.PrivateKey;
  publicKey: forge.pki.rsa.PublicKey;
  pem: string;
} {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  const key = forge.pki.privateKeyFromPem(privateKey);
  return { privateKey: key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e), pem: privateKey };
}

function serial(): string {
  // Positive, non-zero: the first byte's top bit must be clear.
  return '01' + randomBytes(15).toString('hex');
}

function makeCA(now: Date): { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey; keyPem: string } {
  const keys = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + 10 * 365 * 86_400_000);
  const subject = [{ name: 'commonName', value: 'kubelabCA' }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { cert, key: keys.privateKey, keyPem: keys.pem };
}

function makeServingCert(
  ca: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey },
  options: PkiOptions,
  now: Date,
): { certPem: string; keyPem: string } {
  const keys = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + 365 * 86_400_000);
  cert.setSubject([{ name: 'commonName', value: 'kube-apiserver' }]);
  cert.setIssuer(ca.cert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        ...options.dnsNames.map((value) => ({ type: 2, value })),
        ...options.ips.map((ip) => ({ type: 7, ip })),
      ],
    },
  ]);
  cert.sign(ca.key, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.pem };
}

/**
 * Loads the PKI from `dir`, making what is missing. The CA and token are kept for the data dir's
 * life (kubeconfigs stay valid across restarts); the serving certificate is remade when its SANs change.
 */
export async function ensurePki(dir: string, options: PkiOptions): Promise<Pki> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const now = options.now ?? new Date();
  const path = (name: string) => join(dir, name);
  let caCertPem: string;
  let ca: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey };
  if (existsSync(path('ca.crt')) && existsSync(path('ca.key'))) {
    caCertPem = await readFile(path('ca.crt'), 'utf8');
    ca = {
      cert: forge.pki.certificateFromPem(caCertPem),
      key: forge.pki.privateKeyFromPem(await readFile(path('ca.key'), 'utf8')),
    };
  } else {
    const made = makeCA(now);
    caCertPem = forge.pki.certificateToPem(made.cert);
    await writeFile(path('ca.key'), made.keyPem, { mode: 0o600 });
    await writeFile(path('ca.crt'), caCertPem);
    ca = made;
  }
  const sans = JSON.stringify({ ips: [...options.ips].sort(), dns: [...options.dnsNames].sort() });
  const sansPath = path('apiserver.sans.json');
  const reuse =
    existsSync(path('apiserver.crt')) &&
    existsSync(path('apiserver.key')) &&
    existsSync(sansPath) &&
    (await readFile(sansPath, 'utf8')) === sans;
  if (!reuse) {
    const serving = makeServingCert(ca, options, now);
    await writeFile(path('apiserver.key'), serving.keyPem, { mode: 0o600 });
    await writeFile(path('apiserver.crt'), serving.certPem);
    await writeFile(sansPath, sans);
  }
  if (!existsSync(path('token')))
    await writeFile(path('token'), randomBytes(24).toString('hex') + '\n', { mode: 0o600 });
  return {
    caCert: caCertPem,
    apiCert: await readFile(path('apiserver.crt'), 'utf8'),
    apiKey: await readFile(path('apiserver.key'), 'utf8'),
    token: (await readFile(path('token'), 'utf8')).trim(),
  };
}
