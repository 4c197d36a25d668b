/**
 * The `-c hooks.<Event>=…` overrides that make a managed Codex report to Switchyard.
 *
 * Only what the product needs, since every event is a process Codex starts and waits on:
 *   SessionStart, UserPromptSubmit  the session id and rollout log early; the agent is working
 *   PreToolUse                      the write gate, for the tools that can write files
 *   Stop                            the turn ended: finished (the first time, a "finished" notification)
 * PostToolUse is not registered: the end of a call comes from the rollout log (function_call_output),
 * which the change tracker reads anyway. SessionEnd is not either: the agent's exit says the same.
 */
import { hookArgument, type HookEventName } from '../../shared/control';
import { tomlString } from '../codex/codex-args';

export const REGISTERED_HOOK_EVENTS = ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'Stop'] as const satisfies readonly HookEventName[];

/**
 * The tools whose PreToolUse goes through the gate. Codex reads a matcher made only of letters,
 * digits, `_` and `|` as a list of exact names (hooks/src/events/common.rs), tried against the
 * tool's name and its aliases. Codex 0.169 names its shell tool `Bash` (exec_command, and the
 * apply_patch heredocs it intercepts: verified on 0.169, 0.170 and 0.171); `apply_patch` (aliases Edit,
 * Write) is the patch tool; the older shell names are listed for other versions. MCP tools are
 * left out: the gate reads writes only from a shell command, so it would allow every one of them.
 */
export const GATED_TOOLS_MATCHER = 'Bash|apply_patch|Edit|Write|exec_command|shell|local_shell';

/** How long the hook client waits for a busy Switchyard before refusing a write (the C client has the same default). */
export const HOOK_CLIENT_DEADLINE_MS = 60_000;
/**
 * Codex's per-hook timeout, in seconds. Codex lets a call through when its hook times out, so
 * this stays well above the client's own deadline: the client always answers first.
 */
export const CODEX_HOOK_TIMEOUT_SECONDS = Math.ceil(HOOK_CLIENT_DEADLINE_MS / 1000) + 30;

/** POSIX single quoting; Codex runs hook commands through a shell. */
export const shellQuote = (value: string): string =>
  /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * `hookCommand` is the argv of the hook client (the native `switchyard-hook`, or
 * [node, out/main/hook.js]). Codex runs the command line through `bash -c`; it stays one plain
 * exec of the client. These overrides replace any hooks of the same events in the user's Codex
 * config for this run.
 */
export function buildHookArgs(hookCommand: readonly string[]): string[] {
  const args: string[] = [];
  for (const event of REGISTERED_HOOK_EVENTS) {
    const command = [...hookCommand, hookArgument(event)].map(shellQuote).join(' ');
    const matcher = event === 'PreToolUse' ? `matcher=${tomlString(GATED_TOOLS_MATCHER)}, ` : '';
    const handler = `{type="command", command=${tomlString(command)}, timeout=${CODEX_HOOK_TIMEOUT_SECONDS}}`;
    args.push('-c', `hooks.${event}=[{${matcher}hooks=[${handler}]}]`);
  }
  // The hooks are ours, injected for this run only; Codex would otherwise ask to trust them.
  args.push('--dangerously-bypass-hook-trust');
  return args;
}
