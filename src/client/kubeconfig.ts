/**
 * Reads a kubeconfig (clusters, users, contexts) into an HttpTransportConfig, the way kubectl
 * resolves it: the named context or current-context, its cluster's server and CA, its user's
 * token or client certificate; relative file paths are relative to the kubeconfig's folder.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse } from 'yaml';
import { isRecord } from '../core/index.ts';
import { ClientConfigError } from './errors.ts';
import { httpTransport } from './http-transport.ts';
import type { HttpTransport, HttpTransportConfig } from './http-transport.ts';

export interface KubeconfigSelection extends HttpTransportConfig {
  /** The context's namespace, `default` when unset (as kubectl). */
  namespace: string;
  context: string;
}

function named(list: unknown, name: string, what: string, path: string): Record<string, unknown> {
  const entries = Array.isArray(list) ? list : [];
  const entry: unknown = entries.find((e) => isRecord(e) && e.name === name);
  if (!isRecord(entry)) throw new ClientConfigError(`${what} "${name}" does not exist in ${path}`);
  const inner = entry[what];
  return isRecord(inner) ? inner : {};
}

function str(record: Record<string, unknown>, key: string): string | undefined {
  const v = record[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** `<key>-data` (base64) wins over `<key>` (a file path), as client-go's loader does. */
function pem(record: Record<string, unknown>, key: string, dir: string): Buffer | undefined {
  const data = str(record, `${key}-data`);
  if (data) return Buffer.from(data, 'base64');
  const file = str(record, key);
  return file ? readFileSync(isAbsolute(file) ? file : resolve(dir, file)) : undefined;
}

/** Resolves one context of a kubeconfig file. Throws ClientConfigError when it names what is not there. */
export function loadKubeconfig(path: string, context?: string): KubeconfigSelection {
  let doc: unknown;
  try {
    doc = parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ClientConfigError(`cannot read kubeconfig ${path}: ${(err as Error).message}`);
  }
  if (!isRecord(doc)) throw new ClientConfigError(`kubeconfig ${path} is empty`);
  const dir = dirname(path);
  const contextName = context ?? str(doc, 'current-context');
  if (!contextName) throw new ClientConfigError(`current-context is not set in ${path}`);
  const ctx = named(doc.contexts, contextName, 'context', path);
  const clusterName = str(ctx, 'cluster');
  if (!clusterName) throw new ClientConfigError(`context "${contextName}" names no cluster in ${path}`);
  const cluster = named(doc.clusters, clusterName, 'cluster', path);
  const userName = str(ctx, 'user');
  const user = userName ? named(doc.users, userName, 'user', path) : {};
  const server = str(cluster, 'server');
  if (!server) throw new ClientConfigError(`cluster "${clusterName}" has no server in ${path}`);

  const selection: KubeconfigSelection = {
    server,
    context: contextName,
    namespace: str(ctx, 'namespace') ?? 'default',
  };
  const ca = pem(cluster, 'certificate-authority', dir);
  if (ca) selection.ca = ca;
  if (cluster['insecure-skip-tls-verify'] === true) selection.insecureSkipTLSVerify = true;
  const tokenFile = str(user, 'tokenFile');
  const token =
    str(user, 'token') ?? (tokenFile ? readFileSync(resolve(dir, tokenFile), 'utf8').trim() : undefined);
  if (token) selection.token = token;
  const cert = pem(user, 'client-certificate', dir);
  const key = pem(user, 'client-key', dir);
  if (cert) selection.clientCert = cert;
  if (key) selection.clientKey = key;
  return selection;
}

/** An HTTP transport for a kubeconfig context (default: its current-context). */
export function transportFromKubeconfig(path: string, context?: string): HttpTransport {
  return httpTransport(loadKubeconfig(path, context));
}
