import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/**
 * Module boundaries by tags. Apps and libraries never import apps; shared code only shared code; a service its own
 * scope and shared. Test code (specs and src/testing) may also use test doubles from tools (the sandbox).
 */
function moduleBoundaries(forTests) {
  const testDoubles = forTests ? ['type:test-double'] : [];
  const testScopes = forTests ? ['scope:tools'] : [];
  const services = ['gateway', 'catalog', 'invoice', 'payment', 'notification', 'aggregator'];
  return {
    enforceBuildableLibDependency: true,
    allow: [],
    depConstraints: [
      {
        sourceTag: 'type:app',
        onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', ...testDoubles],
      },
      {
        sourceTag: 'type:lib',
        onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', ...testDoubles],
      },
      { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
      {
        sourceTag: 'type:tool',
        onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:tool'],
      },
      // End-to-end tests start the built apps as processes; they never import them.
      {
        sourceTag: 'type:e2e',
        onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:tool'],
      },
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared', ...testScopes] },
      ...services.map((name) => ({
        sourceTag: `scope:${name}`,
        onlyDependOnLibsWithTags: ['scope:shared', `scope:${name}`, ...testScopes],
      })),
      { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:shared', 'scope:tools'] },
      { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared', 'scope:tools'] },
    ],
  };
}

const config = [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: [
      '**/dist',
      '**/out-tsc',
      '**/coverage',
      '**/node_modules',
      'libs/contracts/src/gen/**',
    ],
  },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries(false)],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // Types are imported as types, so a module's runtime dependencies are what its imports say.
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      // Curated exports: every index.ts names what it exports (namespaces of generated code are `export * as`).
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportAllDeclaration[exported=null]',
          message:
            'Name the exports (export { a, type B } from ...); only `export * as ns` is allowed.',
        },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.spec.ts', '**/testing/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries(true)],
      // Tests assert the shape first; a non-null assertion after that is the readable way to index into it.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
];

/** For tools projects: command-line programs, so printing to the console is their job. */
export const toolsConfig = [...config, { rules: { 'no-console': 'off' } }];

export default config;
