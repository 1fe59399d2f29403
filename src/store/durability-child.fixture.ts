/**
 * Child process for the kill -9 test: opens the lmdb store in argv[2] and writes forever from four
 * concurrent lanes (create, then update, per object), printing one JSON line per acknowledged write,
 * until it is killed.
 */
import { randomUUID } from 'node:crypto';
import { openStore } from './index.ts';

const path = process.argv[2];
if (!path) throw new Error('usage: durability-child.fixture.ts <dir>');
const store = await openStore({ driver: 'lmdb', path });

function ack(key: string, revision: number, uid: string, type: string): void {
  process.stdout.write(`${JSON.stringify({ key, revision, uid, type })}\n`);
}

// Bounded, and gone with its parent's pipe, so an orphan never writes on forever.
process.stdout.on('error', () => process.exit(1));
const PER_LANE = 5_000;

async function lane(lane: number): Promise<void> {
  for (let i = 0; i < PER_LANE; i++) {
    const name = `l${lane}-${i}`;
    const key = `/core/configmaps/default/${name}`;
    const uid = randomUUID();
    const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', uid } };
    const created = await store.create(key, object);
    ack(key, created.revision, uid, 'ADDED');
    const updated = await store.update(key, { ...object, data: { step: '2' } }, created.revision);
    ack(key, updated.revision, uid, 'MODIFIED');
  }
}

await Promise.all([0, 1, 2, 3].map(lane));
