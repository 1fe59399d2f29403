/** Which image a pod's `image` runs: built-in names with any tag, aliases, and ErrImagePull for the rest. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseImageAlias, parseImageRef } from './image-ref.ts';
import { builtinImages } from './index.ts';
import type { WebFunctions } from './kubelab-web/index.ts';

const web: WebFunctions = {
  generatePage: () => Promise.reject(new Error('not used')),
  startWebServer: () => Promise.reject(new Error('not used')),
};
const registry = builtinImages(web);
const BUILTINS = ['kubelab/web', 'busybox'];
const aliases = [
  parseImageAlias('dmikos4/web:*=kubelab/web', BUILTINS),
  parseImageAlias('nginx=kubelab/web', BUILTINS),
  parseImageAlias('registry.local/tools/*:v?=busybox', BUILTINS),
];

describe('resolveImage', () => {
  const rows = [
    { desc: 'busybox', image: 'busybox', name: 'busybox', entrypoint: [], args: ['sh'] },
    { desc: 'busybox with a tag', image: 'busybox:musl', name: 'busybox', entrypoint: [], args: ['sh'] },
    {
      desc: 'busybox by its full Docker Hub name',
      image: 'docker.io/library/busybox:1.36',
      name: 'busybox',
      entrypoint: [],
      args: ['sh'],
    },
    { desc: 'busybox by digest', image: 'busybox@sha256:abc', name: 'busybox', entrypoint: [], args: ['sh'] },
    {
      desc: 'kubelab/web, any tag',
      image: 'kubelab/web:0.3',
      name: 'kubelab/web',
      entrypoint: ['web'],
      args: ['serve', '--root', '/app', '--port', '8000'],
    },
    {
      desc: "the lab's image through its alias",
      image: 'dmikos4/web:testimg',
      name: 'kubelab/web',
      alias: 'dmikos4/web:*',
    },
    {
      desc: 'an alias pattern with a tag glob matches an untagged image (latest)',
      image: 'dmikos4/web',
      name: 'kubelab/web',
      alias: 'dmikos4/web:*',
    },
    {
      desc: 'an alias matches the full registry form too',
      image: 'docker.io/dmikos4/web:1.2',
      name: 'kubelab/web',
      alias: 'dmikos4/web:*',
    },
    {
      desc: 'a pattern without a tag means any tag',
      image: 'nginx:1.25',
      name: 'kubelab/web',
      alias: 'nginx',
    },
    {
      desc: '? matches one character',
      image: 'registry.local/tools/curl:v1',
      name: 'busybox',
      alias: 'registry.local/tools/*:v?',
    },
  ];
  for (const row of rows) {
    test(row.desc, () => {
      const r = registry.resolveImage(row.image, aliases);
      assert.ok(!('error' in r), `unexpected error for ${row.image}`);
      assert.equal(r.implementation.name, row.name);
      assert.equal(r.alias, row.alias);
      if (row.entrypoint) assert.deepEqual(r.entrypoint, row.entrypoint);
      if (row.args) assert.deepEqual(r.defaultArgs, row.args);
      assert.equal(r.defaultEnv.PATH, '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
    });
  }

  const errors = [
    {
      desc: 'an unknown image names the built-ins and the alias option',
      image: 'nginx:1.25',
      aliases: [],
      message:
        'kubelab cannot pull "nginx:1.25": kubelab runs only its built-in images (kubelab/web, busybox); ' +
        "map another name to one with kubelab up --image-alias 'nginx:*=kubelab/web'",
    },
    {
      desc: 'the suggestion uses the familiar name',
      image: 'docker.io/library/redis',
      aliases,
      message:
        'kubelab cannot pull "docker.io/library/redis": kubelab runs only its built-in images (kubelab/web, busybox); ' +
        "map another name to one with kubelab up --image-alias 'redis:*=kubelab/web'",
    },
    {
      desc: 'an alias for another repository does not match',
      image: 'dmikos4/webby:1',
      aliases,
      message: /^kubelab cannot pull "dmikos4\/webby:1"/,
    },
    {
      desc: 'the tag part of a pattern must match',
      image: 'registry.local/tools/curl:v10',
      aliases,
      message: /^kubelab cannot pull/,
    },
  ];
  for (const row of errors) {
    test(row.desc, () => {
      const r = registry.resolveImage(row.image, row.aliases);
      assert.ok('error' in r);
      if (typeof row.message === 'string') assert.equal(r.error, row.message);
      else assert.match(r.error, row.message);
      assert.ok(!r.error.includes('\n'), 'one line');
    });
  }
});

describe('parseImageAlias', () => {
  const bad = [
    {
      desc: 'no =',
      text: 'dmikos4/web',
      message: "--image-alias 'dmikos4/web': expected PATTERN=IMAGE, e.g. 'dmikos4/web:*=kubelab/web'",
    },
    {
      desc: 'empty pattern',
      text: '=busybox',
      message: "--image-alias '=busybox': expected PATTERN=IMAGE, e.g. 'dmikos4/web:*=kubelab/web'",
    },
    {
      desc: 'target not built in',
      text: 'x:*=nginx',
      message: `--image-alias 'x:*=nginx': "nginx" is not a built-in image (kubelab/web, busybox)`,
    },
  ];
  for (const row of bad) {
    test(row.desc, () => assert.throws(() => parseImageAlias(row.text, BUILTINS), { message: row.message }));
  }

  test('a target with a tag is the built-in name', () => {
    assert.deepEqual(parseImageAlias('a:*=busybox:latest', BUILTINS), { pattern: 'a:*', target: 'busybox' });
  });
});

describe('parseImageRef', () => {
  const rows = [
    { desc: 'bare name', raw: 'busybox', name: 'busybox', tag: 'latest' },
    {
      desc: 'registry with a port is not a tag',
      raw: 'localhost:5000/web',
      name: 'localhost:5000/web',
      tag: 'latest',
    },
    {
      desc: 'registry with a port and a tag',
      raw: 'localhost:5000/web:1',
      name: 'localhost:5000/web',
      tag: '1',
    },
    {
      desc: 'docker.io/library is dropped',
      raw: 'docker.io/library/busybox:musl',
      name: 'busybox',
      tag: 'musl',
    },
    { desc: 'digest only has no tag', raw: 'busybox@sha256:00', name: 'busybox', tag: '' },
  ];
  for (const row of rows) {
    test(row.desc, () => {
      const r = parseImageRef(row.raw);
      assert.equal(r.name, row.name);
      assert.equal(r.tag, row.tag);
    });
  }
});
