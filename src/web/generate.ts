/** Writes the page and info.json into a directory: what the lab's init container did. */
import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { managedHostsFile } from './hosts.ts';
import { pageInfo, renderPage } from './page.ts';
import type { PageInfo } from './page.ts';

export interface GenerateOptions {
  /** Directory to write into; created if missing. */
  outDir: string;
  hostname: string;
  podIP?: string;
  namespace?: string;
  nodeName?: string;
  env?: Readonly<Record<string, string | undefined>>;
  /** The hosts file text; without it, the kubelet's managed hosts file for this pod is shown. */
  hosts?: string;
  /** Defaults to the current time; tests pass a fixed date. */
  now?: Date;
}

export interface GenerateResult {
  indexPath: string;
  infoPath: string;
  info: PageInfo;
}

export async function generatePage(opts: GenerateOptions): Promise<GenerateResult> {
  if (!opts.hostname) throw new Error('generatePage: hostname is required');
  const input = {
    hostname: opts.hostname,
    podIP: opts.podIP,
    namespace: opts.namespace,
    nodeName: opts.nodeName,
    env: opts.env ?? {},
    hosts:
      opts.hosts ?? managedHostsFile({ hostname: opts.hostname, podIPs: opts.podIP ? [opts.podIP] : [] }),
    generatedAt: opts.now ?? new Date(),
  };
  const info = pageInfo(input);
  await mkdir(opts.outDir, { recursive: true });
  const indexPath = join(opts.outDir, 'index.html');
  const infoPath = join(opts.outDir, 'info.json');
  await writeAtomically(indexPath, renderPage(input));
  await writeAtomically(infoPath, JSON.stringify(info, null, 2) + '\n');
  return { indexPath, infoPath, info };
}

/** A server reading the directory meanwhile sees the old file or the new one, never half of one. */
async function writeAtomically(path: string, data: string): Promise<void> {
  const tmp = `${path}.${randomUUID()}.tmp`;
  await writeFile(tmp, data, { mode: 0o644 });
  await rename(tmp, path);
}
