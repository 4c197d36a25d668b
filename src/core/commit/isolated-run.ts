/**
 * A commit run with isolated agents' groups: the shared groups first (executeCommitPlan, which
 * never writes working-tree files), then each included isolated group brought back onto the new
 * tip (isolation/bring-back-run.ts, passed in as `bringBack`). Before anything is committed, an included group
 * that conflicts as planned stops the run, so a conflicting branch never half-lands.
 */
import type { Agent } from '../../shared/domain';
import type { CommitPlan } from './commit-plan';
import type { CommitProgress, CommitRunResult, CommitStop, ResumeState } from './commit-result';
import type { IsolatedBranches } from './isolated-branches';
import { includedIsolated, isolatedRefusal } from './isolated-groups';

export interface IsolatedRunOptions {
  agents: readonly Agent[];
  bringBack: IsolatedBranches['bringBack'];
  resumeFrom: ResumeState | null;
  onProgress(progress: CommitProgress): void;
  /** Runs the plan's shared groups (the existing executor). */
  shared(plan: CommitPlan): Promise<CommitRunResult>;
}

export async function runWithIsolated(repo: string, plan: CommitPlan, options: IsolatedRunOptions): Promise<CommitRunResult> {
  const doneBefore = new Set(options.resumeFrom?.committedGroupIds ?? []);
  const groups = includedIsolated(plan).filter((g) => !doneBefore.has(g.id));
  const notCommitted = groups.map((g) => ({ groupIds: [g.id], title: g.title, files: g.files }));
  for (const group of groups) {
    const refusal = isolatedRefusal(group);
    if (refusal) return refusedBeforeRun(plan, { ...refusal, step: 'check', groupIds: [group.id] }, notCommitted, options.resumeFrom);
  }
  const shared = await options.shared(plan);
  if (groups.length === 0) return shared;
  if (shared.stop || shared.head === null) return { ...shared, notCommitted: [...shared.notCommitted, ...notCommitted] };

  const run = await options.bringBack(repo, groups, {
    agents: options.agents,
    expected: { ref: plan.base.ref, commit: shared.head },
    onGroup: (group, index) => options.onProgress({ step: 'commit', unit: index + 1, units: groups.length, title: group.title, groupIds: [group.id] }),
  });
  const left = groups.filter((g) => !run.done.includes(g.id));
  const committedGroupIds = [...doneBefore, ...shared.committed.flatMap((c) => c.groupIds), ...run.done];
  return {
    ...shared,
    status: run.stop ? 'stopped' : 'completed',
    committed: [...shared.committed, ...run.committed],
    skipped: [...shared.skipped, ...run.skipped],
    notCommitted: left.map((g) => ({ groupIds: [g.id], title: g.title, files: g.files })),
    stop: run.stop,
    head: run.head,
    resume: run.stop && left.length > 0 && run.stop.kind !== 'head-moved' && run.stop.kind !== 'ref-moved' ? { expectedHead: run.head, committedGroupIds } : null,
  };
}

function refusedBeforeRun(plan: CommitPlan, stop: CommitStop, notCommitted: CommitRunResult['notCommitted'], resume: ResumeState | null): CommitRunResult {
  return {
    status: 'stopped',
    committed: [],
    skipped: [],
    notCommitted,
    left: [],
    stop,
    warnings: [],
    head: resume ? resume.expectedHead : plan.base.commit,
    resume: null,
  };
}
