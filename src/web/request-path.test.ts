/** parseRequestPath: decoding and dot-segment rules, as a table. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRequestPath } from './request-path.ts';

const rows: { desc: string; target: string; want: string[] | 400; slash?: boolean }[] = [
  { desc: 'root', target: '/', want: [], slash: true },
  { desc: 'plain file', target: '/index.html', want: ['index.html'], slash: false },
  { desc: 'query and fragment dropped', target: '/a.txt?x=../../y#z', want: ['a.txt'] },
  { desc: 'percent-encoded space', target: '/my%20file.txt', want: ['my file.txt'] },
  { desc: 'dot segments inside the root', target: '/a/./b/../c', want: ['a', 'c'] },
  { desc: 'double slash is not absolute', target: '//etc/passwd', want: ['etc', 'passwd'] },
  { desc: 'directory keeps its slash', target: '/sub/', want: ['sub'], slash: true },
  { desc: 'double-encoded dots stay literal', target: '/%252e%252e/x', want: ['%2e%2e', 'x'] },
  { desc: 'absolute-form keeps only the path', target: 'http://evil/a/b', want: ['a', 'b'] },
  { desc: 'absolute-form cannot climb', target: 'http://evil/../x', want: 400 },
  { desc: '.. above the root', target: '/../../etc/passwd', want: 400 },
  { desc: 'encoded .. above the root', target: '/%2e%2e/%2e%2e/etc/passwd', want: 400 },
  { desc: 'mixed-case encoded dots', target: '/.%2E/x', want: 400 },
  { desc: 'climb after going down', target: '/a/../../x', want: 400 },
  { desc: 'encoded slash', target: '/..%2f..%2fetc/passwd', want: 400 },
  { desc: 'encoded slash in a name', target: '/a%2Fb', want: 400 },
  { desc: 'encoded backslash', target: '/..%5c..%5cetc/passwd', want: 400 },
  { desc: 'encoded NUL', target: '/index.html%00.txt', want: 400 },
  { desc: 'malformed escape', target: '/%zz', want: 400 },
  { desc: 'no leading slash', target: 'index.html', want: 400 },
  { desc: 'asterisk-form', target: '*', want: 400 },
];

for (const row of rows) {
  test(`parseRequestPath: ${row.desc}`, () => {
    const got = parseRequestPath(row.target);
    if (row.want === 400) {
      assert.equal(got.ok, false);
      return;
    }
    assert.ok(got.ok, `expected ${row.target} to be accepted`);
    assert.deepEqual(got.segments, row.want);
    if (row.slash !== undefined) assert.equal(got.trailingSlash, row.slash);
  });
}
