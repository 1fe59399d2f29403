import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NdjsonSplitter } from './ndjson.ts';

describe('NdjsonSplitter', () => {
  const rows: { desc: string; chunks: string[]; want: unknown[] }[] = [
    { desc: 'one line per chunk', chunks: ['{"a":1}\n', '{"a":2}\n'], want: [{ a: 1 }, { a: 2 }] },
    { desc: 'two lines in one chunk', chunks: ['{"a":1}\n{"a":2}\n'], want: [{ a: 1 }, { a: 2 }] },
    { desc: 'a line split over three chunks', chunks: ['{"a"', ':', '1}\n'], want: [{ a: 1 }] },
    {
      desc: 'the split falls on the newline',
      chunks: ['{"a":1}', '\n{"a":2}', '\n'],
      want: [{ a: 1 }, { a: 2 }],
    },
    { desc: 'blank lines and CRLF are ignored', chunks: ['\n{"a":1}\r\n\n'], want: [{ a: 1 }] },
    {
      desc: 'a last line without newline counts at end',
      chunks: ['{"a":1}\n{"a":2}'],
      want: [{ a: 1 }, { a: 2 }],
    },
  ];
  for (const row of rows) {
    test(row.desc, () => {
      const s = new NdjsonSplitter();
      const got = [...row.chunks.flatMap((c) => s.push(c)), ...s.end()].map((l) => JSON.parse(l) as unknown);
      assert.deepEqual(got, row.want);
    });
  }

  test('lines come back whole and unparsed, so a bad line does not hide the good ones before it', () => {
    assert.deepEqual(new NdjsonSplitter().push('{"a":1}\n{"a":\n{"b"'), ['{"a":1}', '{"a":']);
  });
});
