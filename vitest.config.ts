import { defineConfig } from 'vitest/config';

// Three layers, run one after the other by `npm test`: fast unit tests first, then integration
// tests against the real Codex CLI, then browser end-to-end tests.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // Prints which Codex (version, path, why) the suite runs: SWITCHYARD_CODEX_PATH picks another.
          globalSetup: ['test/harness/codex-under-test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 60_000,
          // Each test runs real Codex processes; two cores do not gain from running many at once.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/harness/codex-under-test.ts'],
          // A page updates after real Codex processes act; one second (the default) is too short on a busy machine.
          expect: { poll: { timeout: 15_000, interval: 100 } },
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'faults',
          include: ['test/faults/**/*.test.ts'],
          // Sums each fault test file's counts (runs, faults, inputs, failures) into one table.
          globalSetup: ['test/faults/fault-counts-setup.ts'],
          environment: 'node',
          testTimeout: 1_200_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
