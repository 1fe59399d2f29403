/** Strategic merge patch: malformed directives answer with the status and text upstream uses. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../core/index.ts';
import { podSpec, smp, webDeployment } from './fixtures.test-util.ts';

interface ErrorRow {
  desc: string;
  patch: unknown;
  code: ApiError['code'];
  message: string;
}

const errorRows: ErrorRow[] = [
  {
    desc: '$retainKeys not covering a key the patch sets is 400',
    patch: { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: { maxSurge: 1 } } } },
    code: 'BAD_REQUEST',
    message: 'invalid patch format of retainKeys',
  },
  {
    desc: 'a malformed $deleteFromPrimitiveList key is 400',
    patch: { metadata: { $deleteFromPrimitiveList: ['x'] } },
    code: 'BAD_REQUEST',
    message: 'invalid patch format of primitive list',
  },
  {
    desc: 'a list item without its merge key is 500 with upstream text',
    patch: podSpec({ containers: [{ image: 'nginx' }] }),
    code: 'INTERNAL',
    message: 'map: map[image:nginx] does not contain declared merge key: name',
  },
  {
    desc: '$patch: merge in a list is refused',
    patch: podSpec({ containers: [{ $patch: 'merge', name: 'web' }] }),
    code: 'INTERNAL',
    message: 'merging lists cannot yet be specified in the patch',
  },
  {
    desc: 'an unknown $patch value is refused',
    patch: { spec: { selector: { $patch: 'frobnicate' } } },
    code: 'INTERNAL',
    message: 'unknown patch type: frobnicate in map: map[$patch:frobnicate]',
  },
  {
    desc: '$setElementOrder that contradicts the patch list is refused',
    patch: podSpec({
      '$setElementOrder/containers': [{ name: 'web' }],
      containers: [{ name: 'log', image: 'x' }],
    }),
    code: 'INTERNAL',
    message:
      "The order in patch list:\n[map[image:x name:log]]\n doesn't match $setElementOrder list:\n[map[name:web]]\n",
  },
  {
    desc: 'a list of lists is 422',
    patch: podSpec({ containers: [[{ name: 'web' }]] }),
    code: 'INVALID',
    message: 'the server rejected our request due to an error in our request',
  },
  {
    desc: 'a body that is not an object is 400',
    patch: [{ op: 'add' }],
    code: 'BAD_REQUEST',
    message: 'invalid JSON document',
  },
];

describe('strategic merge patch errors', () => {
  for (const row of errorRows) {
    test(row.desc, () => {
      assert.throws(
        () => smp(webDeployment(), row.patch),
        (err: unknown) => err instanceof ApiError && err.code === row.code && err.message === row.message,
      );
    });
  }
});
