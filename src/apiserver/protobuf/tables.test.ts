/** Self-checks of the field tables: every entry parses and every referenced message can be decoded. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allMessageNames, messageSpec } from './schema.ts';
import { specialMessage } from './special.ts';

test('every message parses, has unique numbers and json names, and refers only to known messages', () => {
  const names = allMessageNames();
  assert.ok(names.length > 200, `only ${names.length} messages`);
  for (const name of names) {
    const spec = messageSpec(name)!;
    assert.equal(spec.byNumber.size, spec.fields.length, `${name}: duplicate field number`);
    const json = spec.fields.filter((f) => !f.inline).map((f) => f.json);
    assert.equal(new Set(json).size, json.length, `${name}: duplicate json name`);
    for (const f of spec.fields) {
      if (!('message' in f.value)) continue;
      const known = messageSpec(f.value.message) !== undefined;
      const special = specialMessage(f.value.message, new Uint8Array(0)) !== undefined;
      assert.ok(known || special, `${name}.${f.json} refers to unknown ${f.value.message}`);
    }
  }
});
