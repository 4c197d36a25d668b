/** Which Codex CLI runs the agents, as the UI and `switchyard status` show it. */
import { z } from 'zod';

/** Where the Codex binary came from, strongest first: flag, env, setting, PATH, bundled. */
export const CodexSourceSchema = z.enum(['flag', 'env', 'setting', 'path', 'bundled']);
export type CodexSource = z.infer<typeof CodexSourceSchema>;

export const CodexInfoSchema = z.object({
  /** The binary new agents start; null when none is usable (see error). */
  path: z.string().nullable(),
  /** As `codex --version` says it (e.g. "0.171.0"); null when it could not be read. */
  version: z.string().nullable(),
  source: CodexSourceSchema.nullable(),
  /** Why this one, in words: "from --codex-path", "from SWITCHYARD_CODEX_PATH", "on PATH", "bundled", … */
  reason: z.string().nullable(),
  /** What is wrong when no Codex can be started (e.g. a configured path that is not executable). */
  error: z.string().nullable(),
  /** It runs, but is older than Switchyard is tested with (what that may mean, in words). */
  warning: z.string().nullable(),
});
export type CodexInfo = z.infer<typeof CodexInfoSchema>;
