/** generatePage: the page names the pod, quotes env safely, and info.json matches. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportLines, generatePage, managedHostsFile, shellQuote } from './index.ts';
import { execFileSync } from 'node:child_process';

async function tempDir(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kubelab-web-gen-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('the page names the pod like the lab page and info.json says the same', async (t) => {
  const dir = await tempDir(t);
  const now = new Date('2026-05-23T01:21:50Z');
  const res = await generatePage({
    outDir: join(dir, 'app'),
    hostname: 'web-5948c498d7-h7pv2',
    podIP: '10.244.0.5',
    namespace: 'default',
    nodeName: 'minikube',
    env: { HOSTNAME: 'web-5948c498d7-h7pv2', KUBERNETES_SERVICE_HOST: '10.96.0.1' },
    now,
  });
  const html = await readFile(res.indexPath, 'utf8');
  const webLines = html.split('\n').filter((l) => l.includes('web-') && !l.startsWith('<'));
  // What `curl .../index.html | grep web-` printed in the lab, tabs and all.
  assert.deepEqual(webLines, [
    "export HOSTNAME='web-5948c498d7-h7pv2'",
    '10.244.0.5\tweb-5948c498d7-h7pv2</pre>',
  ]);
  assert.match(html, /namespace <b>default<\/b>, node <b>minikube<\/b>/);
  assert.match(html, /<font color=#326ce5>[01]+<\/font>/);
  assert.match(html, /# Kubernetes-managed hosts file\./);
  assert.deepEqual(JSON.parse(await readFile(res.infoPath, 'utf8')), {
    hostname: 'web-5948c498d7-h7pv2',
    podIP: '10.244.0.5',
    namespace: 'default',
    nodeName: 'minikube',
    generatedAt: '2026-05-23T01:21:50.000Z',
  });
});

test('unknown fields are null in info.json and absent from the page', async (t) => {
  const dir = await tempDir(t);
  const res = await generatePage({ outDir: dir, hostname: 'lonely', hosts: '127.0.0.1\tlocalhost\n' });
  assert.deepEqual([res.info.podIP, res.info.namespace, res.info.nodeName], [null, null, null]);
  const html = await readFile(res.indexPath, 'utf8');
  assert.doesNotMatch(html, /namespace <b>|node <b>|IP <b>/);
  assert.match(html, /127\.0\.0\.1\tlocalhost<\/pre>/);
});

test('the picture is the same for the same pod and differs between pods', async (t) => {
  const dir = await tempDir(t);
  const page = async (hostname: string, sub: string) =>
    readFile((await generatePage({ outDir: join(dir, sub), hostname, now: new Date(0) })).indexPath, 'utf8');
  assert.equal(await page('web-a', 'a1'), await page('web-a', 'a2'));
  assert.notEqual(await page('web-a', 'a3'), await page('web-b', 'b'));
});

const hostile = [
  { desc: 'single quote', value: "it's" },
  { desc: 'command substitution', value: '$(touch /tmp/pwned) `id`' },
  { desc: 'variable and backslash', value: '$HOME \\n \\' },
  { desc: 'newline and trailing quote', value: "a\nb'" },
  { desc: 'empty', value: '' },
];

for (const row of hostile) {
  test(`export line survives sh: ${row.desc}`, () => {
    const [line] = exportLines({ V: row.value });
    assert.ok(line);
    // Run the line in a real shell and read the value back, byte for byte.
    const out = execFileSync('sh', ['-c', `${line}\nprintf %s "$V"`], { encoding: 'utf8' });
    assert.equal(out, row.value);
  });
}

test('env lines: sorted, invalid shell names left out, HTML escaped on the page', async (t) => {
  assert.deepEqual(exportLines({ B: '2', A: '1', 'NOT-A-NAME': 'x', '1X': 'y', U: undefined }), [
    "export A='1'",
    "export B='2'",
  ]);
  assert.equal(shellQuote("a'b"), `'a'\\''b'`);
  const dir = await tempDir(t);
  const res = await generatePage({
    outDir: dir,
    hostname: 'h',
    env: { X: '</pre><script>alert(1)</script>&' },
  });
  const html = await readFile(res.indexPath, 'utf8');
  assert.ok(html.includes("export X='&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;'"));
  assert.ok(!html.includes('<script>'));
});

const hostsRows = [
  {
    desc: 'pod with an IP',
    input: { hostname: 'web-1', podIPs: ['10.244.0.5'] },
    last: ['fe00::2\tip6-allrouters', '10.244.0.5\tweb-1'],
  },
  {
    desc: 'pod with hostname and subdomain',
    input: { hostname: 'web-0', fqdn: 'web-0.web.default.svc.cluster.local', podIPs: ['10.244.0.7'] },
    last: ['fe00::2\tip6-allrouters', '10.244.0.7\tweb-0.web.default.svc.cluster.local\tweb-0'],
  },
  {
    desc: 'hostAliases block',
    input: {
      hostname: 'p',
      podIPs: ['10.0.0.1'],
      hostAliases: [{ ip: '127.0.0.1', hostnames: ['foo.local', 'bar.local'] }],
    },
    last: ['10.0.0.1\tp', '', '# Entries added by HostAliases.', '127.0.0.1\tfoo.local\tbar.local'],
  },
];

for (const row of hostsRows) {
  test(`managed hosts file: ${row.desc}`, () => {
    const lines = managedHostsFile(row.input).split('\n');
    assert.equal(lines[0], '# Kubernetes-managed hosts file.');
    assert.equal(lines.at(-1), '');
    assert.deepEqual(lines.slice(-1 - row.last.length, -1), row.last);
  });
}
