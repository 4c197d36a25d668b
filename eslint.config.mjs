// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NOT_IN_NODE = [
  { name: 'electron', message: 'src/core and src/shared must run in plain Node: no electron imports.' },
  { name: 'react', message: 'src/core and src/shared must not import React.' },
  { name: 'react-dom', message: 'src/core and src/shared must not import React.' },
];
const OUTSIDE_CORE = { group: ['**/main/**', '**/renderer/**', '**/host/**', '**/cli/**', '**/preload/**'], message: 'src/core depends only on src/shared.' };
const RENDERER_LIBRARIES = { group: ['@xterm/xterm', 'zustand'], message: 'Renderer libraries do not belong in the core.' };

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
    files: ['src/core/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: NOT_IN_NODE, patterns: [OUTSIDE_CORE, RENDERER_LIBRARIES] }] },
  },
  {
    // Feature folders are wired by the composition root and bound by the router; they never
    // reach back up to either (each takes the narrow interface it needs).
    files: ['src/core/*/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NOT_IN_NODE,
          patterns: [
            OUTSIDE_CORE,
            RENDERER_LIBRARIES,
            { group: ['**/orchestrator', '**/router'], message: 'A feature folder of the core never imports the composition root or the router: take a narrow interface instead.' },
          ],
        },
      ],
    },
  },
  {
    // The contract is the bottom layer: every process imports it, it imports nothing of ours.
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: NOT_IN_NODE, patterns: [{ group: ['../*', '!./*'], message: 'src/shared imports nothing of ours but itself.' }, RENDERER_LIBRARIES] },
      ],
    },
  },
);
