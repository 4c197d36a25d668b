/** Which Codex runs, in words (zod-free, so the CLI's fast path can print it). */
import type { CodexInfo } from './codex';

/** "Codex 0.171.0 (bundled) /path/to/codex", or what is wrong. */
export function describeCodex(info: CodexInfo): string {
  if (info.error !== null || info.path === null) return `Codex: not usable: ${info.error ?? 'not found'}`;
  const line = `Codex ${info.version ?? '(version unknown)'} (${info.reason ?? info.source ?? 'unknown'}) ${info.path}`;
  return info.warning ? `${line}\nWarning: ${info.warning}` : line;
}
