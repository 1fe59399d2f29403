/** Runs the Store contract suite against the lmdb driver, then what only a durable driver must do. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import type { ApiError } from '../core/index.ts';
import { openStore, StoreLockedError, type Store, type StoreOptions } from './index.ts';
import { configMap, record, storeContract, waitFor } from './store.case.ts';

/** A temp dir removed when the test ends, after the stores opened in it (passed to onEnd) are closed. */
function tempDir(t: TestContext): { path: string; stores: Store[] } {
  const dir = { path: mkdtempSync(join(tmpdir(), 'kubelab-store-')), stores: [] as Store[] };
  t.after(async () => {
    for (const store of dir.stores) await store.close();
    rmSync(dir.path, { recursive: true, force: true });
  });
  return dir;
}

async function openIn(dir: { path: string; stores: Store[] }, options: StoreOptions = {}): Promise<Store> {
  const store = await openStore({ driver: 'lmdb', path: dir.path, ...options });
  dir.stores.push(store);
  return store;
}

storeContract('lmdb', async (t, options) => openIn(tempDir(t), options));

const CM = '/core/configmaps/default/';

describe('lmdb driver', () => {
  test('objects, the revision counter, history and compaction survive close and reopen', async (t) => {
    const dir = tempDir(t);
    const first = await openIn(dir);
    for (const i of [1, 2, 3, 4, 5]) await first.create(`${CM}cm-${i}`, configMap(`cm-${i}`));
    await first.update(`${CM}cm-1`, configMap('cm-1', { v: '2' }));
    await first.delete(`${CM}cm-2`);
    await first.compact(3);
    await first.close();

    const store = await openIn(dir);
    assert.equal(store.currentRevision(), 8);
    const list = await store.list(CM);
    assert.deepEqual(
      list.items.map((i) => [i.key, i.revision, i.object.metadata.uid]),
      [
        [`${CM}cm-1`, 7, 'uid-cm-1'],
        [`${CM}cm-3`, 4, 'uid-cm-3'],
        [`${CM}cm-4`, 5, 'uid-cm-4'],
        [`${CM}cm-5`, 6, 'uid-cm-5'],
      ],
    );
    assert.equal(list.revision, 8);
    assert.equal((await store.create(`${CM}cm-9`, configMap('cm-9'))).revision, 9);
    assert.throws(
      () =>
        store.watch({ prefix: CM, fromRevision: 1 }, { onEvent: () => undefined, onClose: () => undefined }),
      (e) => (e as ApiError).code === 'GONE',
    );
    const rec = record(t, store, { prefix: CM, fromRevision: 5 });
    await waitFor('replay', () => rec.events.length === 4);
    assert.deepEqual(
      rec.events.map((e) => [e.type, e.revision]),
      [
        ['ADDED', 6],
        ['MODIFIED', 7],
        ['DELETED', 8],
        ['ADDED', 9],
      ],
    );
  });

  test('a second open of the same directory is refused while the first is open', async (t) => {
    const dir = tempDir(t);
    await openIn(dir);
    await assert.rejects(openStore({ driver: 'lmdb', path: dir.path }), StoreLockedError);
  });

  test('a lock left by a dead process is taken over', async (t) => {
    const dir = tempDir(t);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    writeFileSync(join(dir.path, 'store.lock'), `${dead.stdout}\n`);
    const store = await openIn(dir);
    assert.equal((await store.create(`${CM}a`, configMap('a'))).revision, 2);
  });
});
