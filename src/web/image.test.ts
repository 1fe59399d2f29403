/** The Dockerfile's bundle step, run here: its esbuild line must give a `web` that works alone. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));

test('the Dockerfile bundles web into one file that generates a page without node_modules', async (t) => {
  const dockerfile = await readFile(join(repo, 'Dockerfile'), 'utf8');
  // The RUN line from `node_modules/.bin/esbuild` up to the `&& printf` that writes the wrapper.
  const m = /RUN (node_modules\/\.bin\/esbuild[^]*?)\s*\\\n\s*&& printf/.exec(dockerfile);
  assert.ok(m?.[1], 'Dockerfile has an esbuild RUN step');
  const out = await mkdtemp(join(tmpdir(), 'kubelab-web-image-'));
  t.after(() => rm(out, { recursive: true, force: true }));

  execFileSync('sh', ['-c', m[1].replaceAll('/out/', `${out}/`)], { cwd: repo, stdio: 'pipe' });
  // Run from a directory with no node_modules above it, as in the runtime stage.
  execFileSync(process.execPath, [join(out, 'web.mjs'), 'generate', '--out', join(out, 'app')], {
    cwd: out,
    env: { PATH: process.env.PATH ?? '', HOSTNAME: 'web-image-test', POD_IP: '10.244.0.7' },
    stdio: 'pipe',
  });
  const info = JSON.parse(await readFile(join(out, 'app', 'info.json'), 'utf8')) as Record<string, unknown>;
  assert.deepEqual([info.hostname, info.podIP], ['web-image-test', '10.244.0.7']);
  const help = execFileSync(process.execPath, [join(out, 'web.mjs'), 'serve', '--help'], { cwd: out });
  assert.match(help.toString(), /Usage: web serve/);
});
