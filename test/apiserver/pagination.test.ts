/**
 * Paged LIST (limit + continue) as kube-apiserver serves it, seen through the real kubectl, plain
 * HTTP and @kubernetes/client-node: a consistent snapshot across pages, 410 Expired once compacted.
 */
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { openStore, type Store } from '../../src/store/index.ts';
import { clientNodeConfig, startLab, type Lab } from './harness.ts';

const CMS = '/api/v1/namespaces/default/configmaps';
const EXPIRED =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

interface ListBody {
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  items: { metadata: { name: string } }[];
}

async function labWithConfigMaps(t: TestContext, n: number): Promise<{ lab: Lab; store: Store }> {
  const store = await openStore({ driver: 'memory' });
  t.after(() => store.close());
  const lab = await startLab(t, { store });
  for (let i = 1; i <= n; i++) {
    const r = await lab.kubectl(['create', 'configmap', `cm-${i}`, `--from-literal=i=${i}`]);
    assert.equal(r.code, 0, r.stderr);
  }
  return { lab, store };
}

async function get(lab: Lab, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${lab.server.url}${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function rawList(lab: Lab, query: string): Promise<ListBody> {
  const r = await lab.kubectl(['get', '--raw', `${CMS}?${query}`]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as ListBody;
}

function names(list: ListBody): string[] {
  return list.items.map((i) => i.metadata.name).filter((n) => n.startsWith('cm-'));
}

function decode(token: string): unknown {
  return JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
}

describe('list pagination', () => {
  test('kubectl get --chunk-size=2 pages through 5 configmaps, printing the header once', async (t) => {
    const { lab } = await labWithConfigMaps(t, 5);
    const r = await lab.kubectl(['get', 'configmaps', '--chunk-size=2', '-v=6']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.filter((l) => l.startsWith('NAME')).length, 1);
    assert.deepEqual(
      lines.map((l) => l.split(/\s+/)[0]).filter((n) => n?.startsWith('cm-')),
      ['cm-1', 'cm-2', 'cm-3', 'cm-4', 'cm-5'],
    );
    // kubectl really followed continue tokens, with limit=2 on every request.
    const requests = r.stderr.split('\n').filter((l) => l.includes(`${CMS}?`) && l.includes('limit=2'));
    assert.ok(requests.filter((l) => l.includes('continue=')).length >= 2, r.stderr);
  });

  test('limit=2 returns continue and remainingItemCount; following the tokens gives the rest at the first revision', async (t) => {
    const { lab } = await labWithConfigMaps(t, 5);
    const all = await rawList(lab, '');
    const total = all.items.length; // includes any configmaps the server bootstraps
    const first = await rawList(lab, 'limit=2');
    assert.equal(first.items.length, 2);
    assert.equal(first.metadata.remainingItemCount, total - 2);
    const token = first.metadata.continue ?? '';
    assert.deepEqual(decode(token), {
      v: 'meta.k8s.io/v1',
      rv: Number(first.metadata.resourceVersion),
      start: `${first.items[1]?.metadata.name ?? ''}\u0000`,
    });
    // Changes after the first page are not seen by the following pages (one snapshot).
    assert.equal((await lab.kubectl(['delete', 'configmap', 'cm-5'])).code, 0);
    assert.equal((await lab.kubectl(['create', 'configmap', 'cm-6'])).code, 0);
    const seen = [...first.items];
    let page = first;
    while (page.metadata.continue) {
      page = await rawList(lab, `limit=2&continue=${page.metadata.continue}`);
      assert.equal(page.metadata.resourceVersion, first.metadata.resourceVersion);
      seen.push(...page.items);
    }
    assert.equal(page.metadata.remainingItemCount, undefined);
    assert.deepEqual(names({ ...first, items: seen }), ['cm-1', 'cm-2', 'cm-3', 'cm-4', 'cm-5']);
    assert.equal(seen.length, total);
  });

  test('a selector pages without remainingItemCount', async (t) => {
    const { lab } = await labWithConfigMaps(t, 3);
    const first = await rawList(lab, 'limit=1&labelSelector=!nothing');
    assert.equal(first.items.length, 1);
    assert.ok(first.metadata.continue);
    assert.equal(first.metadata.remainingItemCount, undefined);
  });

  test('Table responses (kubectl get) carry the continue token too', async (t) => {
    const { lab } = await labWithConfigMaps(t, 3);
    const res = await fetch(`${lab.server.url}${CMS}?limit=1`, {
      headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' },
    });
    const table = (await res.json()) as { kind: string; metadata: ListBody['metadata']; rows: unknown[] };
    assert.equal(table.kind, 'Table');
    assert.equal(table.rows.length, 1);
    assert.ok(table.metadata.continue);
    assert.equal(typeof table.metadata.remainingItemCount, 'number');
  });

  test('a token whose revision was compacted gets 410 Expired with a token to go on at the latest revision', async (t) => {
    const { lab, store } = await labWithConfigMaps(t, 5);
    const first = await rawList(lab, 'limit=2');
    assert.equal((await lab.kubectl(['create', 'configmap', 'cm-6'])).code, 0);
    await store.compact(store.currentRevision());
    const r = await lab.kubectl(['get', '--raw', `${CMS}?limit=2&continue=${first.metadata.continue ?? ''}`]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /Error from server \(Expired\): The provided continue parameter is too old/);
    const { status, body } = await get(lab, `${CMS}?limit=2&continue=${first.metadata.continue ?? ''}`);
    assert.equal(status, 410);
    assert.equal(body.reason, 'Expired');
    assert.equal(body.message, EXPIRED);
    const next = (body.metadata as { continue: string }).continue;
    assert.deepEqual(decode(next), { v: 'meta.k8s.io/v1', rv: -1, start: 'cm-2\u0000' });
    const rest = await rawList(lab, `continue=${next}`);
    assert.deepEqual(names(rest), ['cm-3', 'cm-4', 'cm-5', 'cm-6']);
    assert.equal(rest.metadata.resourceVersion, String(store.currentRevision()));
  });

  const token = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const bad = [
    {
      desc: 'not base64',
      query: 'continue=a%25b',
      message: 'invalid continue token: continue key is not valid: illegal base64 data at input byte 1',
    },
    {
      desc: 'not JSON',
      query: `continue=${Buffer.from('x').toString('base64url')}`,
      message:
        "invalid continue token: continue key is not valid: invalid character 'x' looking for beginning of value",
    },
    {
      desc: 'unknown version',
      query: `continue=${token({ v: 'v2', rv: 5, start: 'a' })}`,
      message:
        'invalid continue token: continue key is not valid: server does not recognize this encoded version v2',
    },
    {
      desc: 'no revision',
      query: `continue=${token({ v: 'meta.k8s.io/v1', start: 'a' })}`,
      message:
        'invalid continue token: continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    },
    {
      desc: 'empty start key',
      query: `continue=${token({ v: 'meta.k8s.io/v1', rv: 5, start: '' })}`,
      message:
        'invalid continue token: continue key is not valid: encoded start key empty (version meta.k8s.io/v1)',
    },
    {
      desc: 'a start key climbing out of the prefix',
      query: `continue=${token({ v: 'meta.k8s.io/v1', rv: 5, start: '../kube-system/x' })}`,
      message: 'invalid continue token: continue key is not valid: ../kube-system/x',
    },
    {
      desc: 'resourceVersion together with continue',
      query: `resourceVersion=3&continue=${token({ v: 'meta.k8s.io/v1', rv: 2, start: 'a' })}`,
      message: 'specifying resource version is not allowed when using continue',
    },
  ];
  for (const c of bad) {
    test(`${c.desc}: 400 BadRequest`, async (t) => {
      const lab = await startLab(t);
      const r = await lab.kubectl(['get', '--raw', `${CMS}?${c.query}`]);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /Error from server \(BadRequest\)/);
      const { status, body } = await get(lab, `${CMS}?${c.query}`);
      assert.equal(status, 400);
      assert.equal(body.message, c.message);
    });
  }

  test('client-node lists one page with limit and the next with _continue', async (t) => {
    const { lab } = await labWithConfigMaps(t, 3);
    const k8s = await import('@kubernetes/client-node');
    const kc = await clientNodeConfig(lab);
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const first = await core.listNamespacedConfigMap({ namespace: 'default', limit: 2 });
    assert.equal(first.items.length, 2);
    assert.ok(first.metadata?._continue);
    const rest = await core.listNamespacedConfigMap({
      namespace: 'default',
      limit: 100,
      _continue: first.metadata._continue,
    });
    assert.equal(rest.metadata?._continue, undefined);
    assert.equal(rest.metadata?.resourceVersion, first.metadata.resourceVersion);
    const got = [...first.items, ...rest.items]
      .map((c) => c.metadata?.name ?? '')
      .filter((n) => n.startsWith('cm-'));
    assert.deepEqual(got, ['cm-1', 'cm-2', 'cm-3']);
  });
});
