/** An isolated CODEX_HOME per test whose config points Codex at the scripted model server. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const SCRIPTED_ENV_KEY = 'SCRIPTED_KEY';

export interface CodexHome {
  readonly dir: string;
  /** Environment to merge into the agent's env so Codex finds the key the provider names. */
  readonly env: Record<string, string>;
  remove(): void;
}

export function makeCodexHome(modelBaseUrl: string): CodexHome {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-codex-home-'));
  const config = [
    'model = "gpt-5.2-codex"',
    'model_provider = "scripted"',
    // No update checks or analytics against the closed network.
    'check_for_update_on_startup = false',
    '',
    '[model_providers.scripted]',
    'name = "scripted"',
    `base_url = "${modelBaseUrl}"`,
    'wire_api = "responses"',
    `env_key = "${SCRIPTED_ENV_KEY}"`,
    '',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'config.toml'), config);
  return {
    dir,
    env: { [SCRIPTED_ENV_KEY]: 'scripted-test-key' },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
