import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { FakeClock } from '../core/index.ts';
import { attachContainer } from './attach.ts';
import type { AttachStdio } from './attach.ts';
import { LogBuffer } from './logs.ts';
import type { AttachIO, RuntimeContainer } from './runtime.ts';
import type { Slot } from './slots.ts';

function slot(
  spec: Record<string, unknown>,
  handle: Partial<RuntimeContainer> | undefined,
  running = true,
): Slot {
  return {
    name: 'c',
    init: false,
    spec,
    imageID: '',
    starting: false,
    current: {
      id: 'x',
      attempt: 0,
      running,
      image: 'busybox',
      logs: new LogBuffer(new FakeClock('2026-01-01T00:00:00Z')),
      ...(handle ? { handle: handle as RuntimeContainer } : {}),
    },
  };
}

function collect(stdin?: AsyncIterable<Buffer>): AttachStdio & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    tty: false,
    ...(stdin ? { stdin } : {}),
    stdout: (c: Buffer) => void (io.out += c.toString()),
    stderr: (c: Buffer) => void (io.err += c.toString()),
  };
  return io;
}

function lines(...l: string[]): AsyncIterable<Buffer> {
  return Readable.from(l.map((s) => Buffer.from(s)));
}

test('a container that is not running: kubelet’s "container not found"', async () => {
  await assert.rejects(attachContainer(slot({}, {}, false), 'c', collect(), new AbortController().signal), {
    message: 'unable to upgrade connection: container not found ("c")',
  });
  await assert.rejects(
    attachContainer(undefined, 'c', collect(), new AbortController().signal),
    /container not found/,
  );
});

test('the runtime’s attach gets stdin only when the container has stdin: true', async () => {
  const rows = [
    { desc: 'stdin: true', spec: { stdin: true }, wantStdin: true },
    { desc: 'no stdin in the spec', spec: {}, wantStdin: false },
  ];
  for (const row of rows) {
    let got: AttachIO | undefined;
    const handle = {
      attach(io: AttachIO): Promise<void> {
        got = io;
        io.stdout(Buffer.from('out'));
        io.stderr(Buffer.from('err'));
        return Promise.resolve();
      },
    };
    const io = collect(lines('x'));
    const code = await attachContainer(slot(row.spec, handle), 'c', io, new AbortController().signal);
    assert.equal(code, 0, row.desc);
    assert.equal(got?.stdin !== undefined, row.wantStdin, row.desc);
    assert.deepEqual([io.out, io.err], ['out', 'err'], row.desc);
  }
});

test('a runtime without attach: new log lines only, and a clear refusal of stdin', async () => {
  const s = slot({ stdin: true }, {});
  const logs = s.current!.logs;
  logs.write('before attach\n');
  await assert.rejects(
    attachContainer(s, 'c', collect(lines('x')), new AbortController().signal),
    /cannot attach to the stdin of container "c"/,
  );
  const io = collect();
  const done = attachContainer(s, 'c', io, new AbortController().signal);
  await new Promise((r) => setImmediate(r));
  logs.write('after attach\n');
  logs.close();
  assert.equal(await done, 0);
  assert.equal(io.out, 'after attach\n');
});
