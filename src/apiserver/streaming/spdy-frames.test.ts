import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { constants, createInflate } from 'node:zlib';
import { SPDY_DICTIONARY } from './spdy-dictionary.ts';
import {
  FLAG_FIN,
  FrameType,
  dataFrames,
  encodeHeaderBlock,
  goAwayFrame,
  parseHeaderBlock,
  pingFrame,
  rstStreamFrame,
  splitFrames,
  synReplyFrame,
  synStreamFrame,
} from './spdy-frames.ts';
import { HeaderDeflater, HeaderInflater, StoredHeaderDeflater } from './spdy-zlib.ts';

describe('SPDY frames', () => {
  const rows = [
    {
      desc: 'SYN_STREAM with FIN',
      bytes: synStreamFrame(5, Buffer.from('hdr'), true),
      want: { kind: 'control', type: FrameType.SYN_STREAM, flags: FLAG_FIN, length: 13 },
    },
    {
      desc: 'SYN_REPLY',
      bytes: synReplyFrame(5, Buffer.from('hdr'), false),
      want: { kind: 'control', type: FrameType.SYN_REPLY, flags: 0, length: 7 },
    },
    {
      desc: 'RST_STREAM',
      bytes: rstStreamFrame(3, 5),
      want: { kind: 'control', type: FrameType.RST_STREAM, flags: 0, length: 8 },
    },
    {
      desc: 'PING',
      bytes: pingFrame(7),
      want: { kind: 'control', type: FrameType.PING, flags: 0, length: 4 },
    },
    {
      desc: 'GOAWAY',
      bytes: goAwayFrame(9),
      want: { kind: 'control', type: FrameType.GOAWAY, flags: 0, length: 8 },
    },
    {
      desc: 'DATA with FIN',
      bytes: dataFrames(3, Buffer.from('hello'), true),
      want: { kind: 'data', streamId: 3, flags: FLAG_FIN, length: 5 },
    },
  ];
  for (const row of rows) {
    test(row.desc, () => {
      // control frames carry version 3 in the first word, as spdystream checks
      if (row.want.kind === 'control') assert.equal(row.bytes.readUInt16BE(0), 0x8003);
      const { frames, rest } = splitFrames(row.bytes);
      assert.equal(rest.length, 0);
      assert.equal(frames.length, 1);
      const f = frames[0]!;
      assert.equal(f.kind, row.want.kind);
      assert.equal(f.flags, row.want.flags);
      if (f.kind === 'control') {
        assert.equal(f.type, row.want.type);
        assert.equal(f.payload.length, row.want.length);
      } else {
        assert.equal(f.streamId, row.want.streamId);
        assert.equal(f.data.toString(), 'hello');
      }
    });
  }

  test('splitFrames keeps an incomplete tail for the next chunk', () => {
    const all = Buffer.concat([pingFrame(1), dataFrames(1, Buffer.from('abc'), false)]);
    const first = splitFrames(all.subarray(0, 15));
    assert.equal(first.frames.length, 1);
    const second = splitFrames(Buffer.concat([first.rest, all.subarray(15)]));
    assert.equal(second.frames.length, 1);
    assert.equal(second.frames[0]?.kind === 'data' && second.frames[0].data.toString(), 'abc');
  });

  test('an empty DATA frame with FIN is a half-close', () => {
    const { frames } = splitFrames(dataFrames(7, Buffer.alloc(0), true));
    assert.deepEqual(frames, [{ kind: 'data', streamId: 7, flags: FLAG_FIN, data: Buffer.alloc(0) }]);
  });
});

describe('SPDY header blocks', () => {
  test('round trip, with a multi-valued header and upper-case names folded', () => {
    const block = encodeHeaderBlock(
      new Map([
        ['StreamType', ['data']],
        ['x', ['a', 'b']],
      ]),
    );
    const parsed = parseHeaderBlock(block);
    assert.ok(parsed);
    assert.equal(parsed.used, block.length);
    assert.deepEqual(
      parsed.headers,
      new Map([
        ['streamtype', ['data']],
        ['x', ['a', 'b']],
      ]),
    );
    assert.equal(parseHeaderBlock(block.subarray(0, block.length - 1)), undefined);
  });

  test('stored deflate blocks inflate on one zlib stream, each ending in the sync-flush marker', async () => {
    const deflater = new StoredHeaderDeflater();
    const blocks = [
      deflater.compress(new Map()),
      deflater.compress(new Map([['port', ['8000']]])),
      deflater.compress(new Map([['big', ['x'.repeat(70_000)]]])),
    ];
    assert.deepEqual(blocks[0]?.subarray(0, 2), Buffer.from([0x78, 0x01]));
    // Go's flate hands out a stored block's bytes only when the next block starts (the bug this prevents)
    for (const b of blocks) assert.deepEqual(b.subarray(-5), Buffer.from([0, 0, 0, 0xff, 0xff]));
    const inflate = createInflate({ dictionary: SPDY_DICTIONARY, finishFlush: constants.Z_SYNC_FLUSH });
    const out: Buffer[] = [];
    inflate.on('data', (c: Buffer) => out.push(c));
    await new Promise<void>((resolve) => {
      inflate.write(Buffer.concat(blocks));
      inflate.flush(constants.Z_SYNC_FLUSH, () => resolve());
    });
    await new Promise((r) => setImmediate(r));
    let raw = Buffer.concat(out);
    const seen: string[] = [];
    for (let p = parseHeaderBlock(raw); p; p = parseHeaderBlock(raw)) {
      seen.push([...p.headers.keys()].join(','));
      raw = raw.subarray(p.used);
    }
    assert.deepEqual(seen, ['', 'port', 'big']);
  });

  test('HeaderInflater reads what a dictionary deflater wrote, block after block', async () => {
    const deflater = new HeaderDeflater();
    const inflater = new HeaderInflater();
    try {
      for (const id of ['0', '1', '2']) {
        const headers = new Map([
          ['streamtype', ['error']],
          ['port', ['8000']],
          ['requestid', [id]],
        ]);
        const compressed = await deflater.compress(headers);
        assert.deepEqual(await inflater.decode(compressed), headers);
      }
    } finally {
      deflater.close();
      inflater.close();
    }
  });
});
