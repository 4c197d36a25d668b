/** Asks a Codex binary its version (`codex --version` → "codex-cli 0.171.0"), once per binary. */
import { execFile } from 'node:child_process';

const VERSION_TIMEOUT_MS = 10_000;

/**
 * The oldest Codex whose hooks, rollout items and TUI Switchyard has been tested with (0.169,
 * 0.170 and 0.171 behave the same); an older `codex` on PATH may lack what the gate relies on.
 */
export const OLDEST_TESTED_CODEX = '0.169.0';
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

/** Compares dotted release numbers ("0.170.1" < "0.171.0"); pre-release tails are ignored. */
export function compareCodexVersions(a: string, b: string): number {
  const parts = (v: string): number[] => v.split(/[-+]/)[0]!.split('.').map((n) => Number(n) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i += 1) {
    const diff = (x[i] ?? 0) - (y[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** A sentence for a Codex older than Switchyard was tested with; null otherwise (or when unknown). */
export function codexVersionWarning(version: string | null): string | null {
  if (version === null || compareCodexVersions(version, OLDEST_TESTED_CODEX) >= 0) return null;
  return `Codex ${version} is older than ${OLDEST_TESTED_CODEX}, the oldest Switchyard is tested with: its hooks or session logs may differ. Update it (npm install -g @openai/codex) or set another Codex path.`;
}
