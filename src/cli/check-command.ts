/**
 * `switchyard check AGENT`: runs the repository's test command on HEAD plus the agent's changes
 * (in a temporary worktree of the running Switchyard) and prints its output; exits 1 when it
 * fails. `switchyard rollback AGENT`: restores every file the agent changed to its version before
 * the agent, leaving files others changed since alone unless --include-others; --dry-run prints
 * the plan with each file's diff and changes nothing.
 */
import type { CheckResult, RollbackPlan, RollbackResult } from '../shared/checks';
import { CliError } from './cli-error';
import { findAgent, withClient, type Output } from './commands';

export async function checkCommand(options: { repo: string; agent: string; json?: boolean }, output: Output): Promise<void> {
  await withClient(options.repo, async (client) => {
    const agent = await findAgent(client, options.agent);
    const result = await client.invoke('checks.run', { id: agent.id });
    output.out(options.json ? JSON.stringify(result) : formatCheck(result, agent.name));
    if (result.state !== 'passed') throw new CliError(result.state === 'error' ? `The check could not run: ${result.detail ?? 'unknown reason'}` : `The check of ${agent.name} failed.`);
  });
}

export async function rollbackCommand(
  options: { repo: string; agent: string; dryRun?: boolean; includeOthers?: boolean; json?: boolean },
  output: Output,
): Promise<void> {
  await withClient(options.repo, async (client) => {
    const agent = await findAgent(client, options.agent);
    const includeOthers = options.includeOthers ?? false;
    const plan = await client.invoke('rollback.plan', { id: agent.id, includeOthers });
    if (options.dryRun) {
      if (options.json) return output.out(JSON.stringify(plan));
      for (const line of formatPlan(plan, agent.name)) output.out(line);
      for (const file of plan.files.filter((f) => f.included)) {
        const { diff } = await client.invoke('changes.diff', { path: file.path, from: file.currentVersion, to: file.toVersion });
        if (diff) output.out(`\n${diff.trimEnd()}`);
      }
      output.out('\nDry run: nothing was changed.');
      return;
    }
    const result = await client.invoke('rollback.run', { id: agent.id, includeOthers });
    if (options.json) return output.out(JSON.stringify(result));
    for (const line of formatRollback(result, agent.name)) output.out(line);
  });
}

export function formatCheck(result: CheckResult, name: string): string {
  const outcome =
    result.state === 'passed'
      ? 'passed'
      : result.state === 'failed'
        ? `failed (${result.timedOut ? 'timed out' : `exit ${result.exitCode}`})`
        : `could not run: ${result.detail ?? ''}`;
  const seconds = result.durationMs === null ? '' : ` in ${(result.durationMs / 1000).toFixed(1)} s`;
  const lines = [`Check of ${name} (${result.agentId}): ${outcome}${seconds}`, `  command: ${result.command}`];
  lines.push(`  on HEAD plus ${result.files.length} file(s) of the agent${result.files.length ? `: ${result.files.join(', ')}` : ''}`);
  if (result.worktreeMs !== null) lines.push(`  worktree created in ${result.worktreeMs} ms`);
  if (result.output.trim()) lines.push('', result.output.trimEnd());
  if (result.state === 'failed') lines.push('', `Roll the agent back with: switchyard rollback ${result.agentId} --dry-run`);
  return lines.join('\n');
}

const ACTION = { restore: 'restore', delete: 'delete ', recreate: 'recreate' } as const;

export function formatPlan(plan: RollbackPlan, name: string): string[] {
  const included = plan.files.filter((f) => f.included);
  const left = plan.files.filter((f) => !f.included);
  if (plan.files.length === 0 && plan.unavailable.length === 0) return [`${name} (${plan.agentId}) has no uncommitted changes to roll back.`];
  const lines = [`Rolling back ${name} (${plan.agentId}): ${included.length} file(s)`];
  for (const file of included) {
    const others = file.changedSinceBy.length ? `  (also undoes changes by ${who(file.changedSinceBy)})` : '';
    lines.push(`  ${ACTION[file.action]}  ${file.path}  (to version ${file.toVersion})${others}`);
  }
  if (left.length > 0) {
    lines.push(`Left alone, changed since by others (add --include-others to roll them back too):`);
    for (const file of left) lines.push(`  ${file.path}  (changed since by ${who(file.changedSinceBy)})`);
  }
  if (plan.unavailable.length > 0) {
    lines.push('Cannot be rolled back:');
    for (const file of plan.unavailable) lines.push(`  ${file.path}: ${file.reason}`);
  }
  return lines;
}

export function formatRollback(result: RollbackResult, name: string): string[] {
  const lines = [`Rolled back ${name} (${result.agentId}): ${result.restored.length} file(s) restored.`];
  for (const file of result.restored) lines.push(`  ${file.path}  (version ${file.toVersion}; it held version ${file.undoVersion} before)`);
  if (result.skipped.length > 0) {
    lines.push('Left alone:');
    for (const file of result.skipped) lines.push(`  ${file.path}: ${file.reason}`);
  }
  if (result.restored.length > 0) lines.push("Every file's earlier version stays in the journal: restore it from the file's timeline in the map to undo.");
  return lines;
}

const who = (ids: ReadonlyArray<string | null>): string => ids.map((id) => id ?? 'someone unattributed').join(', ');
