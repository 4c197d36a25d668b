/**
 * `switchyard commit`: one commit per agent (or one for all) from the running Switchyard's plan.
 * Prints the plan, then progress, then the new commits and what is left; a stop (a hook refused,
 * `index.lock` held, the branch moved) exits non-zero with its message and the hook's output.
 * Running it again after fixing the cause continues: the next plan holds only what is left.
 */
import type { PlanEdit } from '../shared/commit';
import type { CommandOutput } from '../shared/contract';
import { withClient, type Output } from './commands';
import { CliError } from './cli-error';
import { formatProgress } from './progress-line';

export interface CommitCommandOptions {
  repo: string;
  perAgent?: boolean;
  single?: boolean;
  dryRun?: boolean;
  json?: boolean;
  /** commander's name for `--no-verify`: false when given. */
  verify?: boolean;
  /** Bring isolated agents' branches back this way; without it they are left out. */
  isolated?: 'merge' | 'squash' | 'cherry-pick';
}

type Plan = CommandOutput<'commit.plan'>['plan'];
type RunResult = CommandOutput<'commit.run'>;

/** What `--json` prints; `sha` is null in a dry run. */
export interface CommitReport {
  commits: Array<{ sha: string | null; agentId: string | null; files: string[]; message: string }>;
  left: Array<{ path: string; reason: string }>;
  stop: { kind: string; message: string; output?: string } | null;
}

export async function commitCommand(options: CommitCommandOptions, output: Output, errors: Output): Promise<void> {
  if (options.perAgent && options.single) throw new CliError('Choose one of --per-agent and --single.', 2);
  if (!options.perAgent && !options.single) throw new CliError('Say how to commit: --per-agent (one commit per agent) or --single (one commit for all).', 2);
  const strategy = options.single ? 'single' : 'per-agent';
  await withClient(options.repo, async (client) => {
    // The wizard's drafts (messages from each agent's task): the same rule wherever a commit is made.
    const drafted = await client.invoke('commit.plan', { strategy, conventional: false });
    const { warnings } = drafted;
    const plan = await chooseIsolated(drafted.plan, options.isolated, (edit) => client.invoke('commit.edit', { plan: edit.plan, edit: edit.edit }).then((r) => r.plan));
    const say = options.json ? errors : output;
    for (const warning of warnings) say.out(`warning: ${warning}`);
    if (!options.json) for (const line of formatPlan(plan)) output.out(line);
    if (options.dryRun) {
      const report = dryRunReport(plan);
      if (options.json) output.out(JSON.stringify(report));
      else output.out(`Dry run: nothing was committed (${report.commits.length} commit(s) planned).`);
      return;
    }
    if (!hasFiles(plan)) {
      if (options.json) output.out(JSON.stringify(dryRunReport(plan)));
      else output.out('Nothing to commit.');
      return;
    }
    // Live progress needs the WebSocket and the event schemas: loaded only when it is printed.
    const stopFollowing = options.json
      ? () => undefined
      : await (await import('./commit-progress')).followProgress(client.instance, (p) => output.out(formatProgress(p)));
    let result: RunResult;
    try {
      result = await client.invoke('commit.run', { plan, skipHooks: options.verify === false, runTests: true });
    } finally {
      stopFollowing();
    }
    const report = runReport(result);
    if (options.json) output.out(JSON.stringify(report));
    else for (const line of formatSummary(result)) output.out(line);
    if (result.stop) {
      const hookOutput = result.stop.output?.trimEnd();
      throw new CliError(`${result.stop.message}${hookOutput ? `\n${hookOutput}` : ''}`);
    }
  });
}

const hasFiles = (plan: Plan): boolean => plan.groups.some((g) => g.files.length > 0) || (plan.isolated ?? []).some((g) => g.included);

/**
 * Isolated agents' branches come back only when asked (`--isolated MODE`): a script that ran
 * `switchyard commit` before isolation existed keeps committing the shared tree alone.
 */
async function chooseIsolated(plan: Plan, mode: CommitCommandOptions['isolated'], edit: (request: { plan: Plan; edit: PlanEdit }) => Promise<Plan>): Promise<Plan> {
  let current = plan;
  for (const group of plan.isolated ?? []) {
    if (mode === undefined) current = await edit({ plan: current, edit: { type: 'set-isolated-included', groupId: group.id, included: false } });
    else if (group.mode !== mode) current = await edit({ plan: current, edit: { type: 'set-isolated-mode', groupId: group.id, mode } });
  }
  return current;
}

function orderedGroups(plan: Plan): Plan['groups'] {
  return plan.order.map((id) => plan.groups.find((g) => g.id === id)).filter((g): g is Plan['groups'][number] => g !== undefined);
}

function leftOf(plan: Plan): CommitReport['left'] {
  return [
    ...orderedGroups(plan).flatMap((g) => g.excluded.map((path) => ({ path, reason: 'excluded' }))),
    ...plan.undecided.map((u) => ({ path: u.path, reason: 'undecided' })),
  ];
}

export function dryRunReport(plan: Plan): CommitReport {
  const groups = orderedGroups(plan).filter((g) => g.files.length > 0);
  const filesOf = (group: Plan['groups'][number]) => group.files.flatMap((f) => (f.oldPath ? [f.oldPath, f.path] : [f.path]));
  const commits =
    plan.strategy === 'single'
      ? groups.length === 0
        ? []
        : [{ sha: null, agentId: groups.length === 1 ? groups[0]!.agentId : null, files: groups.flatMap(filesOf), message: plan.singleMessage }]
      : groups.map((g) => ({ sha: null, agentId: g.agentId, files: filesOf(g), message: g.message }));
  return { commits, left: leftOf(plan), stop: null };
}

export function runReport(result: RunResult): CommitReport {
  return {
    commits: result.committed.map((c) => ({ sha: c.sha, agentId: c.agentIds.length === 1 ? c.agentIds[0]! : null, files: c.files, message: c.message })),
    left: result.left.map((l) => ({ path: l.path, reason: l.reason })),
    stop: result.stop ? { kind: result.stop.kind, message: result.stop.message, ...(result.stop.output ? { output: result.stop.output } : {}) } : null,
  };
}

export function formatPlan(plan: Plan): string[] {
  const stats = new Map(plan.changes.map((c) => [c.path, c]));
  const lines: string[] = [`Plan (${plan.strategy === 'single' ? 'one commit for all' : 'one commit per agent'}):`];
  for (const group of orderedGroups(plan)) {
    if (group.files.length === 0) continue;
    const added = group.files.reduce((n, f) => n + (f.hunks ? 0 : (stats.get(f.path)?.added ?? 0)), 0);
    const removed = group.files.reduce((n, f) => n + (f.hunks ? 0 : (stats.get(f.path)?.removed ?? 0)), 0);
    lines.push(`  ${group.title}${group.agentId ? ` (${group.agentId})` : ''}: ${group.files.length} file(s), +${added} -${removed}`);
    if (plan.strategy === 'per-agent') lines.push(`    message: ${group.message.split('\n', 1)[0]}`);
    for (const file of group.files) {
      const change = stats.get(file.path);
      const what = file.hunks ? `${file.hunks.length} hunk(s)` : change?.binary ? 'binary' : `+${change?.added ?? 0} -${change?.removed ?? 0}`;
      lines.push(`    ${file.oldPath ? `${file.oldPath} -> ` : ''}${file.path}  ${what}`);
    }
  }
  if (plan.strategy === 'single' && plan.groups.some((g) => g.files.length > 0)) lines.push(`  message: ${plan.singleMessage.split('\n', 1)[0]}`);
  for (const group of plan.isolated ?? []) {
    const how = group.included ? `by ${group.mode}` : 'left out (pass --isolated merge|squash|cherry-pick to bring it back)';
    lines.push(`  ${group.title}: ${group.commits.length} commit(s), ${group.uncommitted.length} uncommitted file(s), ${group.files.length} file(s) changed; ${how}`);
    if (group.included && group.mode !== 'cherry-pick') lines.push(`    message: ${group.message.split('\n', 1)[0]}`);
    for (const path of group.conflicts) lines.push(`    conflict: ${path}`);
    for (const path of group.busy) lines.push(`    has your uncommitted changes: ${path}`);
  }
  for (const left of leftOf(plan)) lines.push(`  not committed (${left.reason}): ${left.path}`);
  return lines;
}

export function formatSummary(result: RunResult): string[] {
  const lines: string[] = [];
  for (const commit of result.committed) lines.push(`committed ${commit.sha.slice(0, 12)}  ${commit.title}: ${commit.files.length} file(s)`);
  for (const skipped of result.skipped) lines.push(`skipped ${skipped.title}: ${skipped.reason}`);
  for (const warning of result.warnings) lines.push(`warning: ${warning}`);
  if (result.stop) lines.push(`stopped at ${result.stop.step}: ${result.stop.kind}`);
  for (const group of result.notCommitted) lines.push(`not committed: ${group.title} (${group.files.join(', ')})`);
  const left = result.left.filter((l) => l.reason !== 'not-committed');
  for (const l of left) lines.push(`left uncommitted (${l.reason}): ${l.path}`);
  if (result.committed.length === 0 && !result.stop) lines.push('Nothing was committed.');
  if (result.stop && result.resume) lines.push('Fix the cause and run `switchyard commit` again to commit what is left.');
  return lines;
}
