/**
 * The Codex binary the tests run: SWITCHYARD_CODEX_PATH when set (what `npm run
 * test:codex-compat` sets to try another version), else as a user's Switchyard would find it
 * (PATH, where `npm`/`npx` put node_modules/.bin first, then the bundled @openai/codex). The
 * orchestrator reads the same variable from the env the tests give it, so both agree.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { findCodex, type CodexBinary } from '../../src/core/codex/find-codex';
import { parseCodexVersion } from '../../src/core/codex/codex-version';

const APP_ROOT = path.resolve(__dirname, '..', '..');

export function codexUnderTest(env: NodeJS.ProcessEnv = process.env): CodexBinary {
  const configured = env.SWITCHYARD_CODEX_PATH;
  return findCodex({ searchRoots: [APP_ROOT], configured: configured ? { path: configured, from: 'env' } : null, envPath: env.PATH });
}

/** Vitest globalSetup: say once which Codex (path, version, why) this run tests. */
export default function announceCodexUnderTest(): void {
  const codex = codexUnderTest();
  const version = parseCodexVersion(execFileSync(codex.path, ['--version'], { encoding: 'utf8', env: { ...process.env, ...codex.env } }));
  process.stdout.write(`Codex under test: ${version ?? '(unknown version)'} (${codex.reason}) ${codex.path}\n`);
}
