/**
 * The `kubelab/web` image (any tag): entrypoint `web` (`generate --out DIR`, `serve --root DIR
 * --port N`, default `serve --root /app --port 8000`) plus the busybox shell and applets for exec
 * and probes. The web app itself is injected, so this component never imports src/web.
 */
import { BUSYBOX_APPLETS } from '../applets/index.ts';
import { fail, options } from '../applets/util.ts';
import { errorText } from '../errors.ts';
import { resolvePath } from '../fs/paths.ts';
import { createImage, DEFAULT_PATH } from '../image.ts';
import type { BuiltinImage } from '../registry.ts';
import { write } from '../runtime/proc.ts';
import type { Applet, Proc } from '../runtime/proc.ts';

export interface WebAccessLogEntry {
  time: string;
  remote: string;
  method: string;
  path: string;
  status: number;
  bytes: number;
}

/** What the image needs from the web app (src/web's generatePage and startWebServer fit). */
export interface WebFunctions {
  generatePage(opts: {
    outDir: string;
    hostname: string;
    podIP?: string;
    namespace?: string;
    nodeName?: string;
    env?: Readonly<Record<string, string | undefined>>;
    hosts?: string;
    now?: Date;
  }): Promise<unknown>;
  startWebServer(opts: {
    root: string;
    port: number;
    host: string;
    log?: (entry: WebAccessLogEntry) => void;
  }): Promise<{ port: number; close(opts?: { graceMs?: number }): Promise<void> }>;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An access log line in the common log format, as nginx and most web images print to stdout. */
export function accessLogLine(e: WebAccessLogEntry): string {
  const t = new Date(e.time);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const when = `${p2(t.getUTCDate())}/${MONTHS[t.getUTCMonth()]}/${t.getUTCFullYear()}:${p2(t.getUTCHours())}:${p2(t.getUTCMinutes())}:${p2(t.getUTCSeconds())} +0000`;
  return `${e.remote} - - [${when}] "${e.method} ${e.path} HTTP/1.1" ${e.status} ${e.bytes}\n`;
}

async function generate(proc: Proc, fns: WebFunctions, args: string[]): Promise<number> {
  const o = options({ ...proc, argv: ['web generate', ...args] }, { withArg: 'o', long: { out: 'o' } });
  if (typeof o === 'number') return o;
  const out = resolvePath(proc.cwd, o.values.get('o') ?? '/app');
  const c = proc.container;
  let outDir: string;
  try {
    await c.fs.mkdir(out, { parents: true });
    outDir = await c.fs.hostPath(out);
  } catch (err) {
    return fail(proc, `generate: ${out}: ${errorText(err)}`);
  }
  const hosts = await c.fs.readFile('/etc/hosts').then(String, () => undefined);
  await fns.generatePage({
    outDir,
    hostname: c.hostname,
    podIP: c.podIP,
    namespace: c.pod?.namespace,
    nodeName: c.pod?.nodeName,
    env: proc.env,
    hosts,
    now: c.clock?.now(),
  });
  write(proc.stdout, `web: wrote ${out === '/' ? '' : out}/index.html\n`);
  return 0;
}

async function serve(proc: Proc, fns: WebFunctions, args: string[]): Promise<number> {
  const o = options(
    { ...proc, argv: ['web serve', ...args] },
    { withArg: 'rp', long: { root: 'r', port: 'p' } },
  );
  if (typeof o === 'number') return o;
  const root = resolvePath(proc.cwd, o.values.get('r') ?? '/app');
  const port = Number(o.values.get('p') ?? 8000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    return fail(proc, `serve: invalid port ${o.values.get('p')}`);
  const c = proc.container;
  // Installed before the server starts, so a SIGTERM during start-up is not lost: it ends `serve`
  // gracefully (exit 0). A kill (the abort) closes at once.
  const stopped = new Promise<'SIGTERM' | 'killed'>((resolve) => {
    proc.process.onSignal('SIGTERM', () => resolve('SIGTERM'));
    if (proc.signal.aborted) resolve('killed');
    else proc.signal.addEventListener('abort', () => resolve('killed'), { once: true });
  });
  let server: Awaited<ReturnType<WebFunctions['startWebServer']>>;
  try {
    const hostRoot = await c.fs.hostPath(root);
    server = await fns.startWebServer({
      root: hostRoot,
      port,
      host: c.podIP,
      log: (e) => write(proc.stdout, accessLogLine(e)),
    });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE')
      return fail(proc, `serve: listen tcp ${c.podIP}:${port}: bind: address already in use`);
    return fail(proc, `serve: ${root}: ${errorText(err)}`);
  }
  write(proc.stdout, `web: serving ${root} on http://${c.podIP}:${server.port}/\n`);
  // Runs until SIGTERM (the kubelet stopping pid 1); then finishes in-flight requests and exits 0.
  const how = await stopped;
  await server.close({ graceMs: how === 'killed' ? 0 : undefined });
  return 0;
}

export function webApplet(fns: WebFunctions): Applet {
  return async (proc) => {
    const [sub, ...args] = proc.argv.slice(1);
    if (sub === 'generate') return generate(proc, fns, args);
    if (sub === 'serve') return serve(proc, fns, args);
    return fail(proc, `usage: web generate [--out DIR] | web serve [--root DIR] [--port N]`, 2);
  };
}

export function createWebImage(fns: WebFunctions): BuiltinImage {
  const tools = new Map(BUSYBOX_APPLETS);
  tools.set('web', webApplet(fns));
  return {
    implementation: createImage('kubelab/web', tools),
    entrypoint: ['web'],
    defaultArgs: ['serve', '--root', '/app', '--port', '8000'],
    defaultEnv: { PATH: DEFAULT_PATH },
    // The Dockerfile's WORKDIR: exec'd shells start there (`/app # `), as on a real node.
    workingDir: '/app',
  };
}
