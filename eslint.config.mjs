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
    // The client side of the CLI (status, locks, launch, review, commit, monitor…) statically loads
    // only what a request to the running Switchyard needs: the control-socket client, the instance
    // registry and its own formatting. Node's start-up is the floor of every call and agents make
    // many; zod, commander or the core would each cost as much again. A command that needs more
    // loads it with import(). The files ignored here are those heavier entry points.
    files: ['src/cli/**/*.ts'],
    ignores: [
      'src/cli/program.ts',
      'src/cli/monitor-options.ts',
      'src/cli/serve-command.ts',
      'src/cli/mcp-server.ts',
      'src/cli/mcp-entry.ts',
      'src/cli/hook-command.ts',
      'src/cli/hook-entry.ts',
      'src/cli/host-client-ws.ts',
      'src/cli/commit-progress.ts',
      'src/cli/cleanup-command.ts',
      'src/cli/template-commands.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['zod', 'ws', 'commander', '@modelcontextprotocol/*', 'node-pty', '@xterm/*', 'chokidar', 'ps-list', 'picomatch', 'write-file-atomic'],
              allowTypeImports: true,
              message: 'The CLI client loads no heavy library up front: import() it where it is needed.',
            },
            {
              regex: '(^|/)(host|main)/|(^|/)core/(?!(control/control-client|instances/instance-registry|repo/resolve-repo|repo/app-folder|agents/agent-processes)$)',
              allowTypeImports: true,
              message: 'The CLI client statically loads only the control-socket client, the instance registry, resolve-repo, app-folder and agent-processes of the core: import() anything else where it is needed.',
            },
            {
              regex: '(^|/)shared/(?!(result|monitor-ref|codex-text|browser-address)$)',
              allowTypeImports: true,
              message: "src/shared's schemas load zod: import types only, or import() it where it is needed.",
            },
            {
              group: ['./program', './serve-command', './mcp-server', './hook-command', './host-client-ws', './commit-progress', './template-commands'],
              allowTypeImports: true,
              message: 'A heavy CLI entry point: load it with import() where it is needed.',
            },
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
    // The processes that host a Switchyard build it from the core's public entry alone.
    files: ['src/host/**/*.ts', 'src/main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/core/*', '**/core/**/*'], message: 'src/host and src/main import the core only through its public entry (src/core/index.ts).' }] },
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
