/** Builds the argv for a managed Codex agent. Always an array; never a shell string. */

/** TOML basic strings accept JSON's escapes, so JSON.stringify quotes a path safely. */
export const tomlString = (value: string): string => JSON.stringify(value);

export interface CodexArgsInput {
  repo: string;
  task: string;
  extraArgs: readonly string[];
  /** Let Codex start its app-server daemon (off for managed agents: it would outlive them). */
  allowDaemon?: boolean;
  /** Continue this Codex session (`codex resume <id>`) instead of starting one with the task. */
  resumeSessionId?: string | null;
}

export function buildCodexArgs(input: CodexArgsInput): string[] {
  const args: string[] = input.resumeSessionId ? ['resume'] : [];
  if (!input.allowDaemon) args.push('--disable', 'daemon_auto_start');
  // Marks the repository trusted for this run only, so the "Trust this folder?" prompt does not
  // block a managed agent. (The dotted form `projects."<path>".trust_level` is not honoured by
  // Codex 0.169; the inline-table form is.)
  args.push('-c', `projects={${tomlString(input.repo)}={trust_level="trusted"}}`);
  args.push(...input.extraArgs);
  // `--` keeps a task that begins with a dash from being read as a flag.
  args.push('--', input.resumeSessionId ?? input.task);
  return args;
}
