import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // Test helpers and GraphQL payloads are loosely typed on purpose.
      '@typescript-eslint/no-explicit-any': 'off',
      // Only config reads the environment (CONVENTIONS.md).
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through libs/core/config.' },
      ],
    },
  },
  {
    files: [
      'libs/core/src/config/**',
      'tests/**',
      'libs/*/test/**',
      'bench/**',
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.e2e-spec.ts',
      '**/cli.ts',
      'jest.config.js',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
);
