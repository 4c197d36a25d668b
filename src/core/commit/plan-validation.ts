/**
 * Whether a plan is consistent: every changed file is in exactly one place (one group whole,
 * split by hunk across groups, excluded, or undecided), nothing unknown is planned, hunks given to
 * different groups never overlap, and the order names every group once.
 */
import { canSplitByHunk, UNATTRIBUTED_GROUP_ID, type CommitPlan } from './commit-plan';
import { hunkKey, hunksOverlap, type HunkRange } from '../git/hunk-ranges';

interface Placement {
  whole: string[];
  split: Array<{ group: string; hunks: HunkRange[] }>;
  excluded: string[];
  undecided: number;
}

/** Problems in words a person can act on; empty when the plan is consistent. */
export function findPlanProblems(plan: CommitPlan): string[] {
  const problems: string[] = [];
  const groupIds = plan.groups.map((g) => g.id);
  if (new Set(groupIds).size !== groupIds.length) problems.push('Two groups share an id.');
  if (plan.order.length !== groupIds.length || !groupIds.every((id) => plan.order.includes(id))) {
    problems.push('The commit order must name every group exactly once.');
  }
  if (plan.groups.filter((g) => g.id === UNATTRIBUTED_GROUP_ID && g.agentId === null).length !== 1) {
    problems.push('The plan must have exactly one unattributed group.');
  }

  const changes = new Map(plan.changes.map((c) => [c.path, c]));
  const placements = new Map<string, Placement>();
  const at = (path: string): Placement => {
    if (!placements.has(path)) placements.set(path, { whole: [], split: [], excluded: [], undecided: 0 });
    return placements.get(path)!;
  };
  for (const group of plan.groups) {
    const seen = new Set<string>();
    for (const file of group.files) {
      if (seen.has(file.path)) problems.push(`${file.path} is listed twice in ${group.title}.`);
      seen.add(file.path);
      const change = changes.get(file.path);
      if ((file.oldPath ?? null) !== (change?.oldPath ?? null)) problems.push(`${file.path}: the rename source in ${group.title} does not match the working tree.`);
      if (file.hunks) {
        if (file.hunks.length === 0) problems.push(`${file.path} is in ${group.title} with no hunks.`);
        if (change && !canSplitByHunk(change)) problems.push(`${file.path} cannot be split by hunk (${change.binary ? 'binary' : change.kind}).`);
        at(file.path).split.push({ group: group.title, hunks: file.hunks });
      } else at(file.path).whole.push(group.title);
    }
    for (const path of group.excluded) at(path).excluded.push(group.title);
  }
  for (const file of plan.undecided) at(file.path).undecided++;

  for (const path of placements.keys()) {
    if (!changes.has(path)) problems.push(`${path} is in the plan but is not a change in the working tree.`);
  }
  for (const path of changes.keys()) {
    const p = placements.get(path);
    const places = p ? p.whole.length + p.excluded.length + p.undecided + (p.split.length > 0 ? 1 : 0) : 0;
    if (places === 0) problems.push(`${path} is changed but not in any group, excluded, or waiting for a decision.`);
    else if (places > 1) problems.push(`${path} is in more than one place: ${describe(p!)}.`);
    if (p && p.split.length > 1) problems.push(...overlapProblems(path, p.split));
  }
  return problems;
}

function describe(p: Placement): string {
  return [
    ...p.whole.map((g) => `whole in ${g}`),
    ...p.split.map((s) => `hunks in ${s.group}`),
    ...p.excluded.map((g) => `excluded from ${g}`),
    ...(p.undecided ? ['undecided'] : []),
  ].join(', ');
}

function overlapProblems(path: string, split: Placement['split']): string[] {
  const problems: string[] = [];
  for (let i = 0; i < split.length; i++) {
    for (let j = i + 1; j < split.length; j++) {
      for (const a of split[i]!.hunks) {
        for (const b of split[j]!.hunks) {
          if (hunksOverlap(a, b)) problems.push(`${path}: hunk ${hunkKey(a)} in ${split[i]!.group} overlaps ${hunkKey(b)} in ${split[j]!.group}.`);
        }
      }
    }
  }
  return problems;
}
