/**
 * The isolated agents' groups of a commit plan, as pure data: their ids, drafted messages, and
 * the user's edits (mode, included, message). Reading the branches and worktrees (git) is in
 * src/core/isolation/isolated-preview.ts; this file never touches git.
 */
import { fail, ok, type Result } from '../../shared/result';
import { draftIsolatedMessage, groupTitle, type MessageAgent } from './commit-message';

export { draftIsolatedMessage } from './commit-message';
import type { BringBackMode, CommitPlan, IsolatedGroup } from './commit-plan';

export const ISOLATED_GROUP_PREFIX = 'isolated:';
export const isolatedGroupId = (agentId: string): string => `${ISOLATED_GROUP_PREFIX}${agentId}`;
export const isIsolatedGroupId = (id: string): boolean => id.startsWith(ISOLATED_GROUP_PREFIX);

/** The title the wizard shows for an isolated agent's group. */
export function isolatedTitle(agent: MessageAgent, branch: string): string {
  return `${groupTitle(agent)} — branch ${branch}`;
}

/** Groups the run brings back: included ones, in plan order. */
export function includedIsolated(plan: CommitPlan): IsolatedGroup[] {
  return (plan.isolated ?? []).filter((g) => g.included);
}

/** Why an included group cannot be brought back as the plan stands, or null. */
export function isolatedRefusal(group: IsolatedGroup): { kind: 'isolated-conflict' | 'shared-tree-busy'; message: string } | null {
  if (group.conflicts.length > 0) {
    return {
      kind: 'isolated-conflict',
      message: `${group.title} does not ${group.mode === 'cherry-pick' ? 'cherry-pick' : 'merge'} cleanly onto the branch: ${listOf(group.conflicts)} conflict. Nothing was committed; leave the group out, or resolve the conflict on the agent's branch first.`,
    };
  }
  if (group.busy.length > 0) {
    return {
      kind: 'shared-tree-busy',
      message: `${group.title} changes ${listOf(group.busy)}, which ${group.busy.length === 1 ? 'has' : 'have'} uncommitted changes in the shared tree. Nothing was committed; commit or put aside those changes first, or leave the group out.`,
    };
  }
  return null;
}

function listOf(paths: readonly string[]): string {
  const shown = paths.slice(0, 5).join(', ');
  return paths.length > 5 ? `${shown} and ${paths.length - 5} more` : shown;
}

function updateGroup(plan: CommitPlan, groupId: string, change: (group: IsolatedGroup) => IsolatedGroup): Result<CommitPlan> {
  const groups = plan.isolated ?? [];
  if (!groups.some((g) => g.id === groupId)) return fail('invalid-input', `No isolated agent's group ${groupId} in the plan.`);
  return ok({ ...plan, isolated: groups.map((g) => (g.id === groupId ? change(g) : g)) });
}

/** The caller refreshes `conflicts` for the new mode (it takes git); the message is redrafted unless the user wrote it. */
export function setIsolatedMode(plan: CommitPlan, groupId: string, mode: BringBackMode, agent: MessageAgent): Result<CommitPlan> {
  return updateGroup(plan, groupId, (g) => ({
    ...g,
    mode,
    message: g.messageEdited ? g.message : draftIsolatedMessage(agent, g.branch, mode, g.files, plan.conventional),
  }));
}

export function setIsolatedIncluded(plan: CommitPlan, groupId: string, included: boolean): Result<CommitPlan> {
  return updateGroup(plan, groupId, (g) => ({ ...g, included }));
}

/** An empty message brings the drafted one back. */
export function setIsolatedMessage(plan: CommitPlan, groupId: string, message: string, agent: MessageAgent): Result<CommitPlan> {
  return updateGroup(plan, groupId, (g) =>
    message.trim() === ''
      ? { ...g, message: draftIsolatedMessage(agent, g.branch, g.mode, g.files, plan.conventional), messageEdited: false }
      : { ...g, message, messageEdited: true },
  );
}
