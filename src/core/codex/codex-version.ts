/** Asks a Codex binary its version (`codex --version` → "codex-cli 0.171.0"), once per binary. */
import { execFile } from 'node:child_process';

const VERSION_TIMEOUT_MS = 10_000;
const cache = new Map<string, Promise<string | null>>();

/** "0.171.0", or null when the binary does not answer like Codex. */
export function parseCodexVersion(output: string): string | null {
  return /\b(\d+\.\d+\.\d+(?:[-+][\w.-]+)?)\b/.exec(output)?.[1] ?? null;
}

export function codexVersion(file: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  let known = cache.get(file);
  if (!known) {
    known = new Promise((resolve) => {
      execFile(file, ['--version'], { env, timeout: VERSION_TIMEOUT_MS, encoding: 'utf8' }, (error, stdout) => {
        // A failed run is not cached: the binary may be replaced (an upgrade) and asked again.
        if (error) cache.delete(file);
        resolve(error ? null : parseCodexVersion(stdout));
      });
    });
    cache.set(file, known);
  }
  return known;
}
