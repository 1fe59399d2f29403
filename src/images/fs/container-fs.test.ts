/** The container's filesystem view: mounts over a read-only root, and no way out to the host. */
import assert from 'node:assert/strict';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { sh, tempDir } from '../test-helpers.ts';
import { createContainerFs } from './container-fs.ts';

describe('ContainerFs confinement', () => {
  test('`..` from a mount ends at the container root, never the host', async (t) => {
    const dir = await tempDir(t);
    await writeFile(join(dir, 'index.html'), '<html>web</html>\n');
    const mounts = [{ mountPath: '/app', hostPath: dir }];
    const hostPasswd = await readFile('/etc/passwd', 'utf8');
    const r = await sh('cd /app && cat index.html ../../../etc/passwd', { mounts });
    assert.equal(r.code, 0);
    // The container's own /etc/passwd (busybox's), not the host's.
    assert.equal(r.stdout, '<html>web</html>\n' + (await sh('cat /etc/passwd')).stdout);
    assert.notEqual(r.stdout.slice('<html>web</html>\n'.length), hostPasswd);
  });

  const symlinkRows = [
    {
      desc: 'absolute symlink to /etc/passwd is the container file',
      target: '/etc/passwd',
      expect: 'root:x:0:0:root:/root:/bin/sh',
    },
    {
      desc: 'relative symlink climbing out stops at the container root',
      target: '../../../../../../etc/passwd',
      expect: 'root:x:0:0:root:/root:/bin/sh',
    },
    {
      desc: 'symlink to a host-only path does not exist in the container',
      target: '/proc/self/environ',
      expect: undefined,
    },
  ];
  for (const row of symlinkRows) {
    test(row.desc, async (t) => {
      const dir = await tempDir(t);
      await symlink(row.target, join(dir, 'link'));
      const fs = createContainerFs({
        mounts: [{ mountPath: '/app', hostPath: dir }],
        files: { '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\n' },
      });
      const got = await fs.readFile('/app/link').then(
        (b) => b.toString().trimEnd(),
        (e: { code: string }) => e.code,
      );
      assert.equal(got, row.expect ?? 'ENOENT');
    });
  }

  test('a symlink inside the mount to another file of the mount works', async (t) => {
    const dir = await tempDir(t);
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, 'real.txt'), 'real');
    await symlink('../real.txt', join(dir, 'sub', 'link'));
    const fs = createContainerFs({ mounts: [{ mountPath: '/data', hostPath: dir }] });
    assert.equal((await fs.readFile('/data/sub/link')).toString(), 'real');
  });

  test('writing through a symlink that points out of the mount fails read-only', async (t) => {
    const dir = await tempDir(t);
    const outside = await tempDir(t);
    await symlink(join(outside, 'victim'), join(dir, 'link'));
    const fs = createContainerFs({ mounts: [{ mountPath: '/app', hostPath: dir }] });
    await assert.rejects(fs.writeFile('/app/link', 'x'), { code: 'EROFS' });
    await assert.rejects(readFile(join(outside, 'victim')), { code: 'ENOENT' });
  });

  test('a symlink loop is ELOOP', async (t) => {
    const dir = await tempDir(t);
    await symlink('/app/b', join(dir, 'a'));
    await symlink('/app/a', join(dir, 'b'));
    const fs = createContainerFs({ mounts: [{ mountPath: '/app', hostPath: dir }] });
    await assert.rejects(fs.readFile('/app/a'), { code: 'ELOOP' });
  });
});

describe('ContainerFs layers', () => {
  const cases = [
    {
      desc: 'write into a writable mount',
      script: 'echo hi > /app/f && cat /app/f',
      stdout: 'hi\n',
      code: 0,
    },
    {
      desc: 'write into a read-only mount',
      script: 'echo hi > /ro/f',
      stderr: "sh: can't create /ro/f: Read-only file system\n",
      code: 1,
    },
    {
      desc: 'write into the image root',
      script: 'touch /newfile',
      stderr: 'touch: /newfile: Read-only file system\n',
      code: 1,
    },
    { desc: 'mkdir -p inside a mount', script: 'mkdir -p /app/a/b && ls /app', stdout: 'a\n', code: 0 },
    {
      desc: 'mkdir in the root',
      script: 'mkdir /x',
      stderr: "mkdir: can't create directory '/x': Read-only file system\n",
      code: 1,
    },
    {
      desc: 'rm of a missing file',
      script: 'rm /app/nope',
      stderr: "rm: can't remove '/app/nope': No such file or directory\n",
      code: 1,
    },
    { desc: 'rm -f of a missing file', script: 'rm -f /app/nope', code: 0 },
    {
      desc: 'the mount point cannot be removed',
      script: 'rm -r /app',
      stderr: "rm: can't remove '/app': Resource busy\n",
      code: 1,
    },
    {
      desc: 'mount points show in their parent',
      script: 'ls / | grep -x -e app -e ro',
      stdout: 'app\nro\n',
      code: 0,
    },
    {
      desc: '/bin lists the applets',
      script: 'ls /bin | grep -c -x -e sh -e wget -e ps',
      stdout: '3\n',
      code: 0,
    },
    {
      desc: 'the kubelet-managed /etc/hosts',
      script: 'tail -n 1 /etc/hosts',
      stdout: '127.244.0.7\tweb\n',
      code: 0,
    },
    { desc: 'reading a directory', script: 'cat /etc', stderr: 'cat: read error: Is a directory\n', code: 1 },
  ];
  for (const c of cases) {
    test(c.desc, async (t) => {
      const app = await tempDir(t);
      const ro = await tempDir(t);
      const mounts = [
        { mountPath: '/app', hostPath: app },
        { mountPath: '/ro', hostPath: ro, readOnly: true },
      ];
      const r = await sh(c.script, { mounts });
      assert.deepEqual(r, { code: c.code, stdout: c.stdout ?? '', stderr: c.stderr ?? '' });
    });
  }
});
