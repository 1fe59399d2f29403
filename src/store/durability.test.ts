/**
 * kill -9 durability of the lmdb driver: a child writes and reports each acknowledged write; we
 * SIGKILL it mid-stream, reopen, and every acknowledged write must be there with its uid and
 * revision, the counter must continue above them, and a watch from before them must replay them.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openStore, type StoreEvent } from './index.ts';
import { configMap, waitFor } from './store.case.ts';

interface Ack {
  key: string;
  revision: number;
  uid: string;
  type: string;
}

const CHILD = fileURLToPath(new URL('./durability-child.fixture.ts', import.meta.url));
const ACKS_BEFORE_KILL = 200;

test('lmdb: every acknowledged write survives SIGKILL of the writer', async (t) => {
  const path = mkdtempSync(join(tmpdir(), 'kubelab-store-kill-'));
  t.after(() => rmSync(path, { recursive: true, force: true }));

  // The store exists before the child opens it: its revisions continue from ours.
  const seed = await openStore({ driver: 'lmdb', path });
  await seed.create('/core/configmaps/default/seed', configMap('seed'));
  await seed.close();

  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, path], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => void child.kill('SIGKILL'));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );

  const acks: Ack[] = [];
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    acks.push(JSON.parse(line) as Ack);
    if (acks.length === ACKS_BEFORE_KILL) child.kill('SIGKILL'); // mid-stream: writes are in flight
  }
  assert.equal(await exited, 'SIGKILL', `the child should be killed, not exit (stderr: ${stderr})`);
  assert.ok(acks.length >= ACKS_BEFORE_KILL, `only ${acks.length} acks (stderr: ${stderr})`);

  const store = await openStore({ driver: 'lmdb', path });
  t.after(() => store.close());
  const maxAcked = Math.max(...acks.map((a) => a.revision));
  assert.ok(
    store.currentRevision() >= maxAcked,
    `revision ${store.currentRevision()} < acknowledged ${maxAcked}`,
  );

  // Every object present with its uid, at the acknowledged revision or a later (committed) one.
  const lastAck = new Map(acks.map((a) => [a.key, a]));
  for (const [key, ack] of lastAck) {
    const stored = await store.get(key);
    assert.ok(stored, `${key} (revision ${ack.revision}) is missing after kill -9`);
    assert.equal(stored.object.metadata.uid, ack.uid);
    assert.ok(stored.revision >= ack.revision);
    assert.equal(stored.object.metadata.resourceVersion, String(stored.revision));
  }

  // A watch resumed from before the first acknowledged write replays every one of them, in order.
  const firstAcked = Math.min(...acks.map((a) => a.revision));
  const events: StoreEvent[] = [];
  const watcher = store.watch(
    { prefix: '/core/configmaps/', fromRevision: firstAcked - 1 },
    { onEvent: (e) => void events.push(e), onClose: () => undefined },
  );
  t.after(() => watcher.stop());
  const end = store.currentRevision();
  await waitFor('replay', () => events.at(-1)?.revision === end);
  assert.deepEqual(
    events.map((e) => e.revision),
    Array.from({ length: end - firstAcked + 1 }, (_, i) => firstAcked + i),
  );
  const byRevision = new Map(events.map((e) => [e.revision, e]));
  for (const ack of acks) {
    const event = byRevision.get(ack.revision);
    assert.equal(event?.key, ack.key);
    assert.equal(event?.type, ack.type);
    assert.equal(event?.object.metadata.uid, ack.uid);
  }

  // The counter continues above everything acknowledged.
  const next = await store.create('/core/configmaps/default/after', configMap('after'));
  assert.equal(next.revision, end + 1);
});
