/**
 * Kubeconfigs: the data dir's own (`DIR/kubeconfig`) and the merge of a `kubelab` context into the
 * user's kubeconfig (`$KUBECONFIG`'s first file, else ~/.kube/config), as kind and minikube do.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';

export interface KubeconfigEntry {
  /** Context, cluster and user name. */
  name: string;
  server: string;
  caCert: string;
  token: string;
}

interface Named<T> {
  name: string;
  [key: string]: unknown;
  value?: T;
}

interface KubeconfigFile {
  apiVersion?: string;
  kind?: string;
  preferences?: unknown;
  clusters?: Named<unknown>[];
  contexts?: Named<unknown>[];
  users?: Named<unknown>[];
  'current-context'?: string;
  [key: string]: unknown;
}

function entries(entry: KubeconfigEntry) {
  return {
    cluster: {
      name: entry.name,
      cluster: {
        server: entry.server,
        'certificate-authority-data': Buffer.from(entry.caCert).toString('base64'),
      },
    },
    context: { name: entry.name, context: { cluster: entry.name, user: entry.name, namespace: 'default' } },
    user: { name: entry.name, user: { token: entry.token } },
  };
}

export function renderKubeconfig(entry: KubeconfigEntry): string {
  const e = entries(entry);
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: [e.cluster],
    contexts: [e.context],
    users: [e.user],
    'current-context': entry.name,
  });
}

/** The file kubectl would write to: the first path of $KUBECONFIG, else ~/.kube/config. */
export function userKubeconfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const first = (env.KUBECONFIG ?? '').split(':').find((p) => p.length > 0);
  return first ?? join(env.HOME ?? homedir(), '.kube', 'config');
}

async function writeAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.kubelab-${process.pid}.tmp`;
  await writeFile(tmp, text, { mode: 0o600 });
  await rename(tmp, path);
}

export async function writeKubeconfig(path: string, entry: KubeconfigEntry): Promise<void> {
  await writeAtomically(path, renderKubeconfig(entry));
}

/** Adds or replaces the cluster, user and context named `entry.name` and makes it current. Keeps the rest. */
export async function mergeIntoKubeconfig(path: string, entry: KubeconfigEntry): Promise<void> {
  let config: KubeconfigFile = { apiVersion: 'v1', kind: 'Config', preferences: {} };
  if (existsSync(path)) {
    const text = await readFile(path, 'utf8');
    const parsed: unknown = text.trim() ? parse(text) : {};
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error(`${path} is not a kubeconfig (not a YAML map); fix or move it, or use --no-kubeconfig`);
    }
    config = { apiVersion: 'v1', kind: 'Config', ...(parsed as KubeconfigFile) };
  }
  const e = entries(entry);
  const put = (list: Named<unknown>[] | undefined, item: Named<unknown>) => [
    ...(list ?? []).filter((x) => x?.name !== item.name),
    item,
  ];
  config.clusters = put(config.clusters, e.cluster);
  config.contexts = put(config.contexts, e.context);
  config.users = put(config.users, e.user);
  config['current-context'] = entry.name;
  await writeAtomically(path, stringify(config));
}
