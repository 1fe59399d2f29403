/**
 * The Store contract suite (hono's common.case.test.ts pattern): every driver runs these same tests
 * from its own *.test.ts file, so memory and lmdb cannot drift apart.
 */
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { ApiError, type KubeObject } from '../core/index.ts';
import type { StoreOptions } from './config.ts';
import { SlowWatcherError, StoreClosedError } from './errors.ts';
import type { Store, StoreEvent, WatchOptions } from './types.ts';

/** Opens a fresh, empty store and registers its cleanup on `t`. */
export type OpenStore = (t: TestContext, options?: StoreOptions) => Promise<Store>;

export function configMap(
  name: string,
  data: Record<string, string> = {},
  namespace = 'default',
): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, uid: `uid-${name}` }, data };
}

/** Waits for a condition with a deadline instead of sleeping a fixed time. */
export async function waitFor(what: string, predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

export interface Recorder {
  events: StoreEvent[];
  closed: Error[];
  stop(): void;
}

/** Watches and records everything delivered; the watch is stopped when the test ends. */
export function record(t: TestContext, store: Store, options: WatchOptions): Recorder {
  const rec = { events: [] as StoreEvent[], closed: [] as Error[] };
  const watcher = store.watch(options, {
    onEvent: (event) => void rec.events.push(event),
    onClose: (reason) => void rec.closed.push(reason),
  });
  t.after(() => watcher.stop());
  return { ...rec, stop: () => watcher.stop() };
}

function revisions(events: StoreEvent[]): number[] {
  return events.map((e) => e.revision);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function apiError(code: string, message: string): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.equal(error.message, message);
    return true;
  };
}

const CM = '/core/configmaps/default/';

export function storeContract(driver: string, open: OpenStore): void {
  describe(`store contract: ${driver}`, () => {
    test('create, get, update and delete assign increasing revisions as resourceVersion', async (t) => {
      const store = await open(t);
      const start = store.currentRevision();
      const input = configMap('a', { k: '1' });
      const created = await store.create(`${CM}a`, input);
      assert.equal(created.revision, start + 1);
      assert.equal(created.createRevision, start + 1);
      assert.equal(created.object.metadata.resourceVersion, String(start + 1));
      assert.equal(input.metadata.resourceVersion, undefined, "the caller's object is not modified");
      assert.deepEqual(await store.get(`${CM}a`), created);

      const updated = await store.update(`${CM}a`, configMap('a', { k: '2' }));
      assert.equal(updated.revision, start + 2);
      assert.equal(updated.createRevision, start + 1);
      assert.deepEqual(updated.object.data, { k: '2' });
      assert.equal(updated.object.metadata.uid, 'uid-a');

      const deleted = await store.delete(`${CM}a`);
      assert.equal(deleted.revision, start + 3);
      assert.equal(deleted.object.metadata.resourceVersion, String(start + 3));
      assert.deepEqual(deleted.object.data, { k: '2' });
      assert.equal(await store.get(`${CM}a`), undefined);
      assert.equal(store.currentRevision(), start + 3);
    });

    test('objects handed out are copies: changing them does not change the store', async (t) => {
      const store = await open(t);
      const created = await store.create(`${CM}a`, configMap('a', { k: '1' }));
      created.object.data = { k: 'changed' };
      const got = await store.get(`${CM}a`);
      assert.ok(got);
      got.object.metadata.name = 'changed';
      const listed = (await store.list(CM)).items[0];
      assert.ok(listed);
      listed.object.metadata.labels = { changed: 'yes' };
      const again = await store.get(`${CM}a`);
      assert.deepEqual(again?.object.data, { k: '1' });
      assert.equal(again?.object.metadata.name, 'a');
      assert.equal(again?.object.metadata.labels, undefined);
    });

    const errorCases = [
      {
        desc: 'create of an existing key',
        run: async (s: Store) => s.create(`${CM}a`, configMap('a')),
        code: 'ALREADY_EXISTS',
        message: 'configmaps "a" already exists',
      },
      {
        desc: 'update of a missing key',
        run: async (s: Store) => s.update(`${CM}missing`, configMap('missing')),
        code: 'NOT_FOUND',
        message: 'configmaps "missing" not found',
      },
      {
        desc: 'delete of a missing key in a named group',
        run: async (s: Store) => s.delete('/apps/deployments/default/web'),
        code: 'NOT_FOUND',
        message: 'deployments.apps "web" not found',
      },
      {
        desc: 'update with a stale revision',
        run: async (s: Store, rev: number) => s.update(`${CM}a`, configMap('a'), rev - 1),
        code: 'CONFLICT',
        message:
          'Operation cannot be fulfilled on configmaps "a": the object has been modified; please apply your changes to the latest version and try again',
      },
      {
        desc: 'delete with a stale revision',
        run: async (s: Store, rev: number) => s.delete(`${CM}a`, rev + 1),
        code: 'CONFLICT',
        message:
          'Operation cannot be fulfilled on configmaps "a": the object has been modified; please apply your changes to the latest version and try again',
      },
    ];
    for (const c of errorCases) {
      test(`${c.desc} fails with ${c.code} and changes nothing`, async (t) => {
        const store = await open(t);
        await store.create(`${CM}a`, configMap('a', { k: '1' }));
        const { revision } = await store.update(`${CM}a`, configMap('a', { k: '2' }));
        await assert.rejects(c.run(store, revision), apiError(c.code, c.message));
        assert.equal(store.currentRevision(), revision, 'a failed write takes no revision');
        assert.deepEqual((await store.get(`${CM}a`))?.object.data, { k: '2' });
      });
    }

    test('update and delete with the current revision succeed', async (t) => {
      const store = await open(t);
      const a = await store.create(`${CM}a`, configMap('a'));
      const b = await store.update(`${CM}a`, configMap('a', { x: 'y' }), a.revision);
      const gone = await store.delete(`${CM}a`, b.revision);
      assert.equal(gone.revision, b.revision + 1);
    });

    test('concurrent updates with the same expected revision: exactly one wins', async (t) => {
      const store = await open(t);
      const a = await store.create(`${CM}a`, configMap('a'));
      const results = await Promise.allSettled(
        range(1, 5).map((i) => store.update(`${CM}a`, configMap('a', { i: String(i) }), a.revision)),
      );
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      for (const r of results)
        if (r.status === 'rejected') assert.equal((r.reason as ApiError).code, 'CONFLICT');
    });

    test('list returns the keys under a prefix in key order, with the revision it was read at', async (t) => {
      const store = await open(t);
      for (const [ns, name] of [
        ['default', 'b'],
        ['default', 'a'],
        ['default2', 'a'],
        ['kube-system', 'c'],
      ] as const) {
        await store.create(`/core/configmaps/${ns}/${name}`, configMap(name, {}, ns));
      }
      await store.create('/core/pods/default/p', configMap('p'));
      const list = await store.list(CM);
      assert.deepEqual(
        list.items.map((i) => i.key),
        [`${CM}a`, `${CM}b`],
      );
      assert.equal(list.revision, store.currentRevision());
      assert.equal((await store.list('/core/configmaps/')).items.length, 4);
      assert.deepEqual((await store.list('/nothing/')).items, []);
    });

    test('listAt returns the list as it was at a past revision, and 410 Gone once compacted', async (t) => {
      const store = await open(t);
      await store.create(`${CM}a`, configMap('a', { v: '1' }));
      await store.create(`${CM}b`, configMap('b'));
      const then = store.currentRevision();
      await store.update(`${CM}a`, configMap('a', { v: '2' }));
      await store.delete(`${CM}b`);
      await store.create(`${CM}c`, configMap('c'));
      await store.create('/core/pods/default/p', configMap('p'));
      const past = await store.listAt(CM, then);
      assert.equal(past.revision, then);
      assert.deepEqual(
        past.items.map((i) => [i.key, i.object.data, i.object.metadata.resourceVersion, i.revision]),
        [
          [`${CM}a`, { v: '1' }, String(then - 1), then - 1],
          [`${CM}b`, {}, String(then), then],
        ],
      );
      const now = await store.listAt(CM, store.currentRevision());
      assert.deepEqual(now, await store.list(CM));
      await assert.rejects(
        store.listAt(CM, store.currentRevision() + 1),
        (e) => (e as ApiError).code === 'BAD_REQUEST',
      );
      await store.compact(then + 1);
      await assert.rejects(
        store.listAt(CM, then),
        apiError('GONE', `too old resource version: ${then} (${then + 1})`),
      );
      assert.equal((await store.listAt(CM, then + 1)).items.length, 2);
    });

    test('a watch from a revision replays what it missed, then live events, without gap or duplicate', async (t) => {
      const store = await open(t);
      for (const i of range(1, 10)) await store.create(`${CM}cm-${i}`, configMap(`cm-${i}`));
      const from = store.currentRevision() - 5;
      // Writes in flight while the watch subscribes and replays.
      const writes = range(11, 40).map((i) => store.create(`${CM}cm-${i}`, configMap(`cm-${i}`)));
      const rec = record(t, store, { prefix: CM, fromRevision: from });
      writes.push(...range(41, 60).map((i) => store.create(`${CM}cm-${i}`, configMap(`cm-${i}`))));
      await Promise.all(writes);
      const last = store.currentRevision();
      await waitFor('all events', () => rec.events.at(-1)?.revision === last);
      assert.deepEqual(revisions(rec.events), range(from + 1, last));
      assert.ok(
        rec.events.every(
          (e) => e.type === 'ADDED' && e.object.metadata.resourceVersion === String(e.revision),
        ),
      );
      assert.deepEqual(rec.closed, []);
    });

    test('a fresh store is at revision 1, so list-then-watch on an empty store misses nothing', async (t) => {
      const store = await open(t);
      const listed = await store.list(CM);
      assert.equal(listed.revision, 1);
      const early = await store.create(`${CM}early`, configMap('early'));
      assert.equal(early.revision, 2);
      const rec = record(t, store, { prefix: CM, fromRevision: listed.revision });
      await waitFor('the early event', () => rec.events.length === 1);
      assert.equal(rec.events[0]?.key, `${CM}early`);
    });

    test('a watch from revision 0 starts now', async (t) => {
      const store = await open(t);
      await store.create(`${CM}old`, configMap('old'));
      const rec = record(t, store, { prefix: CM, fromRevision: 0 });
      const created = await store.create(`${CM}new`, configMap('new'));
      await waitFor('the new event', () => rec.events.length === 1);
      assert.equal(rec.events[0]?.key, `${CM}new`);
      assert.equal(rec.events[0]?.revision, created.revision);
    });

    test('a watch sees only its prefix', async (t) => {
      const store = await open(t);
      const rec = record(t, store, { prefix: CM, fromRevision: store.currentRevision() });
      await store.create('/core/configmaps/other/x', configMap('x', {}, 'other'));
      await store.create('/core/pods/default/p', configMap('p'));
      const mine = await store.create(`${CM}mine`, configMap('mine'));
      await waitFor('my event', () => rec.events.length > 0);
      assert.deepEqual(revisions(rec.events), [mine.revision]);
    });

    test('MODIFIED carries the previous object; DELETED carries the last object at the deletion revision', async (t) => {
      const store = await open(t);
      const rec = record(t, store, { prefix: CM, fromRevision: store.currentRevision() });
      await store.create(`${CM}a`, configMap('a', { v: '1' }));
      await store.update(`${CM}a`, configMap('a', { v: '2' }));
      const deleted = await store.delete(`${CM}a`);
      await waitFor('three events', () => rec.events.length === 3);
      assert.deepEqual(
        rec.events.map((e) => e.type),
        ['ADDED', 'MODIFIED', 'DELETED'],
      );
      const [, modified, gone] = rec.events;
      assert.deepEqual(modified?.prev?.data, { v: '1' });
      assert.deepEqual(gone?.object.data, { v: '2' });
      assert.equal(gone?.object.metadata.resourceVersion, String(deleted.revision));
      assert.equal(gone?.object.metadata.uid, 'uid-a');
      assert.equal(gone?.prev?.metadata.resourceVersion, String(deleted.revision - 1));
    });

    test('after compaction a watch from an older revision gets 410 Gone; from the compacted one it works', async (t) => {
      const store = await open(t);
      const base = store.currentRevision();
      for (const i of range(1, 6)) await store.create(`${CM}cm-${i}`, configMap(`cm-${i}`));
      await store.compact(base + 4);
      assert.equal(store.compactedRevision(), base + 4);
      const listener = { onEvent: () => undefined, onClose: () => undefined };
      assert.throws(
        () => store.watch({ prefix: CM, fromRevision: base + 3 }, listener),
        apiError('GONE', `too old resource version: ${base + 3} (${base + 4})`),
      );
      const rec = record(t, store, { prefix: CM, fromRevision: base + 4 });
      await waitFor('replay', () => rec.events.length === 2);
      assert.deepEqual(revisions(rec.events), [base + 5, base + 6]);
      await assert.rejects(
        store.compact(store.currentRevision() + 1),
        (e) => (e as ApiError).code === 'BAD_REQUEST',
      );
    });

    test('history beyond historySize is compacted automatically', async (t) => {
      const store = await open(t, { historySize: 10 });
      for (const i of range(1, 40)) await store.create(`${CM}cm-${i}`, configMap(`cm-${i}`));
      const last = store.currentRevision();
      const listener = { onEvent: () => undefined, onClose: () => undefined };
      await waitFor('compaction', () => {
        try {
          store.watch({ prefix: CM, fromRevision: 1 }, listener).stop();
          return false;
        } catch (error) {
          return (error as ApiError).code === 'GONE';
        }
      });
      const rec = record(t, store, { prefix: CM, fromRevision: last - 10 });
      await waitFor('the last 10', () => rec.events.length === 10);
      assert.deepEqual(revisions(rec.events), range(last - 9, last));
    });

    test('a watcher that does not acknowledge is dropped once its queue is over the limit', async (t) => {
      const store = await open(t, { watchQueueLimit: 3 });
      const seen: number[] = [];
      const closed: Error[] = [];
      const watcher = store.watch(
        { prefix: CM, fromRevision: store.currentRevision() },
        {
          onEvent: (event) => {
            seen.push(event.revision);
            return new Promise<void>(() => undefined); // never acknowledged
          },
          onClose: (reason) => void closed.push(reason),
        },
      );
      t.after(() => watcher.stop());
      const fast = record(t, store, { prefix: CM, fromRevision: store.currentRevision() });
      const first = await store.create(`${CM}a`, configMap('a'));
      for (const i of range(1, 3)) await store.create(`${CM}b-${i}`, configMap(`b-${i}`));
      assert.equal(closed.length, 0, 'three waiting events are within the limit');
      await store.create(`${CM}c`, configMap('c'));
      await waitFor('the slow watcher to be dropped', () => closed.length === 1);
      assert.ok(closed[0] instanceof SlowWatcherError);
      assert.equal(closed[0].lastRevision, first.revision);
      assert.deepEqual(seen, [first.revision]);
      await waitFor('the fast watcher', () => fast.events.length === 5);
      assert.deepEqual(fast.closed, [], 'a watcher that keeps up stays');
    });

    test('an onEvent that throws ends that watch with its error', async (t) => {
      const store = await open(t);
      const closed: Error[] = [];
      const boom = new Error('consumer broke');
      store.watch(
        { prefix: CM, fromRevision: 0 },
        {
          onEvent: () => {
            throw boom;
          },
          onClose: (reason) => void closed.push(reason),
        },
      );
      await store.create(`${CM}a`, configMap('a'));
      await waitFor('close', () => closed.length === 1);
      assert.equal(closed[0], boom);
    });

    test('stop() ends delivery without onClose', async (t) => {
      const store = await open(t);
      const rec = record(t, store, { prefix: CM, fromRevision: 0 });
      await store.create(`${CM}a`, configMap('a'));
      await waitFor('first event', () => rec.events.length === 1);
      rec.stop();
      await store.create(`${CM}b`, configMap('b'));
      const probe = record(t, store, { prefix: CM, fromRevision: 0 });
      await store.create(`${CM}c`, configMap('c'));
      await waitFor('probe event', () => probe.events.length === 1);
      assert.equal(rec.events.length, 1);
      assert.deepEqual(rec.closed, []);
    });

    const badInput = [
      { desc: 'an empty key', run: (s: Store) => s.get('') },
      { desc: 'a negative expected revision', run: (s: Store) => s.update(`${CM}a`, configMap('a'), -1) },
      { desc: 'a non-object value', run: (s: Store) => s.create(`${CM}a`, 'text' as unknown as KubeObject) },
      { desc: 'a non-string prefix', run: (s: Store) => s.list(7 as unknown as string) },
    ];
    for (const c of badInput) {
      test(`${c.desc} is rejected with BAD_REQUEST (as a rejected promise)`, async (t) => {
        const store = await open(t);
        const pending = c.run(store);
        await assert.rejects(pending, (e) => (e as ApiError).code === 'BAD_REQUEST');
        assert.equal(store.currentRevision(), 1);
      });
    }

    test('close() ends every watch with StoreClosedError and refuses later writes', async (t) => {
      const store = await open(t);
      const rec = record(t, store, { prefix: '/', fromRevision: 0 });
      await store.close();
      await waitFor('close', () => rec.closed.length === 1);
      assert.ok(rec.closed[0] instanceof StoreClosedError);
      await assert.rejects(
        store.create(`${CM}a`, configMap('a')),
        (e) => (e as ApiError).code === 'UNAVAILABLE',
      );
      await store.close(); // idempotent
    });
  });
}
