/**
 * The real kubectl's interactive commands against kubelab: `kubectl exec -it` on a terminal (under
 * `script`, fed keystrokes only once the prompt is on the screen), `kubectl exec -i` streaming into
 * sh, and `kubectl cp` in both directions (tar in the container).
 */
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KUBECTL, ROOT, tempDir, type Lab } from './lab.ts';
import { podRow, upLab, waitFor } from './workloads/kit.ts';

const WAIT_MS = 20_000;

/** A kubectl child whose output is collected; `see` waits for text that has not been waited for yet. */
function session(t: TestContext, lab: Lab, command: string, args: string[]) {
  const child = spawn(command, args, {
    env: { ...process.env, KUBECONFIG: lab.kubeconfig, HOME: lab.dataDir, TERM: 'xterm' },
  });
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let out = '';
  let mark = 0;
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => out,
    /** Waits until `text` shows after what earlier calls consumed; returns the output up to its end. */
    async see(text: string): Promise<string> {
      await waitFor(
        `${JSON.stringify(text)} in ${JSON.stringify(out.slice(mark))}`,
        () => out.indexOf(text, mark) >= 0,
        WAIT_MS,
      );
      const end = out.indexOf(text, mark) + text.length;
      const seen = out.slice(mark, end);
      mark = end;
      return seen;
    },
    type: (keys: string) => child.stdin.write(keys),
  };
}

/** `kubectl exec -it POD -- ARGV` on a pseudo-terminal, as a user at a terminal runs it. */
function terminal(t: TestContext, lab: Lab, argv: string[]) {
  const kubectl = [KUBECTL, '--cache-dir', join(lab.dataDir, 'kubectl-cache'), 'exec', '-it', ...argv];
  return session(t, lab, 'script', ['-qec', kubectl.map((a) => `'${a}'`).join(' '), '/dev/null']);
}

test('kubectl exec -it, exec -i and cp against kubelab', async (t) => {
  const { lab, apply } = upLab(t);
  apply(readFileSync(join(ROOT, 'manifests/kubernetes-networks/web-pod.yaml'), 'utf8'));
  await waitFor('web 1/1 Running', () => podRow(lab, 'web')?.[1] === '1/1', 30_000);

  await t.test('exec -it -- sh: prompt, echo, output, line editing, ^C, exit code', async (t) => {
    const s = terminal(t, lab, ['web', '-c', 'web', '--', 'sh']);
    // The image's WORKDIR, /app, as busybox ash's default PS1 ('\\w \\$ ') shows it for root.
    assert.equal(await s.see('/app # '), '/app # ');
    s.type('cd /\r');
    assert.equal(await s.see('/ # '), 'cd /\r\n/ # ');
    s.type('cd /app\r');
    assert.equal(await s.see('/app # '), 'cd /app\r\n/app # ');
    // A typo fixed with Backspace (DEL): the screen shows the erase, the shell runs the fixed line.
    s.type('echo $((6*7)) $HOSTNAMX\x7fE\r');
    assert.equal(await s.see('/app # '), 'echo $((6*7)) $HOSTNAMX\b \bE\r\n42 web\r\n/app # ');
    s.type('for f in index.html\r');
    assert.equal(await s.see('> '), 'for f in index.html\r\n> ');
    s.type('do ls $f; done\r');
    assert.equal(await s.see('/app # '), 'do ls $f; done\r\nindex.html\r\n/app # ');
    s.type('sleep 100\r');
    await s.see('sleep 100\r\n');
    s.type('\x03');
    assert.equal(await s.see('/app # '), '^C\r\n/app # ');
    s.type('echo $?; exit 3\r');
    assert.equal(await s.see('130\r\n'), 'echo $?; exit 3\r\n130\r\n');
    assert.equal(await s.exited, 3, s.output());
    assert.match(s.output(), /command terminated with exit code 3/);
  });

  await t.test('exec -it -- cat echoes lines back until ^D', async (t) => {
    const s = terminal(t, lab, ['web', '-c', 'web', '--', 'cat']);
    // No prompt to wait for: keys typed before kubectl has made the terminal raw are also echoed
    // locally, so the first line only shows that the session is up; the second is exact.
    s.type('hello\r');
    await s.see('hello\r\nhello\r\n');
    s.type('again\r');
    assert.match(await s.see('again\r\nagain\r\n'), /(^|\n)again\r\nagain\r\n$/);
    s.type('\x04');
    assert.equal(await s.exited, 0, s.output());
  });

  await t.test('exec -i -- sh runs each line as it arrives', async (t) => {
    const s = session(t, lab, KUBECTL, [
      '--cache-dir',
      join(lab.dataDir, 'kubectl-cache'),
      'exec',
      '-i',
      'web',
      '-c',
      'web',
      '--',
      'sh',
    ]);
    s.type('echo first $((1+1))\n');
    assert.equal(await s.see('first 2\n'), 'first 2\n', 'ran before stdin ended');
    s.type('exit 4\n');
    s.child.stdin.end();
    assert.equal(await s.exited, 4, s.output());
  });

  await t.test('run -it: pid 1 reads what the attached client types (stdin, stdinOnce, tty)', async (t) => {
    const kubectl = [KUBECTL, '--cache-dir', join(lab.dataDir, 'kubectl-cache')];
    const run = [...kubectl, 'run', '-it', 'bb', '--image=busybox', '--restart=Never', '--', 'sh'];
    const s = session(t, lab, 'script', ['-qec', run.map((a) => `'${a}'`).join(' '), '/dev/null']);
    // The first prompt went to the log before kubectl attached, as on any cluster.
    await s.see("If you don't see a command prompt, try pressing enter.\r\n");
    s.type('echo hi from $(hostname)\r');
    assert.equal(await s.see('/ # '), 'echo hi from $(hostname)\r\nhi from bb\r\n/ # ');
    s.type('exit 2\r');
    assert.match(await s.see('terminated (Error)'), /pod default\/bb terminated \(Error\)$/);
    await s.exited;
    const code = lab.kubectl([
      'get',
      'pod',
      'bb',
      '-o',
      'jsonpath={.status.containerStatuses[0].state.terminated.exitCode}',
    ]);
    assert.equal(code.stdout, '2');
  });

  await t.test('cp from the pod: tar cf - PATH in the container', () => {
    const dir = tempDir('kubelab-cp-');
    const local = join(dir, 'index.html');
    const r = lab.kubectl(['cp', '-c', 'web', 'web:/app/index.html', local]);
    assert.equal(r.status, 0, r.stderr);
    // kubectl passes tar's stderr to its stdout, as with busybox tar on a real cluster.
    assert.equal(r.stdout, "tar: removing leading '/' from member names\n");
    const inPod = lab.kubectl(['exec', 'web', '--', 'cat', '/app/index.html']);
    assert.equal(readFileSync(local, 'utf8'), inPod.stdout);
    assert.match(inPod.stdout, /export HOSTNAME='web'/);
  });

  await t.test('cp into the pod: a file, a directory, and the read-only root', () => {
    const dir = tempDir('kubelab-cp-');
    writeFileSync(join(dir, 'note.txt'), 'copied in\n');
    mkdirSync(join(dir, 'tree/sub'), { recursive: true });
    writeFileSync(join(dir, 'tree/sub/deep.txt'), 'deep\n');
    const file = lab.kubectl(['cp', '-c', 'web', join(dir, 'note.txt'), 'web:/app/note.txt']);
    assert.equal(file.status, 0, file.stderr);
    assert.equal(lab.kubectl(['exec', 'web', '--', 'cat', '/app/note.txt']).stdout, 'copied in\n');
    const tree = lab.kubectl(['cp', '-c', 'web', join(dir, 'tree'), 'web:/tmp/tree']);
    assert.equal(tree.status, 0, tree.stderr);
    assert.equal(lab.kubectl(['exec', 'web', '--', 'cat', '/tmp/tree/sub/deep.txt']).stdout, 'deep\n');
    const ro = lab.kubectl(['cp', '-c', 'web', join(dir, 'note.txt'), 'web:/etc/note.txt']);
    assert.notEqual(ro.status, 0);
    assert.match(ro.stderr, /tar: can't open 'note\.txt': Read-only file system/);
    assert.match(ro.stderr, /command terminated with exit code 1/);
  });
});
