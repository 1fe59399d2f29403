/** The kubelab/web image: init generates the page into the emptyDir, the main container serves it on the pod IP. */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { TestContext } from 'node:test';
import { Capture, run, tempDir, testContainer } from '../test-helpers.ts';
import type { TestContainer } from '../test-helpers.ts';
import { createWebImage } from './index.ts';
import type { WebFunctions } from './index.ts';

/** Stand-ins for src/web with the same shapes: a page naming the host, a static server for one file. */
const fakeWeb: WebFunctions = {
  async generatePage(opts) {
    await writeFile(join(opts.outDir, 'index.html'), `<html>${opts.hostname} ${opts.podIP}</html>\n`);
  },
  async startWebServer(opts) {
    const server = createServer((req, res) => {
      readFile(join(opts.root, req.url ?? '/')).then(
        (body) => {
          res.end(body);
          opts.log?.({
            time: '2026-11-26T14:00:00.000Z',
            remote: req.socket.remoteAddress ?? '-',
            method: req.method ?? '-',
            path: req.url ?? '-',
            status: 200,
            bytes: body.length,
          });
        },
        () => res.writeHead(404).end(),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port, opts.host, resolve);
    });
    return {
      port: (server.address() as AddressInfo).port,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  },
};

const image = createWebImage(fakeWeb);
const POD_IP = '127.244.201.7';

async function webPod(t: TestContext): Promise<{ app: string; container: () => TestContainer }> {
  const app = await tempDir(t);
  const container = () =>
    testContainer({
      image: image.implementation,
      podIP: POD_IP,
      hostname: 'web-5948c498d7-jc2gz',
      mounts: [{ mountPath: '/app', hostPath: app }],
    });
  return { app, container };
}

/** Waits, with a deadline, until the serve process reports its address. */
async function servingPort(c: TestContainer): Promise<number> {
  for (const start = Date.now(); ; await new Promise((r) => setTimeout(r, 5))) {
    const m = /serving \/app on http:\/\/[\d.]+:(\d+)\//.exec(c.stdout.text);
    if (m) return Number(m[1]);
    assert.ok(Date.now() - start < 5000, `web serve did not start: ${c.stderr.text}`);
  }
}

describe('kubelab/web', () => {
  test('image config: entrypoint web, default serve --root /app --port 8000', () => {
    assert.deepEqual(image.entrypoint, ['web']);
    assert.deepEqual(image.defaultArgs, ['serve', '--root', '/app', '--port', '8000']);
    assert.ok(image.implementation.executables.includes('web'));
    assert.ok(image.implementation.executables.includes('sh'));
  });

  test('init generates, main serves on the pod IP, exec and probes see the same container', async (t) => {
    const pod = await webPod(t);
    const init = pod.container();
    assert.equal(await init.image.run(init.ctx, ['web', 'generate', '--out', '/app']), 0);
    assert.equal(
      await readFile(join(pod.app, 'index.html'), 'utf8'),
      `<html>web-5948c498d7-jc2gz ${POD_IP}</html>\n`,
    );

    const main = pod.container();
    const serving = main.image.run(main.ctx, ['web', 'serve', '--root', '/app', '--port', '0']);
    t.after(() => main.abort.abort('SIGKILL'));
    const port = await servingPort(main);

    // kubectl exec web -- cat /app/index.html
    const execIn = async (argv: string[]) => {
      const stdout = new Capture();
      const stderr = new Capture();
      const code = await main.image.run(
        { ...main.ctx, stdout, stderr, signal: new AbortController().signal },
        argv,
      );
      return { code, stdout: stdout.text, stderr: stderr.text };
    };
    assert.deepEqual(await execIn(['cat', '/app/index.html']), {
      code: 0,
      stdout: `<html>web-5948c498d7-jc2gz ${POD_IP}</html>\n`,
      stderr: '',
    });

    // The lab's exec liveness probe: pid 1 is `web serve`, yet the probe matches itself.
    const probe = await execIn(['sh', '-c', 'ps aux | grep my_web_server_process']);
    assert.equal(probe.code, 0);
    const ps = await execIn(['ps']);
    assert.match(ps.stdout, /^ {4}1 root +0:00 web serve --root \/app --port 0$/m);

    // The pod reaches its own server on its IP, and the access log goes to the container's stdout.
    const got = await execIn(['wget', '-q', '-O-', `http://${POD_IP}:${port}/index.html`]);
    assert.deepEqual(got, { code: 0, stdout: `<html>web-5948c498d7-jc2gz ${POD_IP}</html>\n`, stderr: '' });
    assert.match(main.stdout.text, /"GET \/index.html HTTP\/1.1" 200 \d+\n/);

    // SIGTERM to pid 1: `web serve` handles it, the server closes and the container exits 0.
    assert.equal(main.ctx.processes.kill(1, 'SIGTERM'), true);
    assert.equal(await serving, 0);
    const after = await execIn(['wget', '-q', '-O-', `http://${POD_IP}:${port}/index.html`]);
    assert.equal(after.stderr, `wget: can't connect to remote host (${POD_IP}): Connection refused\n`);
  });

  const failures = [
    {
      desc: 'generate into the read-only root',
      argv: ['web', 'generate', '--out', '/srv'],
      stderr: 'web: generate: /srv: Read-only file system\n',
    },
    {
      desc: 'serve a directory that does not exist',
      argv: ['web', 'serve', '--root', '/nope'],
      stderr: 'web: serve: /nope: No such file or directory\n',
    },
    {
      desc: 'no subcommand',
      argv: ['web'],
      stderr: 'web: usage: web generate [--out DIR] | web serve [--root DIR] [--port N]\n',
      code: 2,
    },
  ];
  for (const row of failures) {
    test(row.desc, async (t) => {
      const pod = await webPod(t);
      const c = pod.container();
      assert.deepEqual(await run(row.argv, { container: c }), {
        code: row.code ?? 1,
        stdout: '',
        stderr: row.stderr,
      });
    });
  }
});
