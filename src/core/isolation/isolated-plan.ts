/** The commit service's isolated-agent reads: every isolated agent's group, one group again after a mode change, one path's diff. */
import { isLive, type Agent } from '../../shared/domain';
import { SwitchyardError } from '../../shared/result';
import type { BringBackMode, CommitPlan, IsolatedGroup } from '../commit/commit-plan';
import { isolatedGroupId } from '../commit/isolated-groups';
import type { IsolatedPreviews } from '../commit/isolated-branches';
import { describeHead, readHead, resolveCommit } from '../git/head-state';
import { buildBringBack, diffToTree } from './bring-back';
import { isIsolated, previewIsolatedGroup, readBranchState, type IsolatedAgent } from './isolated-preview';


export async function previewIsolatedGroups(
  repo: string,
  head: string | null,
  agents: readonly Agent[],
  options: { conventional: boolean; messageFromTask: boolean },
): Promise<IsolatedPreviews> {
  const isolated = agents.filter(isIsolated);
  if (isolated.length === 0) return { groups: [], warnings: [] };
  if (head === null) return { groups: [], warnings: ['The shared branch has no commit yet: isolated agents\' branches can be brought back after the first commit.'] };
  const warnings: string[] = [];
  const previews = await Promise.all(
    isolated.map((agent) =>
      previewIsolatedGroup(repo, head, agent, { mode: 'merge', ...options }).catch((error: unknown) => {
        warnings.push(`${agent.name}'s branch ${agent.workspace.branch} could not be read (${(error as Error).message}); it is not in the plan.`);
        return null;
      }),
    ),
  );
  const groups = previews.filter((g): g is IsolatedGroup => g !== null);
  for (const group of groups) {
    if (group.conflicts.length > 0) warnings.push(`${group.title} does not merge cleanly (${group.conflicts.join(', ')}): it is left out; look at its conflicted files, choose another way to bring it back, or resolve them on the agent's branch.`);
    else if (group.busy.length > 0) warnings.push(`${group.title} changes ${group.busy.join(', ')}, which ${group.busy.length === 1 ? 'has' : 'have'} uncommitted changes in the shared tree: it is left out until they are committed or put aside.`);
    const agent = isolated.find((a) => a.id === group.agentId);
    if (agent && isLive(agent.status)) {
      warnings.push(`${agent.name}'s Codex still runs in its worktree (${agent.status}): bringing ${group.branch} back takes the worktree as it is then, with whatever it writes from now on; stop it first to bring back exactly what you review here.`);
    }
    if (group.uncommitted.length > 0) warnings.push(`${group.title} has uncommitted work in its worktree (${group.uncommitted.length} file${group.uncommitted.length === 1 ? '' : 's'}); it is committed onto ${group.branch} first.`);
  }
  return { groups, warnings };
}

function isolatedAgentOf(agents: readonly Agent[], groupId: string): IsolatedAgent {
  const agent = agents.find((a) => isolatedGroupId(a.id) === groupId);
  if (!agent || !isIsolated(agent)) throw new SwitchyardError('not-found', `No isolated agent's group ${groupId}.`);
  return agent;
}

/** The group read again for its (new) mode, keeping the user's message and choice to leave it out. */
export async function refreshIsolatedGroup(repo: string, plan: CommitPlan, groupId: string, agents: readonly Agent[]): Promise<CommitPlan> {
  const group = plan.isolated?.find((g) => g.id === groupId);
  const agent = isolatedAgentOf(agents, groupId);
  if (!group || plan.base.commit === null) return plan;
  const fresh = await previewIsolatedGroup(repo, plan.base.commit, agent, { mode: group.mode, conventional: plan.conventional, messageFromTask: true });
  if (!fresh) return plan;
  const updated: IsolatedGroup = {
    ...fresh,
    message: group.messageEdited ? group.message : fresh.message,
    messageEdited: group.messageEdited,
    included: group.included && fresh.conflicts.length === 0 && fresh.busy.length === 0,
  };
  return { ...plan, isolated: plan.isolated!.map((g) => (g.id === groupId ? updated : g)) };
}

export async function isolatedDiff(repo: string, groupId: string, mode: BringBackMode, path: string, agents: readonly Agent[]): Promise<{ diff: string; conflicted: boolean }> {
  const agent = isolatedAgentOf(agents, groupId);
  const head = await readBranchHead(repo);
  const state = await readBranchState(repo, agent);
  if (state.effectiveTip === null) throw new SwitchyardError('not-found', `${agent.workspace.branch} no longer exists.`);
  const built = await buildBringBack(repo, { head, tip: state.effectiveTip, mode, message: 'preview\n' });
  if (built.kind === 'nothing') return { diff: '', conflicted: false };
  const diff = await diffToTree(repo, head, built.tree, path);
  if (built.kind !== 'conflict' || !built.conflicts.includes(path)) return { diff, conflicted: false };
  return { diff: nameConflictSides(diff, describeHead(await readHead(repo)), agent.workspace.branch), conflicted: true };
}

/**
 * merge-tree labels each side of a conflict with the commit id it was given (for a cherry-pick, a
 * throwaway one): the preview names the branches instead, which is what the person decides between.
 */
export function nameConflictSides(diff: string, ours: string, theirs: string): string {
  return diff.replace(/^([+ ])<{7} [0-9a-f]{40,64}$/gm, `$1<<<<<<< ${ours}`).replace(/^([+ ])>{7} [0-9a-f]{40,64}$/gm, `$1>>>>>>> ${theirs}`);
}

async function readBranchHead(repo: string): Promise<string> {
  const head = await resolveCommit(repo, 'HEAD');
  if (head === null) throw new SwitchyardError('not-found', 'The shared branch has no commit yet.');
  return head;
}
