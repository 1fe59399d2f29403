import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expand, expandCommandAndArgs, mappingFuncFor } from './expansion.ts';

// Rows from k8s third_party/forked/golang/expansion/expand_test.go.
const vars = new Map([
  ['VAR_A', 'A'],
  ['VAR_B', 'B'],
  ['VAR_C', 'C'],
  ['VAR_REF', '$(VAR_A)'],
  ['VAR_EMPTY', ''],
]);

test('expand', async (t) => {
  const rows = [
    { desc: 'whole string', in: '$(VAR_A)', want: 'A' },
    { desc: 'repeat', in: '$(VAR_A)-$(VAR_A)', want: 'A-A' },
    { desc: 'multiple', in: '$(VAR_A)-$(VAR_B)-$(VAR_C)', want: 'A-B-C' },
    { desc: 'embedded', in: 'foo$(VAR_A)bar', want: 'fooAbar' },
    { desc: 'no recursion', in: '$(VAR_REF)', want: '$(VAR_A)' },
    { desc: 'empty value', in: 'x$(VAR_EMPTY)y', want: 'xy' },
    { desc: 'unknown kept', in: '$(UNKNOWN)', want: '$(UNKNOWN)' },
    { desc: 'escaped', in: '$$(VAR_A)', want: '$(VAR_A)' },
    { desc: 'escaped dollar alone', in: 'a$$b', want: 'a$b' },
    { desc: 'double escape then var', in: '$$$(VAR_A)', want: '$A' },
    { desc: 'unterminated', in: '$(VAR_A', want: '$(VAR_A' },
    { desc: 'unterminated at end', in: 'foo$(', want: 'foo$(' },
    { desc: 'lone dollar at end', in: 'foo$', want: 'foo$' },
    { desc: 'dollar not before paren', in: '$VAR_A', want: '$VAR_A' },
    { desc: 'empty name', in: '$()', want: '$()' },
    { desc: 'shell style braces untouched', in: '${VAR_A}', want: '${VAR_A}' },
  ];
  for (const r of rows) {
    await t.test(r.desc, () => assert.equal(expand(r.in, mappingFuncFor(vars)), r.want));
  }
});

test('command and args expand against the final environment', () => {
  const env = [
    { name: 'POD_IP', value: '127.244.0.5' },
    { name: 'MSG', value: 'hello' },
  ];
  assert.deepEqual(expandCommandAndArgs(env, ['sh', '-c', 'echo $(MSG) from $(POD_IP)'], ['$$(MSG)']), {
    command: ['sh', '-c', 'echo hello from 127.244.0.5'],
    args: ['$(MSG)'],
  });
  assert.deepEqual(expandCommandAndArgs(env, undefined, undefined), {});
});
