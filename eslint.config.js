// Lint: typescript-eslint with type information, plus the import rule of architecture.md:
// components talk only through the API, so no component imports another component or the store.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const components = [
  'controllers',
  'kubelet',
  'images',
  'proxy',
  'loadbalancer',
  'dns',
  'ingress',
  'dashboard',
  'web',
  'cli',
  'doctor',
];
const others = (self) => components.filter((c) => c !== self);
const forbid = (names) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: names.flatMap((n) => [
        {
          group: [`**/${n}/*`, `**/${n}`],
          message: `${n} is another component: talk to it through API objects`,
        },
      ]),
    },
  ],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'bin/**', 'manifests/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../*'], message: 'core imports nothing from src/' }] },
      ],
    },
  },
  { files: ['src/store/**'], rules: forbid([...components, 'apiserver', 'client']) },
  { files: ['src/apiserver/**'], rules: forbid([...components, 'client']) },
  { files: ['src/client/**'], rules: forbid([...components, 'apiserver', 'store']) },
  ...components
    .filter((c) => c !== 'cli')
    .map((c) => ({ files: [`src/${c}/**`], rules: forbid([...others(c), 'apiserver', 'store']) })),
  // The CLI is the front door: it may call a component's public entry (index.ts) and the composition root,
  // but never reach into a component's internals.
  {
    files: ['src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [...others('cli'), 'apiserver', 'store'].map((n) => ({
            group: [`**/${n}/*`, `!**/${n}/index.ts`],
            message: `import ${n} only through its index.ts`,
          })),
        },
      ],
    },
  },
);
