/**
 * Store benchmark: ops/s for create, get, list and watch fan-out on the memory and lmdb drivers.
 * Usage: node --import tsx bench/store.ts [objects=2000] [watchers=50]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store, type StoreConfig } from '../src/store/index.ts';

const N = Number(process.argv[2] ?? 2000);
const WATCHERS = Number(process.argv[3] ?? 50);
const CONCURRENCY = 16;

function object(i: number): {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string };
  data: Record<string, string>;
} {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `cm-${i}`, namespace: 'default' },
    data: { i: String(i), pad: 'x'.repeat(512) },
  };
}

async function timed(label: string, ops: number, run: () => Promise<void>): Promise<void> {
  const start = process.hrtime.bigint();
  await run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(
    `  ${label.padEnd(34)} ${Math.round(ops / seconds)
      .toString()
      .padStart(9)} ops/s  (${ops} in ${seconds.toFixed(2)} s)`,
  );
}

/** Runs `count` calls of `op` with CONCURRENCY in flight, as concurrent API requests would. */
async function pool(count: number, op: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await op(next++);
    }),
  );
}

async function bench(store: Store): Promise<void> {
  const key = (i: number): string => `/core/configmaps/default/cm-${i}`;
  await timed(`create (${CONCURRENCY} in flight)`, N, () => pool(N, (i) => store.create(key(i), object(i))));
  await timed('create (one at a time)', 200, async () => {
    for (let i = N; i < N + 200; i++) await store.create(key(i), object(i));
  });
  await timed('get', N, () => pool(N, (i) => store.get(key(i))));
  const lists = 50;
  await timed(`list of ${N + 200} objects`, lists, async () => {
    for (let i = 0; i < lists; i++) await store.list('/core/configmaps/default/');
  });
  let delivered = 0;
  const expected = WATCHERS * N;
  let done: () => void = () => {};
  const all = new Promise<void>((resolve) => (done = resolve));
  const watchers = Array.from({ length: WATCHERS }, () =>
    store.watch(
      { prefix: '/core/configmaps/', fromRevision: store.currentRevision() },
      { onEvent: () => void (++delivered === expected && done()), onClose: () => undefined },
    ),
  );
  await timed(`update + fan-out to ${WATCHERS} watchers`, expected, async () => {
    await pool(N, (i) => store.update(key(i), object(i)));
    await all;
  });
  for (const w of watchers) w.stop();
}

for (const driver of ['memory', 'lmdb'] as const) {
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-bench-store-'));
  const config: StoreConfig = driver === 'memory' ? { driver } : { driver, path: dir };
  const store = await openStore({ ...config, watchQueueLimit: N + 1 });
  console.log(`${driver}:`);
  try {
    await bench(store);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
