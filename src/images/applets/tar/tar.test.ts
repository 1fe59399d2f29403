/** busybox tar: round trips through the container's filesystem view, listings, errors, and GNU tar agreeing on the format. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { lstat, mkdir, readFile, readlink, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { TestContext } from 'node:test';
import { sh, tempDir, testContainer } from '../../test-helpers.ts';

/** A container with a writable /data volume holding src/{a.txt, run.sh, sub/b.txt, link -> a.txt} and an empty /out volume. */
async function fixture(t: TestContext) {
  const data = await tempDir(t);
  const out = await tempDir(t);
  await mkdir(join(data, 'src/sub'), { recursive: true });
  await writeFile(join(data, 'src/a.txt'), 'alpha\n');
  await writeFile(join(data, 'src/run.sh'), '#!/bin/sh\necho hi\n', { mode: 0o755 });
  await writeFile(join(data, 'src/sub/b.txt'), 'beta\n');
  await symlink('a.txt', join(data, 'src/link'));
  const mounts = [
    { mountPath: '/data', hostPath: data },
    { mountPath: '/out', hostPath: out },
  ];
  return { data, out, mounts, container: () => testContainer({ mounts }) };
}

describe('tar', () => {
  test('c | x round trip: files, directories, a symlink and modes; the leading / stripped once', async (t) => {
    const f = await fixture(t);
    const r = await sh('tar cf - /data/src | tar -xmf - -C /out', { container: f.container() });
    assert.equal(r.stderr, "tar: removing leading '/' from member names\n");
    assert.equal(r.code, 0);
    const got = join(f.out, 'data/src');
    assert.equal(await readFile(join(got, 'a.txt'), 'utf8'), 'alpha\n');
    assert.equal(await readFile(join(got, 'sub/b.txt'), 'utf8'), 'beta\n');
    assert.equal(await readlink(join(got, 'link')), 'a.txt');
    assert.equal((await lstat(join(got, 'run.sh'))).mode & 0o777, 0o755);
  });

  test('t lists members; tv as busybox (mode, owner, size, date, name -> target)', async (t) => {
    const f = await fixture(t);
    const c = f.container();
    assert.equal((await sh('cd /data && tar cf /out/a.tar src', { container: c })).code, 0);
    const names = await sh('tar tf /out/a.tar', { container: f.container() });
    assert.deepEqual(names.stdout.split('\n').filter(Boolean).sort(), [
      'src/',
      'src/a.txt',
      'src/link',
      'src/run.sh',
      'src/sub/',
      'src/sub/b.txt',
    ]);
    const long = await sh('tar -tvf /out/a.tar', { container: f.container() });
    assert.match(long.stdout, /^-rwxr-xr-x root\/root +18 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d src\/run\.sh$/m);
    assert.match(long.stdout, /^lrwxrwxrwx root\/root +0 .* src\/link -> a\.txt$/m);
  });

  test('kubectl cp into a pod: tar -xmf - -C DIR of a bare member name, replacing an old file', async (t) => {
    const f = await fixture(t);
    await writeFile(join(f.out, 'a.txt'), 'old content that is longer\n');
    const r = await sh('tar cf - -C /data/src a.txt | tar -xmf - -C /out', { container: f.container() });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(await readFile(join(f.out, 'a.txt'), 'utf8'), 'alpha\n');
  });

  test('kubectl cp --no-preserve: tar --no-same-permissions --no-same-owner -xmf -', async (t) => {
    const f = await fixture(t);
    const r = await sh(
      'tar cf - -C /data/src run.sh | tar --no-same-permissions --no-same-owner -xmf - -C /out',
      {
        container: f.container(),
      },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(await readFile(join(f.out, 'run.sh'), 'utf8'), '#!/bin/sh\necho hi\n');
  });

  const errors = [
    {
      desc: 'a missing operand: busybox names it, archives the rest and fails at the end',
      script: 'tar cf - /nope /data/src/a.txt | tar tf -',
      stdout: 'data/src/a.txt\n',
      stderr:
        /^tar: \/nope: No such file or directory\ntar: removing leading '\/' from member names\ntar: error exit delayed from previous errors\n$/,
      code: 0,
    },
    {
      desc: 'extracting onto the read-only root fails with Read-only file system',
      script: 'tar cf - -C /data/src a.txt | tar xf - -C /etc',
      stdout: '',
      stderr: /^tar: can't open 'a\.txt': Read-only file system\n$/,
      code: 1,
    },
    {
      desc: '-C to a missing directory',
      script: 'tar xf - -C /out/none </dev/null',
      stdout: '',
      stderr: /^tar: can't change directory to '\/out\/none': No such file or directory\n$/,
      code: 1,
    },
    {
      desc: 'no operands to create',
      script: 'tar cf -',
      stdout: '',
      stderr: /^tar: empty archive\n$/,
      code: 1,
    },
    {
      desc: 'not an archive',
      script: 'echo hello | tar tf -',
      stdout: '',
      stderr: /^tar: short read\n$|^tar: invalid tar magic\n$/,
      code: 1,
    },
  ];
  for (const row of errors) {
    test(row.desc, async (t) => {
      const f = await fixture(t);
      const r = await sh(row.script, { container: f.container() });
      assert.equal(r.stdout, row.stdout);
      assert.match(r.stderr, row.stderr);
      assert.equal(r.code, row.code);
    });
  }

  const gnuTar = spawnSync('tar', ['--version']).status === 0;
  test(
    'GNU tar reads what we write and we read what it writes (long names included)',
    { skip: !gnuTar },
    async (t) => {
      const f = await fixture(t);
      const long = `${'d'.repeat(60)}/${'f'.repeat(70)}.txt`;
      await mkdir(join(f.data, 'src', long, '..'), { recursive: true });
      await writeFile(join(f.data, 'src', long), 'long\n');
      assert.equal((await sh('cd /data && tar cf /out/ours.tar src', { container: f.container() })).code, 0);
      const listed = spawnSync('tar', ['-tvf', join(f.out, 'ours.tar')], { encoding: 'utf8' });
      assert.equal(listed.status, 0, listed.stderr);
      assert.match(listed.stdout, new RegExp(`src/${long.replace('.', '\\.')}$`, 'm'));
      assert.match(listed.stdout, /src\/link -> a\.txt$/m);
      const made = spawnSync('tar', ['-cf', join(f.out, 'gnu.tar'), '-C', f.data, 'src'], {
        encoding: 'utf8',
      });
      assert.equal(made.status, 0, made.stderr);
      const r = await sh('mkdir /out/x && tar -xf /out/gnu.tar -C /out/x', { container: f.container() });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(await readFile(join(f.out, 'x/src', long), 'utf8'), 'long\n');
      assert.equal(await readlink(join(f.out, 'x/src/link')), 'a.txt');
    },
  );
});
