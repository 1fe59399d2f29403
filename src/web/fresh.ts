/** Generates a page into a temporary directory and serves it: `npm start` until the runtime exists. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePage } from './generate.ts';
import type { GenerateOptions, GenerateResult } from './generate.ts';
import { startWebServer } from './server.ts';
import type { AccessLogEntry, CloseOptions, WebServer } from './server.ts';

export interface FreshPageOptions {
  host: string;
  port: number;
  log?: (entry: AccessLogEntry) => void;
  /** What the page shows; the CLI passes what it read from the process (env, hostname, hosts). */
  page?: Omit<GenerateOptions, 'outDir'>;
}

export interface FreshPageServer extends WebServer {
  root: string;
  page: GenerateResult;
}

export async function serveFreshPage(opts: FreshPageOptions): Promise<FreshPageServer> {
  const root = await mkdtemp(join(tmpdir(), 'kubelab-web-'));
  try {
    const page = await generatePage({ hostname: 'kubelab', ...opts.page, outDir: root });
    const server = await startWebServer({ root, host: opts.host, port: opts.port, log: opts.log });
    return {
      ...server,
      root,
      page,
      // The directory is ours alone, so it goes when the server does.
      close: async (closeOpts?: CloseOptions) => {
        await server.close(closeOpts);
        await rm(root, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(root, { recursive: true, force: true });
    throw err;
  }
}
