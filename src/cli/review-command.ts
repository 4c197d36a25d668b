/** `switchyard review`: the working tree's changes grouped by agent, conflicts, and a commit strategy. */
import type { ReviewReport } from '../shared/changes';
import { withClient, type Output } from './commands';

export async function reviewCommand(options: { repo: string; json?: boolean }, output: Output): Promise<void> {
  await withClient(options.repo, async (client) => {
    const report = await client.invoke('review.report', {});
    output.out(options.json ? JSON.stringify(report) : formatReview(report, client.instance.repo));
  });
}

const ATTRIBUTION_MARK = { exact: ' ', inferred: '~', unattributed: '?', offline: '!' } as const;

export function formatReview(report: ReviewReport, repo: string): string {
  if (report.groups.length === 0 && report.conflicts.length === 0) return `Nothing changed in ${repo}.`;
  const lines: string[] = [];
  for (const group of report.groups) {
    const who =
      group.agentId !== null
        ? `${group.name} (${group.agentId})`
        : group.offline
          ? 'Changed while Switchyard was not running (nobody can say who)'
          : 'Unattributed (the user, or nobody Switchyard could prove)';
    lines.push(`${who}: ${group.files.length} file(s), +${group.added} -${group.removed}`);
    if (group.task) lines.push(`  task: ${group.task.replace(/\s+/g, ' ').slice(0, 100)}`);
    for (const file of group.files) lines.push(`  ${ATTRIBUTION_MARK[file.attribution]} ${file.path}  +${file.added} -${file.removed}${file.isolated ? '  (isolated: on its branch)' : ''}`);
    lines.push('');
  }
  if (report.groups.some((g) => g.files.some((f) => f.attribution !== 'exact'))) {
    lines.push('~ inferred from what the agent was doing at the time; ? not attributed to any agent.', '');
  }
  if (report.groups.some((g) => g.offline)) lines.push('! changed while Switchyard was not running.', '');
  if (report.conflicts.length > 0) {
    lines.push(`Conflicts (${report.conflicts.length}):`);
    for (const conflict of report.conflicts) {
      lines.push(`  [${conflict.severity}] ${conflict.kind}: ${conflict.summary}`);
      if (conflict.paths.length > 0) lines.push(`    files: ${conflict.paths.join(', ')}`);
      lines.push(`    recommended: ${conflict.recommendation}`);
    }
    lines.push('');
  } else {
    lines.push('No conflicts.', '');
  }
  const flag = report.strategy.suggested === 'per-agent' ? '--per-agent' : '--single';
  lines.push(`Suggested: ${report.strategy.suggested} commits. ${report.strategy.reason}`);
  lines.push(`Commit with: switchyard commit ${flag} --repo ${JSON.stringify(repo)} (add --dry-run to preview)`);
  return lines.join('\n');
}
