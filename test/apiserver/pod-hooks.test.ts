/** kubectl logs (plain and -f) and exec (WebSocket v5, stdin, exit codes) through the kubelet hooks. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { PodHooks } from '../../src/apiserver/index.ts';
import { startLab } from './harness.ts';

const F = join(import.meta.dirname, 'fixtures');

const hooks: PodHooks = {
  logs(pod, container, options) {
    const lines = [`hello from ${container} in ${pod.metadata.name ?? ''}\n`, 'second line\n'];
    const out = lines.map((l) => (options.timestamps ? `2026-01-01T00:00:00.000000000Z ${l}` : l));
    // An array is an AsyncIterable's synchronous cousin; wrap it so the hook's type holds.
    return Promise.resolve({
      [Symbol.asyncIterator]: () => {
        let i = 0;
        return {
          next: () =>
            Promise.resolve(
              i < out.length ? { value: out[i++]!, done: false } : { value: undefined, done: true as const },
            ),
        };
      },
    });
  },
  async exec(_pod, _container, command, stdio) {
    if (command[0] === 'cat' && stdio.stdin) {
      for await (const chunk of stdio.stdin) stdio.stdout(chunk);
      return 0;
    }
    if (command[0] === 'fail') {
      stdio.stderr(Buffer.from('it failed\n'));
      return 3;
    }
    stdio.stdout(Buffer.from(`ran ${command.join(' ')}\n`));
    return 0;
  },
};

test('logs and exec go through the hooks', async (t) => {
  const lab = await startLab(t, { hooks });
  await lab.kubectl(['apply', '-f', join(F, 'web-pod.yaml')]);
  const logs = await lab.kubectl(['logs', 'nginx']);
  assert.equal(logs.stdout, 'hello from web in nginx\nsecond line\n', logs.stderr);
  const ts = await lab.kubectl(['logs', 'nginx', '--timestamps', '-f']);
  assert.match(ts.stdout, /^2026-01-01T00:00:00\.000000000Z hello from web in nginx$/m);
  const ls = await lab.kubectl(['exec', 'nginx', '--', 'ls', '/']);
  assert.equal(ls.stdout, 'ran ls /\n', ls.stderr);
  const cat = await lab.kubectl(['exec', '-i', 'nginx', '--', 'cat'], { input: 'piped\n' });
  assert.equal(cat.stdout, 'piped\n', cat.stderr);
  const fail = await lab.kubectl(['exec', 'nginx', '--', 'fail']);
  assert.equal(fail.code, 3);
  assert.match(fail.stderr, /it failed/);
  assert.match(fail.stderr, /command terminated with exit code 3/);
});
