/** The `-c hooks.<Event>=…` overrides that make a managed Codex report to Switchyard. */
import { HOOK_EVENTS, hookArgument } from '../../shared/control';
import { tomlString } from './codex-args';

/** POSIX single quoting; Codex runs hook commands through a shell. */
export const shellQuote = (value: string): string =>
  /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * `hookCommand` is the argv that runs `switchyard hook` (e.g. [node, out/main/hook.js]).
 * These overrides replace any hooks of the same events in the user's Codex config for this run.
 */
export function buildHookArgs(hookCommand: readonly string[]): string[] {
  const args: string[] = [];
  for (const event of HOOK_EVENTS) {
    const command = [...hookCommand, hookArgument(event)].map(shellQuote).join(' ');
    const matcher = event === 'PreToolUse' || event === 'PostToolUse' ? 'matcher="*", ' : '';
    args.push('-c', `hooks.${event}=[{${matcher}hooks=[{type="command", command=${tomlString(command)}}]}]`);
  }
  // The hooks are ours, injected for this run only; Codex would otherwise ask to trust them.
  args.push('--dangerously-bypass-hook-trust');
  return args;
}
