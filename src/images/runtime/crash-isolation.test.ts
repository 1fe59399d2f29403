import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

test('a container that throws outside any try/catch exits 1; kubelab and its neighbours live on', () => {
  const fixture = join(import.meta.dirname, 'crash-isolation.fixture.ts');
  const ip = `127.81.${Math.floor(Math.random() * 200) + 10}.2`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', fixture, ip], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const result = JSON.parse(r.stdout.trim().split('\n').pop()!) as {
    exit: { exitCode: number; reason: string; message: string };
    handled: string[];
    neighbourAnswered: string;
  };
  assert.deepEqual(result.exit, { exitCode: 1, reason: 'Error', message: 'boom from a container timer' });
  assert.deepEqual(result.handled, ['Error: boom from a container timer']);
  assert.equal(result.neighbourAnswered, 'neighbour');
});
