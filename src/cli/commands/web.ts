/** `kubelab web generate|serve`: the lab's web app, also the built-in image kubelab/web. */
import { Command, InvalidArgumentError } from '@commander-js/extra-typings';
import { readFile, stat } from 'node:fs/promises';
import { hostname as osHostname } from 'node:os';
import { pathToFileURL } from 'node:url';
// The CLI is the web app's process entry (and the image's entrypoint): it reads env, os and
// /etc/hosts here and passes them in, so the library itself holds no process-global state.
import { generatePage, startWebServer } from '../../web/index.ts';
import type { AccessLogEntry, GenerateOptions } from '../../web/index.ts';

/** What the page shows about this process: env as the downward API sets it in the lab's manifests. */
export async function processPageInputs(hostsFile = '/etc/hosts'): Promise<Omit<GenerateOptions, 'outDir'>> {
  const env = process.env;
  return {
    hostname: env.HOSTNAME || osHostname(),
    podIP: env.POD_IP || undefined,
    namespace: env.POD_NAMESPACE || undefined,
    nodeName: env.NODE_NAME || undefined,
    env: { ...env },
    hosts: await readFile(hostsFile, 'utf8').catch(() => undefined),
  };
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) {
    throw new InvalidArgumentError('must be a TCP port, 0-65535 (0 picks a free one).');
  }
  return n;
}

/** One JSON line per event on stdout: the same shape as the access log, easy to grep and parse. */
function logLine(fields: Record<string, unknown>): void {
  process.stdout.write(JSON.stringify({ time: new Date().toISOString(), ...fields }) + '\n');
}

function generateCommand() {
  return new Command('generate')
    .description(
      "write index.html (which pod answered, its env as export lines, hosts, a picture) and info.json, like the lab's init container",
    )
    .requiredOption('--out <dir>', 'directory to write into (created if missing)')
    .option('--hosts-file <path>', 'hosts file to show', '/etc/hosts')
    .addHelpText(
      'after',
      '\nReads HOSTNAME (else the machine hostname), POD_IP, POD_NAMESPACE and NODE_NAME from the environment.',
    )
    .action(async (opts) => {
      const result = await generatePage({ ...(await processPageInputs(opts.hostsFile)), outDir: opts.out });
      const { hostname, podIP } = result.info;
      console.log(
        `wrote ${result.indexPath} and ${result.infoPath} for ${hostname}${podIP ? ` (${podIP})` : ''}`,
      );
    });
}

function serveCommand() {
  return new Command('serve')
    .description('serve a directory over HTTP (GET/HEAD), one JSON access-log line per request')
    .requiredOption('--root <dir>', 'directory to serve, e.g. one written by `kubelab web generate`')
    .option('--port <port>', 'TCP port; 0 picks a free one', parsePort, 8000)
    .option(
      '--host <ip>',
      'address to listen on; the kubelab/web image passes 0.0.0.0, the CLI stays on loopback',
      '127.0.0.1',
    )
    .addHelpText(
      'after',
      '\nThe first stdout line is {"event":"listening","url":...}. SIGTERM or SIGINT: stop accepting,\nfinish in-flight downloads, exit 0; a second signal cuts them and exits 1.',
    )
    .action(async (opts) => {
      await checkRoot(opts.root);
      const server = await startWebServer({
        root: opts.root,
        port: opts.port,
        host: opts.host,
        log: (entry: AccessLogEntry) => logLine({ event: 'access', ...entry }),
        onError: (err: Error) => logLine({ event: 'error', error: err.message }),
      }).catch((err: unknown) => {
        throw new Error(listenMessage(err, opts.host, opts.port));
      });
      logLine({
        event: 'listening',
        address: server.address,
        port: server.port,
        url: server.url,
        root: opts.root,
      });
      await new Promise<void>((resolve) => {
        const onSignal = (signal: NodeJS.Signals) => {
          process.off('SIGTERM', onSignal);
          process.off('SIGINT', onSignal);
          // Like a pod's grace period: a second signal means stop now.
          const force = (again: NodeJS.Signals) => {
            logLine({ event: 'shutdown', signal: again, reason: 'second signal: cutting connections' });
            process.exit(1);
          };
          process.once('SIGTERM', force);
          process.once('SIGINT', force);
          logLine({ event: 'shutdown', signal, reason: 'draining: finishing in-flight requests' });
          void server.close().then(() => {
            process.off('SIGTERM', force);
            process.off('SIGINT', force);
            logLine({ event: 'stopped' });
            resolve();
          });
        };
        process.on('SIGTERM', onSignal);
        process.on('SIGINT', onSignal);
      });
    });
}

async function checkRoot(root: string): Promise<void> {
  const st = await stat(root).catch(() => undefined);
  if (!st) throw new Error(`--root ${root} does not exist: run \`kubelab web generate --out ${root}\` first`);
  if (!st.isDirectory()) throw new Error(`--root ${root} is not a directory: pass the directory to serve`);
}

function listenMessage(err: unknown, host: string, port: number): string {
  const code = (err as NodeJS.ErrnoException).code;
  const where = `${host}:${port}`;
  switch (code) {
    case 'EADDRINUSE':
      return `${where} is already in use: stop the other server or pick another --port (0 picks a free one)`;
    case 'EACCES':
      return `no permission to listen on ${where}: use a --port above 1023`;
    case 'EADDRNOTAVAIL':
      return `${host} is not an address of this machine: use 127.0.0.1 or an address \`ip addr\` lists`;
    default:
      return `cannot serve on ${where}: ${err instanceof Error ? err.message : String(err)}`;
  }
}

export function webCommand() {
  return new Command('web')
    .description("the lab's web app: generate the page, serve it")
    .addCommand(generateCommand())
    .addCommand(serveCommand());
}

/**
 * The kubelab/web image runs this file on its own, bundled by the Dockerfile into /opt/kubelab/web.mjs,
 * as `web generate|serve`; under `kubelab` it is only imported, so this does nothing. The file-name
 * test keeps a future single-file bundle of all of kubelab from running this too.
 */
const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href && /\/web\.(?:ts|mjs|js)$/.test(entry)) {
  webCommand()
    .parseAsync(process.argv)
    .catch((err: unknown) => {
      console.error(`web: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    });
}
