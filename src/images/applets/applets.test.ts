/** busybox applets as a user sees them in `kubectl exec`: output, messages and exit codes. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FakeClock } from '../../core/index.ts';
import { ExecNotFoundError } from '../errors.ts';
import { run, sh, testContainer } from '../test-helpers.ts';

interface Row {
  desc: string;
  script: string;
  stdout?: string;
  stderr?: string;
  code?: number;
}

function table(name: string, rows: Row[]): void {
  describe(name, () => {
    for (const row of rows) {
      test(row.desc, async () => {
        const r = await sh(row.script);
        assert.deepEqual(r, { code: row.code ?? 0, stdout: row.stdout ?? '', stderr: row.stderr ?? '' });
      });
    }
  });
}

table('grep', [
  { desc: '-q exits 0 on a match and prints nothing', script: 'echo hello | grep -q ell' },
  { desc: '-q exits 1 without a match', script: 'echo hello | grep -q xyz', code: 1 },
  {
    desc: '-q on a missing file is 2',
    script: 'grep -q x /nope',
    stderr: 'grep: /nope: No such file or directory\n',
    code: 2,
  },
  { desc: '-s silences file errors', script: 'grep -s x /nope', code: 2 },
  { desc: '-i ignores case', script: 'echo HeLLo | grep -i hello', stdout: 'HeLLo\n' },
  { desc: '-v inverts', script: 'printf "a\\nb\\n" | grep -v a', stdout: 'b\n' },
  { desc: '-c counts', script: 'printf "a\\nab\\nc\\n" | grep -c a', stdout: '2\n' },
  { desc: '-c with no match prints 0 and exits 1', script: 'echo b | grep -c a', stdout: '0\n', code: 1 },
  { desc: 'BRE: + is literal', script: 'printf "a+\\naa\\n" | grep "a+"', stdout: 'a+\n' },
  { desc: '-E: + repeats', script: 'printf "a+\\naa\\n" | grep -E "^a+$"', stdout: 'aa\n' },
  { desc: '-F: fixed strings', script: 'printf "a.c\\nabc\\n" | grep -F a.c', stdout: 'a.c\n' },
  { desc: '-n numbers lines', script: 'printf "x\\ny\\nx\\n" | grep -n x', stdout: '1:x\n3:x\n' },
  {
    desc: 'several files get a name prefix',
    script: 'grep root /etc/passwd /etc/group',
    stdout: '/etc/passwd:root:x:0:0:root:/root:/bin/sh\n/etc/group:root:x:0:\n/etc/group:wheel:x:10:root\n',
  },
  { desc: '-w matches whole words', script: 'printf "web\\nwebby\\n" | grep -w web', stdout: 'web\n' },
  { desc: '[[:digit:]] classes', script: 'printf "a1\\nb\\n" | grep "[[:digit:]]"', stdout: 'a1\n' },
]);

table('test and [', [
  { desc: 'string equality', script: '[ abc = abc ]' },
  { desc: 'string inequality', script: '[ abc != abc ]', code: 1 },
  { desc: '-z empty', script: '[ -z "" ]' },
  { desc: '-n non-empty', script: 'test -n x' },
  { desc: 'integers', script: '[ 10 -gt 9 ] && [ 3 -le 3 ] && [ 2 -ne 3 ]' },
  { desc: 'a bad integer', script: '[ x -eq 1 ]', stderr: "[: invalid number 'x'\n", code: 2 },
  { desc: '-f and -d', script: '[ -f /etc/hosts ] && [ -d /etc ] && [ ! -f /etc ]' },
  { desc: '-e on a missing file', script: 'test -e /nope', code: 1 },
  { desc: '-a and -o', script: '[ 1 = 2 -o a = a ] && [ a = a -a ! b = c ]' },
  { desc: 'missing ]', script: '[ a = a', stderr: '[: missing ]\n', code: 2 },
  { desc: 'no arguments is false', script: 'test', code: 1 },
  { desc: 'one argument: non-empty is true', script: 'test x' },
]);

table('text applets', [
  { desc: 'echo -n', script: 'echo -n a; echo b', stdout: 'ab\n' },
  { desc: 'echo -e escapes', script: 'echo -e "a\\tb\\nc"', stdout: 'a\tb\nc\n' },
  { desc: 'echo without -e keeps backslashes', script: "echo 'a\\nb'", stdout: 'a\\nb\n' },
  { desc: 'printf reuses the format', script: 'printf "%s=%d\\n" a 1 b 2', stdout: 'a=1\nb=2\n' },
  { desc: 'printf widths', script: 'printf "[%5s][%-3s][%03d]\\n" ab c 7', stdout: '[   ab][c  ][007]\n' },
  { desc: 'head -n', script: 'printf "1\\n2\\n3\\n" | head -n 2', stdout: '1\n2\n' },
  { desc: 'head -N (legacy)', script: 'printf "1\\n2\\n3\\n" | head -1', stdout: '1\n' },
  { desc: 'tail -n', script: 'printf "1\\n2\\n3\\n" | tail -n 2', stdout: '2\n3\n' },
  { desc: 'tail -n +2', script: 'printf "1\\n2\\n3\\n" | tail -n +2', stdout: '2\n3\n' },
  { desc: 'wc with one count prints the bare number', script: 'printf "a b\\nc\\n" | wc -l', stdout: '2\n' },
  {
    desc: 'wc default columns',
    script: 'printf "a b\\nc\\n" | wc',
    stdout: '        2         3         6\n',
  },
  { desc: 'cat -n', script: 'printf "a\\nb\\n" | cat -n', stdout: '     1\ta\n     2\tb\n' },
  {
    desc: 'cat of a missing file',
    script: 'cat /nope',
    stderr: "cat: can't open '/nope': No such file or directory\n",
    code: 1,
  },
  { desc: 'unknown option', script: 'cat -Z /etc/hosts', stderr: 'cat: unrecognized option: Z\n', code: 1 },
]);

table('filters', [
  { desc: 'sort', script: 'printf "b\\na\\nc\\n" | sort', stdout: 'a\nb\nc\n' },
  { desc: 'sort -n -r', script: 'printf "10\\n9\\n100\\n" | sort -nr', stdout: '100\n10\n9\n' },
  { desc: 'sort -u', script: 'printf "b\\na\\nb\\n" | sort -u', stdout: 'a\nb\n' },
  { desc: 'uniq -c', script: 'printf "a\\na\\nb\\n" | uniq -c', stdout: '      2 a\n      1 b\n' },
  { desc: 'cut -d -f', script: 'echo root:x:0:0 | cut -d: -f1,3', stdout: 'root:0\n' },
  { desc: 'cut -c range', script: 'echo abcdef | cut -c 2-4', stdout: 'bcd\n' },
  { desc: 'tr ranges', script: 'echo hello | tr a-z A-Z', stdout: 'HELLO\n' },
  { desc: 'tr -d', script: 'echo a-b-c | tr -d -- -', stdout: 'abc\n' },
  {
    desc: 'basename and dirname',
    script: 'basename /app/index.html .html; dirname /app/index.html; dirname x',
    stdout: 'index\n/app\n.\n',
  },
  { desc: 'seq', script: 'seq 3; seq 2 2 6', stdout: '1\n2\n3\n2\n4\n6\n' },
  {
    desc: 'tee into the read-only root',
    script: 'echo hi | tee /x',
    stdout: 'hi\n',
    stderr: 'tee: /x: Read-only file system\n',
    code: 1,
  },
  { desc: 'env | sort', script: 'env | sort | head -n 1', stdout: 'HOSTNAME=web\n' },
]);

table('system applets', [
  { desc: 'hostname', script: 'hostname', stdout: 'web\n' },
  { desc: 'hostname -i is the pod IP', script: 'hostname -i', stdout: '127.244.0.7\n' },
  { desc: 'whoami', script: 'whoami', stdout: 'root\n' },
  { desc: 'id', script: 'id', stdout: 'uid=0(root) gid=0(root) groups=0(root),10(wheel)\n' },
  { desc: 'env prints the environment', script: 'env | grep ^HOSTNAME=', stdout: 'HOSTNAME=web\n' },
  { desc: 'env VAR=x cmd', script: "env GREETING=hi sh -c 'echo $GREETING'", stdout: 'hi\n' },
  {
    desc: 'env with an unknown command',
    script: 'env foo',
    stderr: "env: can't execute 'foo': No such file or directory\n",
    code: 127,
  },
  {
    desc: 'ls -1 of a directory',
    script: 'ls -1 /etc',
    stdout: 'group\nhostname\nhosts\npasswd\nresolv.conf\n',
  },
  {
    desc: 'ls of a missing path',
    script: 'ls /nope',
    stderr: 'ls: /nope: No such file or directory\n',
    code: 1,
  },
  { desc: 'busybox APPLET', script: 'busybox echo hi', stdout: 'hi\n' },
  {
    desc: 'busybox with an unknown applet',
    script: 'busybox foo',
    stderr: 'foo: applet not found\n',
    code: 127,
  },
  {
    desc: 'nslookup before cluster DNS exists',
    script: 'nslookup web',
    stderr:
      'nslookup: not implemented yet: kubelab has no cluster DNS for this pod (no nameserver in /etc/resolv.conf)\n',
    code: 1,
  },
  { desc: 'sleep with a bad number', script: 'sleep abc', stderr: "sleep: invalid number 'abc'\n", code: 1 },
]);

describe('ps', () => {
  test('busybox columns, pid 1 first, itself included', async () => {
    const c = testContainer();
    const main = c.ctx.processes.spawn(['web', 'serve', '--root', '/app', '--port', '8000']);
    const r = await run(['ps', 'aux'], { container: c });
    main.exit();
    assert.equal(
      r.stdout,
      'PID   USER     TIME  COMMAND\n    1 root      0:00 web serve --root /app --port 8000\n    2 root      0:00 ps aux\n',
    );
  });

  test("the lab's liveness probe `ps aux | grep my_web_server_process` always succeeds", async () => {
    // No process named my_web_server_process exists. Yet grep's own command line contains the
    // pattern, and `ps` runs while grep does (both stages of the pipeline are forked first), so the
    // listing always has a matching line: the probe can never fail, which is why the lab calls it
    // meaningless. (It is still "helpful" as a check that the container can run a shell at all.)
    const c = testContainer();
    const main = c.ctx.processes.spawn(['web', 'serve', '--root', '/app', '--port', '8000']);
    const r = await run(['sh', '-c', 'ps aux | grep my_web_server_process'], { container: c });
    main.exit();
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^ +\d+ root +0:00 grep my_web_server_process$/m);
    // The only other match is the probe's own shell.
    assert.match(r.stdout, /sh -c ps aux \| grep my_web_server_process$/m);
  });

  test('grep -v grep (the usual fix) shows the probe would fail', async () => {
    const r = await sh('ps aux | grep my_web_server_process | grep -v grep');
    assert.equal(r.code, 1);
  });

  test('-o selects columns', async () => {
    const r = await run(['ps', '-o', 'pid,comm']);
    assert.equal(r.stdout, 'PID   COMMAND\n    1 ps\n');
  });
});

describe('unknown executables', () => {
  const rows = [
    { desc: 'bare name', argv: ['foo'], message: 'exec: "foo": executable file not found in $PATH' },
    {
      desc: 'absolute path not in the image',
      argv: ['/usr/bin/nginx', '-g'],
      message: 'exec: "/usr/bin/nginx": executable file not found in $PATH',
    },
    {
      desc: 'web is not in busybox',
      argv: ['web', 'serve'],
      message: 'exec: "web": executable file not found in $PATH',
    },
  ];
  for (const row of rows) {
    test(`${row.desc}: image.run rejects with runc's message`, async () => {
      const c = testContainer();
      await assert.rejects(c.image.run(c.ctx, row.argv), (err: unknown) => {
        assert.ok(err instanceof ExecNotFoundError);
        assert.equal(err.message, row.message);
        return true;
      });
      assert.equal(c.stdout.text + c.stderr.text, '');
    });
  }

  test('/bin/sh and sh are the same applet', async () => {
    assert.equal((await run(['/bin/sh', '-c', 'echo ok'])).stdout, 'ok\n');
  });
});

describe('signals', () => {
  test('sleep as pid 1 ignores SIGTERM (no handler, no default action) and ends with 137 on SIGKILL', async () => {
    const clock = new FakeClock();
    const c = testContainer({ clock });
    const running = c.image.run(c.ctx, ['sleep', '3600']);
    // Wait (with a deadline) until sleep has set its timer, then send SIGTERM.
    for (const start = Date.now(); clock.pendingTimers() === 0; await new Promise((r) => setImmediate(r))) {
      assert.ok(Date.now() - start < 5000, 'sleep never started');
    }
    assert.equal(c.ctx.processes.kill(1, 'SIGTERM'), true);
    clock.advance(1000);
    await new Promise((r) => setImmediate(r));
    assert.equal(clock.pendingTimers(), 1, 'sleep still sleeps');
    c.abort.abort('SIGKILL');
    assert.equal(await running, 137);
    assert.equal(clock.pendingTimers(), 0);
  });

  test('sleep finishes on time with the injected clock', async () => {
    const clock = new FakeClock();
    const c = testContainer({ clock });
    const running = c.image.run(c.ctx, ['sh', '-c', 'sleep 1.5; echo done']);
    for (const start = Date.now(); clock.pendingTimers() === 0; await new Promise((r) => setImmediate(r))) {
      assert.ok(Date.now() - start < 5000, 'sleep never started');
    }
    clock.advance(1499);
    assert.equal(c.stdout.text, '');
    clock.advance(1);
    assert.equal(await running, 0);
    assert.equal(c.stdout.text, 'done\n');
  });

  test('sh waiting for a script on stdin ignores SIGTERM as pid 1 and ends on SIGKILL', async () => {
    const { PassThrough } = await import('node:stream');
    const c = testContainer({ stdin: new PassThrough() });
    const running = c.image.run(c.ctx, ['sh']);
    // Let sh start and block reading its (never-ending) stdin.
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(
      c.ctx.processes.list().map((p) => p.argv.join(' ')),
      ['sh'],
    );
    c.ctx.processes.kill(1, 'SIGTERM');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(
      c.ctx.processes.list().map((p) => p.argv.join(' ')),
      ['sh'],
    );
    c.abort.abort('SIGKILL');
    assert.equal(await running, 137);
  });

  test('a shell loop stops with 137 on SIGKILL and runs nothing after it', async () => {
    const clock = new FakeClock();
    const c = testContainer({ clock });
    const running = c.image.run(c.ctx, ['sh', '-c', 'while true; do sleep 10; done; echo after']);
    for (const start = Date.now(); clock.pendingTimers() === 0; await new Promise((r) => setImmediate(r))) {
      assert.ok(Date.now() - start < 5000, 'sleep never started');
    }
    c.abort.abort('SIGKILL');
    assert.equal(await running, 137);
    assert.equal(c.stdout.text, '');
  });
});
