/**
 * The user's edits to a plan: move a file or a hunk to another group, exclude a file, reorder
 * groups, edit messages, pick the strategy. Each returns a new plan (the old one is untouched)
 * that is still consistent, or a failure saying why the edit cannot be made.
 */
import { fail, ok, type Result } from '../../shared/result';
import { redraftMessages, UNATTRIBUTED_GROUP_ID, type CommitGroup, type CommitPlan, type CommitStrategy, type PlannedFile } from './commit-plan';
import { sameHunk, type HunkRange } from '../git/hunk-ranges';
import { findPlanProblems } from './plan-validation';

function checked(plan: CommitPlan): Result<CommitPlan> {
  const problems = findPlanProblems(plan);
  return problems.length === 0 ? ok(plan) : fail('invalid-input', problems.join(' '));
}

function findGroup(plan: CommitPlan, groupId: string): CommitGroup | undefined {
  return plan.groups.find((g) => g.id === groupId);
}

function withGroups(plan: CommitPlan, update: (group: CommitGroup) => CommitGroup): CommitPlan {
  return { ...plan, groups: plan.groups.map(update) };
}

/** The plan without `path` anywhere, and the id of the first group that held it (whole, split or excluded). */
function detach(plan: CommitPlan, path: string): { plan: CommitPlan; from: string | null } {
  const from = plan.groups.find((g) => g.files.some((f) => f.path === path) || g.excluded.includes(path))?.id ?? null;
  const groups = plan.groups.map((g) => ({ ...g, files: g.files.filter((f) => f.path !== path), excluded: g.excluded.filter((p) => p !== path) }));
  return { plan: { ...plan, groups, undecided: plan.undecided.filter((u) => u.path !== path) }, from };
}

function wholeFile(plan: CommitPlan, path: string): PlannedFile {
  const oldPath = plan.changes.find((c) => c.path === path)?.oldPath;
  return oldPath ? { path, oldPath } : { path };
}

/** Puts the whole file in `toGroupId`, from wherever it was: a group, split across groups, excluded, or undecided. */
export function moveFile(plan: CommitPlan, path: string, toGroupId: string): Result<CommitPlan> {
  if (!plan.changes.some((c) => c.path === path)) return fail('not-found', `${path} is not a change in this plan.`);
  if (!findGroup(plan, toGroupId)) return fail('not-found', `There is no group ${toGroupId} in this plan.`);
  const detached = detach(plan, path).plan;
  const moved = withGroups(detached, (g) => (g.id === toGroupId ? { ...g, files: [...g.files, wholeFile(plan, path)] } : g));
  return checked(redraftMessages(moved));
}

/** Moves one hunk of a file split by hunk to another group. */
export function moveHunk(plan: CommitPlan, path: string, hunk: HunkRange, toGroupId: string): Result<CommitPlan> {
  const target = findGroup(plan, toGroupId);
  if (!target) return fail('not-found', `There is no group ${toGroupId} in this plan.`);
  const source = plan.groups.find((g) => g.files.some((f) => f.path === path && f.hunks?.some((h) => sameHunk(h, hunk))));
  if (!source) return fail('not-found', `${path} has no such hunk in the plan; only a file split by hunk has hunks to move.`);
  if (source.id === toGroupId) return ok(plan);
  if (target.files.some((f) => f.path === path && !f.hunks)) return fail('invalid-input', `${path} is already whole in ${target.title}.`);
  const moved = withGroups(plan, (g) => {
    if (g.id === source.id) {
      const files = g.files
        .map((f) => (f.path === path ? { ...f, hunks: f.hunks!.filter((h) => !sameHunk(h, hunk)) } : f))
        .filter((f) => !(f.path === path && f.hunks!.length === 0));
      return { ...g, files };
    }
    if (g.id === toGroupId) {
      const has = g.files.some((f) => f.path === path);
      const files = has ? g.files.map((f) => (f.path === path ? { ...f, hunks: [...f.hunks!, { ...hunk }] } : f)) : [...g.files, { path, hunks: [{ ...hunk }] }];
      return { ...g, files };
    }
    return g;
  });
  return checked(redraftMessages(moved));
}

/** Leaves the file uncommitted; it is listed as excluded from the group that held it. */
export function excludeFile(plan: CommitPlan, path: string): Result<CommitPlan> {
  if (!plan.changes.some((c) => c.path === path)) return fail('not-found', `${path} is not a change in this plan.`);
  const { plan: detached, from } = detach(plan, path);
  // An undecided file belonged to no group yet; it is shown as excluded from the unattributed one.
  const home = from ?? UNATTRIBUTED_GROUP_ID;
  return checked(redraftMessages(withGroups(detached, (g) => (g.id === home ? { ...g, excluded: [...g.excluded, path] } : g))));
}

/** Sets the commit order; `order` must name every group exactly once. */
export function reorderGroups(plan: CommitPlan, order: readonly string[]): Result<CommitPlan> {
  return checked(redraftMessages({ ...plan, order: [...order] }));
}

/** Moves one group to position `index` (0 = committed first). */
export function moveGroup(plan: CommitPlan, groupId: string, index: number): Result<CommitPlan> {
  if (!plan.order.includes(groupId)) return fail('not-found', `There is no group ${groupId} in this plan.`);
  const order = plan.order.filter((id) => id !== groupId);
  order.splice(Math.max(0, Math.min(index, order.length)), 0, groupId);
  return reorderGroups(plan, order);
}

/** The user's own message; it is no longer redrafted. An empty message brings the draft back. */
export function setGroupMessage(plan: CommitPlan, groupId: string, message: string): Result<CommitPlan> {
  if (!findGroup(plan, groupId)) return fail('not-found', `There is no group ${groupId} in this plan.`);
  const edited = message.trim() !== '';
  return checked(redraftMessages(withGroups(plan, (g) => (g.id === groupId ? { ...g, message, messageEdited: edited } : g))));
}

export function setSingleMessage(plan: CommitPlan, message: string): Result<CommitPlan> {
  return checked(redraftMessages({ ...plan, singleMessage: message, singleMessageEdited: message.trim() !== '' }));
}

export function setStrategy(plan: CommitPlan, strategy: CommitStrategy): Result<CommitPlan> {
  return checked({ ...plan, strategy });
}

/** Switches conventional-commit drafts on or off; messages the user wrote stay as they are. */
export function setConventional(plan: CommitPlan, conventional: boolean): Result<CommitPlan> {
  return checked(redraftMessages({ ...plan, conventional }));
}

/** Takes an excluded or undecided file back into a group; a file already in a group is moved instead. */
export function includeFile(plan: CommitPlan, path: string, groupId: string): Result<CommitPlan> {
  const excluded = plan.groups.some((g) => g.excluded.includes(path)) || plan.undecided.some((u) => u.path === path);
  if (!excluded && plan.changes.some((c) => c.path === path)) return fail('invalid-input', `${path} is not excluded; move it to another group instead.`);
  return moveFile(plan, path, groupId);
}
