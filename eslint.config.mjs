// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'scratch/**', 'test-results/**', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/core/**', '**/main/**', '**/host/**', '**/cli/**'], message: 'The renderer reaches the core only through the contract in src/shared.' },
            { group: ['node:*', 'electron'], message: 'The renderer is web content: no Node or Electron modules.' },
          ],
        },
      ],
    },
  },
  {
    // The core runs in plain Node (vitest, `switchyard serve`): no Electron, React or DOM.
    files: ['src/core/**/*.ts', 'src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'src/core and src/shared must run in plain Node: no electron imports.' },
            { name: 'react', message: 'src/core and src/shared must not import React.' },
            { name: 'react-dom', message: 'src/core and src/shared must not import React.' },
          ],
          patterns: [
            { group: ['**/main/**', '**/renderer/**', '**/host/**', '**/cli/**', '**/preload/**'], message: 'src/core depends only on src/shared.' },
            { group: ['@xterm/xterm', 'zustand'], message: 'Renderer libraries do not belong in the core.' },
          ],
        },
      ],
    },
  },
);
