/** The shell subset: parsing and execution as busybox ash does it, shown through stdout, stderr and exit codes. */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { sh, tempDir } from '../test-helpers.ts';

interface Row {
  desc: string;
  script: string;
  stdout?: string;
  stderr?: string;
  code?: number;
}

const rows: Row[] = [
  // simple commands and quoting
  { desc: 'simple command', script: 'echo hello world', stdout: 'hello world\n' },
  { desc: 'double quotes keep spaces', script: 'echo "a  b" c', stdout: 'a  b c\n' },
  { desc: 'single quotes are literal', script: 'echo \'$HOME "x"\'', stdout: '$HOME "x"\n' },
  { desc: 'backslash escapes a space', script: 'echo a\\ \\ b', stdout: 'a  b\n' },
  {
    desc: 'adjacent quoted parts form one word',
    script: 'printf "[%s]\\n" a"b c"\'d\'',
    stdout: '[ab cd]\n',
  },
  { desc: 'empty quotes are an empty argument', script: 'printf "[%s]" "" x', stdout: '[][x]' },
  { desc: 'comments are ignored', script: 'echo a # not printed', stdout: 'a\n' },
  // parameters
  { desc: '$VAR and ${VAR}', script: 'x=5; echo $x ${x}y', stdout: '5 5y\n' },
  { desc: 'unset variable is empty and drops out', script: 'printf "[%s]" $nope; echo', stdout: '[]\n' },
  {
    desc: 'unquoted expansion is split on whitespace',
    script: 'v="a  b"; printf "[%s]" $v "$v"; echo',
    stdout: '[a][b][a  b]\n',
  },
  {
    desc: '${x:-default} ${x:=set} ${x:+alt}',
    script: 'echo ${a:-d1} ${b:=d2} $b ${b:+alt} ${c:+alt}.',
    stdout: 'd1 d2 d2 alt .\n',
  },
  { desc: '${#x} is the length', script: 'x=hello; echo ${#x}', stdout: '5\n' },
  { desc: '$? is the last status', script: 'false; echo $?; true; echo $?', stdout: '1\n0\n' },
  { desc: '$$ is the shell pid (pid 1 as the container process)', script: 'echo $$', stdout: '1\n' },
  { desc: 'container env is visible', script: 'echo $HOSTNAME', stdout: 'web\n' },
  { desc: 'arithmetic', script: 'i=3; echo $((i * 2 + 1)) $(( (1+2) % 2 )) $((10/3))', stdout: '7 1 3\n' },
  {
    desc: 'command substitution $(…) and backquotes',
    script: 'echo $(echo a b) `hostname`',
    stdout: 'a b web\n',
  },
  {
    desc: '${x?} fails the shell',
    script: 'echo ${nope?missing}; echo after',
    stderr: 'sh: nope: missing\n',
    code: 2,
  },
  // lists and pipelines
  { desc: '&& runs on success', script: 'true && echo yes', stdout: 'yes\n' },
  { desc: '&& skips on failure, keeps the status', script: 'false && echo yes', code: 1 },
  { desc: '|| runs on failure', script: 'false || echo rescued', stdout: 'rescued\n' },
  { desc: '&& and || chain left to right', script: 'false && echo a || echo b && echo c', stdout: 'b\nc\n' },
  { desc: '; and newlines separate commands', script: 'echo a; echo b\necho c', stdout: 'a\nb\nc\n' },
  { desc: 'a pipe joins stdout to stdin', script: 'echo hello | grep -c ell', stdout: '1\n' },
  { desc: 'a pipeline has the status of its last command', script: 'false | true', code: 0 },
  { desc: '...and fails when the last one fails', script: 'true | false', code: 1 },
  { desc: 'set -o pipefail reports the failing stage', script: 'set -o pipefail; false | true', code: 1 },
  { desc: '! negates', script: '! false', code: 0 },
  { desc: 'three-stage pipeline', script: 'printf "b\\na\\nb\\n" | grep b | wc -l', stdout: '2\n' },
  {
    desc: 'a reader that stops early does not block the writer',
    script: 'cat /etc/passwd | head -n 1',
    stdout: 'root:x:0:0:root:/root:/bin/sh\n',
  },
  // redirections
  {
    desc: '2>&1 sends errors to stdout',
    script: 'cat /nope 2>&1',
    stdout: "cat: can't open '/nope': No such file or directory\n",
    code: 1,
  },
  { desc: '>&2 writes to stderr', script: 'echo oops >&2', stderr: 'oops\n' },
  { desc: '> /dev/null discards', script: 'echo gone > /dev/null; echo kept', stdout: 'kept\n' },
  { desc: '2>/dev/null discards errors', script: 'cat /nope 2>/dev/null; echo $?', stdout: '1\n' },
  {
    desc: '> outside a writable mount fails like a read-only fs',
    script: 'echo x > /etc/hosts',
    stderr: "sh: can't create /etc/hosts: Read-only file system\n",
    code: 1,
  },
  { desc: '< reads a file', script: 'wc -l < /etc/hostname', stdout: '1\n' },
  {
    desc: '< a missing file',
    script: 'cat < /nope',
    stderr: "sh: can't open '/nope': No such file or directory\n",
    code: 1,
  },
  { desc: 'here-document with expansion', script: 'cat <<EOF\nhi $HOSTNAME\nEOF', stdout: 'hi web\n' },
  {
    desc: 'quoted here-document delimiter: no expansion',
    script: "cat <<'EOF'\nhi $HOSTNAME\nEOF",
    stdout: 'hi $HOSTNAME\n',
  },
  // compound commands and builtins
  {
    desc: 'if/elif/else',
    script: 'if false; then echo a; elif true; then echo b; else echo c; fi',
    stdout: 'b\n',
  },
  { desc: 'for loop', script: 'for i in 1 2 3; do echo -n $i; done; echo', stdout: '123\n' },
  {
    desc: 'while loop with break',
    script: 'i=0; while true; do i=$((i+1)); [ $i -ge 3 ] && break; done; echo $i',
    stdout: '3\n',
  },
  { desc: 'until loop', script: 'i=0; until [ $i -eq 2 ]; do i=$((i+1)); done; echo $i', stdout: '2\n' },
  {
    desc: 'case with globs and alternatives',
    script:
      'for f in a.html b.txt c; do case $f in *.html|*.htm) echo "$f page";; *.txt) echo "$f text";; *) echo "$f other";; esac; done',
    stdout: 'a.html page\nb.txt text\nc other\n',
  },
  {
    desc: 'case: quoted pattern is literal',
    script: 'case "*" in "*") echo star;; *) echo any;; esac',
    stdout: 'star\n',
  },
  {
    desc: 'case on several lines, no match is 0',
    script: 'case x in\n  y)\n    echo y\n    ;;\nesac\necho $?',
    stdout: '0\n',
  },
  {
    desc: 'case without esac',
    script: 'case x in x) echo',
    stderr: 'sh: syntax error: unexpected end of file (expecting "esac")\n',
    code: 2,
  },
  {
    desc: 'functions take arguments and return a status',
    script: 'greet() { echo "hi $1"; return 3; }; greet web; echo $? $#',
    stdout: 'hi web\n3 0\n',
  },
  {
    desc: 'a function can change shell variables',
    script: 'set_x() { x=$1; }\nset_x 9\necho $x',
    stdout: '9\n',
  },
  { desc: '{ } groups run in the shell', script: '{ x=1; }; echo $x', stdout: '1\n' },
  { desc: '( ) is a subshell', script: '(x=1; exit 4); echo $? $x.', stdout: '4 .\n' },
  { desc: 'cd changes the directory', script: 'cd /etc && pwd && cat hostname', stdout: '/etc\nweb\n' },
  {
    desc: 'cd to a missing directory',
    script: 'cd /nope',
    stderr: "sh: cd: can't cd to /nope: No such file or directory\n",
    code: 2,
  },
  {
    desc: 'export reaches child processes',
    script: 'export A=1; B=2; env | grep -E "^(A|B)="',
    stdout: 'A=1\n',
  },
  {
    desc: 'VAR=x cmd sets it for that command only',
    script: 'A=7 env | grep ^A=; echo "[$A]"',
    stdout: 'A=7\n[]\n',
  },
  { desc: 'exit N', script: 'exit 3; echo no', code: 3 },
  {
    desc: 'set -e stops at the first failure',
    script: 'set -e; echo a; false; echo b',
    stdout: 'a\n',
    code: 1,
  },
  {
    desc: 'set -e ignores conditions',
    script: 'set -e; if false; then :; fi; false || true; echo ok',
    stdout: 'ok\n',
  },
  {
    desc: 'read takes a line from stdin',
    script: 'printf "x y z\\nnext\\n" | { read a b; echo "$b|$a"; }',
    stdout: 'y z|x\n',
  },
  { desc: 'eval', script: 'eval "echo \\$HOSTNAME"', stdout: 'web\n' },
  // errors
  { desc: 'unknown command', script: 'foo', stderr: 'sh: foo: not found\n', code: 127 },
  {
    desc: 'unknown command by path',
    script: '/usr/bin/foo',
    stderr: 'sh: /usr/bin/foo: not found\n',
    code: 127,
  },
  {
    desc: 'the shell goes on after an unknown command',
    script: 'foo; echo $?',
    stdout: '127\n',
    stderr: 'sh: foo: not found\n',
  },
  {
    desc: 'unterminated quote',
    script: 'echo "abc',
    stderr: 'sh: syntax error: unterminated quoted string\n',
    code: 2,
  },
  {
    desc: 'missing fi',
    script: 'if true; then echo x',
    stderr: 'sh: syntax error: unexpected end of file (expecting "fi")\n',
    code: 2,
  },
  { desc: 'unexpected keyword', script: 'fi', stderr: 'sh: syntax error: unexpected "fi"\n', code: 2 },
  {
    desc: 'dangling operator',
    script: 'echo a &&',
    stderr: 'sh: syntax error: unexpected end of file\n',
    code: 2,
  },
  { desc: 'leading pipe', script: '| cat', stderr: 'sh: syntax error: unexpected "|"\n', code: 2 },
];

describe('sh -c', () => {
  for (const row of rows) {
    test(row.desc, async () => {
      const r = await sh(row.script);
      assert.equal(r.stdout, row.stdout ?? '', 'stdout');
      assert.equal(r.stderr, row.stderr ?? '', 'stderr');
      assert.equal(r.code, row.code ?? 0, 'exit code');
    });
  }

  test('sh -c SCRIPT NAME ARGS sets $0 and the positional parameters', async () => {
    const { run } = await import('../test-helpers.ts');
    const r = await run(['sh', '-c', 'echo $0 $# "$@" $2', 'myname', 'a b', 'c']);
    assert.equal(r.stdout, 'myname 2 a b c c\n');
  });

  test('a script on stdin runs, as `… | sh` does', async () => {
    const { run } = await import('../test-helpers.ts');
    const r = await run(['sh'], { stdinText: 'echo from stdin\nexit 5\n' });
    assert.deepEqual(r, { code: 5, stdout: 'from stdin\n', stderr: '' });
  });

  test('sh with no stdin exits 0 at once, as busybox with CMD sh and no tty', async () => {
    const { run } = await import('../test-helpers.ts');
    assert.deepEqual(await run(['sh']), { code: 0, stdout: '', stderr: '' });
  });

  test('pathname expansion and writes inside a writable mount', async (t) => {
    const dir = await tempDir(t);
    await writeFile(join(dir, 'b.html'), 'B');
    await writeFile(join(dir, 'a.html'), 'A');
    await writeFile(join(dir, 'c.txt'), 'C');
    const mounts = [{ mountPath: '/app', hostPath: dir }];
    const r = await sh(
      'cd /app && echo *.html && echo /app/*.txt && echo "*.html" && echo none*; echo hi > new && cat new a.html',
      { mounts },
    );
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, 'a.html b.html\n/app/c.txt\n*.html\nnone*\nhi\nA');
  });

  test('an executable script on a volume runs through sh', async (t) => {
    const dir = await tempDir(t);
    await writeFile(join(dir, 'run.sh'), '#!/bin/sh\necho "script $1"\nexit 4\n', { mode: 0o755 });
    await writeFile(join(dir, 'plain'), 'echo x\n', { mode: 0o644 });
    const mounts = [{ mountPath: '/scripts', hostPath: dir }];
    assert.deepEqual(await sh('/scripts/run.sh arg', { mounts }), {
      code: 4,
      stdout: 'script arg\n',
      stderr: '',
    });
    assert.deepEqual(await sh('/scripts/plain', { mounts }), {
      code: 126,
      stdout: '',
      stderr: 'sh: /scripts/plain: Permission denied\n',
    });
  });
});
