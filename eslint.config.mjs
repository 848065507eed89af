import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

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
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            // Apps never import apps; libraries never import apps.
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts'] },
            // Shared code depends only on shared code; a service may use its own scope and shared.
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            {
              sourceTag: 'scope:gateway',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:gateway'],
            },
            {
              sourceTag: 'scope:catalog',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:catalog'],
            },
            {
              sourceTag: 'scope:invoice',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:invoice'],
            },
            {
              sourceTag: 'scope:payment',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:payment'],
            },
            {
              sourceTag: 'scope:notification',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:notification'],
            },
            {
              sourceTag: 'scope:aggregator',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:aggregator'],
            },
            { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:shared', 'scope:tools'] },
          ],
        },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
    },
  },
];

/** For tools projects: command-line programs, so printing to the console is their job. */
export const toolsConfig = [...config, { rules: { 'no-console': 'off' } }];

export default config;
