/** How the wizard reads a plan: groups in commit order, names, and line stats. Pure. */
import type { CommitPlan } from '../../state/commit-slice';

export type CommitGroup = CommitPlan['groups'][number];
export type PlannedFile = CommitGroup['files'][number];
export type PlanChange = CommitPlan['changes'][number];

/** The groups in the order they will be committed; any the order forgets come last. */
export function orderedGroups(plan: CommitPlan): CommitGroup[] {
  const byId = new Map(plan.groups.map((group) => [group.id, group]));
  const ordered = plan.order.flatMap((id) => byId.get(id) ?? []);
  return [...ordered, ...plan.groups.filter((group) => !plan.order.includes(group.id))];
}

export function changeOf(plan: CommitPlan, path: string): PlanChange | undefined {
  return plan.changes.find((change) => change.path === path);
}

export interface LineStats {
  added: number;
  removed: number;
}

/** A whole file counts its change's lines; a file split by hunk counts only its hunks' lines. */
export function fileStats(plan: CommitPlan, file: PlannedFile): LineStats {
  if (file.hunks) return file.hunks.reduce((sum, hunk) => ({ added: sum.added + hunk.newLines, removed: sum.removed + hunk.oldLines }), { added: 0, removed: 0 });
  const change = changeOf(plan, file.path);
  return { added: change?.added ?? 0, removed: change?.removed ?? 0 };
}

export function groupStats(plan: CommitPlan, group: CommitGroup): LineStats {
  return group.files.reduce(
    (sum, file) => {
      const stats = fileStats(plan, file);
      return { added: sum.added + stats.added, removed: sum.removed + stats.removed };
    },
    { added: 0, removed: 0 },
  );
}

/** Groups that will become commits (they hold at least one file or hunk). */
export function committableGroups(plan: CommitPlan): CommitGroup[] {
  return orderedGroups(plan).filter((group) => group.files.length > 0);
}

/** Isolated agents' branches the run brings back. */
export function includedIsolated(plan: CommitPlan): NonNullable<CommitPlan['isolated']> {
  return (plan.isolated ?? []).filter((group) => group.included);
}

/** The first line of a message: what `git log --oneline` will show. */
export function subjectOf(message: string): string {
  return message.split('\n', 1)[0] ?? '';
}

export function shortSha(sha: string): string {
  return sha.slice(0, 10);
}
