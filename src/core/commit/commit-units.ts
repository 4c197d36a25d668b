/**
 * What one commit of a run contains ("unit"): one group per commit for the per-agent strategy,
 * or every group at once for the single strategy. Pure: derived from the plan and the groups a
 * previous, interrupted run already committed.
 */
import { orderedGroups, type CommitPlan, type PlannedFile } from './commit-plan';
import type { SplitPiece } from './split-files';

export interface CommitUnit {
  /** The group id, or SINGLE_UNIT_ID. */
  id: string;
  groupIds: string[];
  agentIds: Array<string | null>;
  title: string;
  message: string;
  /** Files committed whole as they are in the working tree (with a rename's old path). */
  wholeFiles: Array<{ path: string; oldPath?: string }>;
  /** Files this unit commits only some hunks of. */
  splitPaths: string[];
}

export const SINGLE_UNIT_ID = 'single';

export interface UnitPlan {
  /** Units still to commit, in order; units with no files are left out. */
  units: CommitUnit[];
  /** Every group's hunks of split files, committed or not: the base for each split piece. */
  pieces: SplitPiece[];
}

const unitPaths = (files: readonly PlannedFile[]) => ({
  wholeFiles: files.filter((f) => !f.hunks).map((f) => (f.oldPath ? { path: f.path, oldPath: f.oldPath } : { path: f.path })),
  splitPaths: files.filter((f) => f.hunks).map((f) => f.path),
});

export function unitsOf(plan: CommitPlan, committedGroupIds: ReadonlySet<string>): UnitPlan {
  const groups = orderedGroups(plan);
  const pending = groups.filter((g) => !committedGroupIds.has(g.id) && g.files.length > 0);
  const unitIdOf = (groupId: string): string => (committedGroupIds.has(groupId) ? `committed:${groupId}` : plan.strategy === 'single' ? SINGLE_UNIT_ID : groupId);
  const pieces = groups.flatMap((g) => g.files.filter((f) => f.hunks).map((f): SplitPiece => ({ path: f.path, groupId: g.id, unitId: unitIdOf(g.id), hunks: f.hunks! })));
  if (plan.strategy === 'per-agent') {
    const units = pending.map((g): CommitUnit => ({ id: g.id, groupIds: [g.id], agentIds: [g.agentId], title: g.title, message: g.message, ...unitPaths(g.files) }));
    return { units, pieces };
  }
  if (pending.length === 0) return { units: [], pieces };
  // One commit: a file whole in any group is whole; hunks of the same file from several groups add up.
  const wholeFiles = new Map<string, { path: string; oldPath?: string }>();
  const splitPaths = new Set<string>();
  for (const group of pending) {
    const paths = unitPaths(group.files);
    for (const file of paths.wholeFiles) wholeFiles.set(file.path, file);
    for (const path of paths.splitPaths) splitPaths.add(path);
  }
  const unit: CommitUnit = {
    id: SINGLE_UNIT_ID,
    groupIds: pending.map((g) => g.id),
    agentIds: pending.map((g) => g.agentId),
    title: pending.length === 1 ? pending[0]!.title : `${pending.length} groups in one commit`,
    message: plan.singleMessage,
    wholeFiles: [...wholeFiles.values()],
    splitPaths: [...splitPaths].filter((p) => !wholeFiles.has(p)),
  };
  return { units: [unit], pieces };
}

/** Every working-tree path the units read: whole files, rename sources, split files. */
export function pathsOfUnits(units: readonly CommitUnit[]): string[] {
  const paths = new Set<string>();
  for (const unit of units) {
    for (const file of unit.wholeFiles) {
      paths.add(file.path);
      if (file.oldPath) paths.add(file.oldPath);
    }
    for (const path of unit.splitPaths) paths.add(path);
  }
  return [...paths];
}
