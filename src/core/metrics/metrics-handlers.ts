/** Binds `metrics.get` (src/shared/metrics.ts) to the repository's metrics and what the session knows now. */
import type { Agent, RepoSettings } from '../../shared/domain';
import type { metricsCommands } from '../../shared/metrics';
import { SwitchyardError } from '../../shared/result';
import type { HandlersFor } from '../command-handlers';
import { buildReviewReport } from '../changes/review-report';
import type { RepoChanges } from '../session/repo-changes';
import { buildMetricsReport, type WorktreeShare } from './metrics-report';
import type { RepoMetrics } from './repo-metrics';

/** What the metrics command reads of the core. */
export interface MetricsSources {
  readonly repo: string | null;
  readonly metrics: RepoMetrics;
  list(): Agent[];
  getSettings(): RepoSettings;
  /** The change tracking; throws while it is unavailable (the report then has no file figures). */
  readonly changes: RepoChanges;
}

export function metricsHandlers(core: MetricsSources): HandlersFor<keyof typeof metricsCommands> {
  return {
    'metrics.get': async ({ agentId }) => {
      const repo = core.repo;
      if (!repo) throw new SwitchyardError('no-repository', 'Open a repository first.');
      const agents = core.list();
      const { worktree, conflicts } = await changeFigures(core, repo, agents);
      const report = buildMetricsReport({
        repo,
        now: Date.now(),
        records: core.metrics.list(),
        agents,
        prices: core.getSettings().modelPrices,
        worktree,
        conflicts,
      });
      if (agentId === undefined) return report;
      const agent = report.agents.find((a) => a.id === agentId) ?? report.agents.find((a) => a.name === agentId);
      if (!agent) throw new SwitchyardError('not-found', `No metrics for an agent ${JSON.stringify(agentId)} in this repository.`);
      return { ...report, agents: [agent] };
    },
  };
}

/** Each agent's share of the working tree's changes and its current conflicts; none without change tracking. */
async function changeFigures(core: MetricsSources, repo: string, agents: Agent[]): Promise<{ worktree: Map<string, WorktreeShare>; conflicts: Map<string, number> }> {
  const worktree = new Map<string, WorktreeShare>();
  const conflicts = new Map<string, number>();
  let changes: RepoChanges;
  try {
    changes = core.changes;
  } catch {
    return { worktree, conflicts };
  }
  const current = changes.conflicts();
  for (const conflict of current) {
    for (const id of new Set(conflict.agents)) if (id) conflicts.set(id, (conflicts.get(id) ?? 0) + 1);
  }
  const [attribution, isolated] = await Promise.all([changes.attributionEntries(), changes.isolatedChanges()]);
  const review = await buildReviewReport(repo, agents, attribution, current, isolated);
  for (const group of review.groups) {
    if (group.agentId) worktree.set(group.agentId, { files: group.files.length, added: group.added, removed: group.removed });
  }
  return { worktree, conflicts };
}
