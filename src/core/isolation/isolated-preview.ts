/**
 * Reads an isolated agent's branch and worktree into its commit-plan group: the commits and the
 * uncommitted work the shared branch does not have, the files bringing them back would change,
 * and whether that can be done as things stand (conflicts in the chosen mode, files with the
 * user's uncommitted changes in the shared tree). Builds only unreachable objects.
 */
import fs from 'node:fs';
import type { Agent, AgentWorkspace } from '../../shared/domain';
import { draftGroupMessage, draftIsolatedMessage, type MessageAgent } from '../commit/commit-message';
import type { BringBackMode, IsolatedGroup } from '../commit/commit-plan';
import { isolatedGroupId, isolatedTitle } from '../commit/isolated-groups';
import { gitRead } from '../git/git-runner';
import { resolveCommit } from '../git/head-state';
import { splitNul } from '../git/nul-fields';
import { commitsNotIn } from './branch-commits';
import { buildBringBack, type BringBackBuild } from './bring-back';
import { pathsWithLocalChanges } from './shared-tree-update';
import { buildWorktreeWork } from './worktree-work';

export type IsolatedAgent = Agent & { workspace: AgentWorkspace };

export const isIsolated = (agent: Agent): agent is IsolatedAgent => agent.workspace !== null;

export const messageAgentOf = (agent: Agent): MessageAgent => ({ id: agent.id, name: agent.name, task: agent.task });

/** The message the agent's uncommitted work is committed with on its branch. */
export function workMessage(agent: Agent, paths: readonly string[]): string {
  const drafted = draftGroupMessage({ agent: messageAgentOf(agent), files: paths }, false);
  return `${drafted.replace(/\n+$/, '')}\n\n(Uncommitted work in the agent's worktree, committed by Switchyard before bringing the branch back.)\n`;
}

export interface BranchState {
  /** The branch's tip now, or null when the branch is gone. */
  tip: string | null;
  /** What bringing it back starts from: the tip, or a commit on it holding the worktree's uncommitted work. */
  effectiveTip: string | null;
  uncommitted: string[];
}

/** The branch's tip and the worktree's uncommitted work (as an unpublished commit on top). */
export async function readBranchState(repo: string, agent: IsolatedAgent): Promise<BranchState> {
  const tip = await resolveCommit(repo, `refs/heads/${agent.workspace.branch}`);
  if (tip === null) return { tip: null, effectiveTip: null, uncommitted: [] };
  const work = fs.existsSync(agent.workspace.path) ? await buildWorktreeWork(agent.workspace, workMessage(agent, [])) : null;
  return { tip, effectiveTip: work?.commit ?? tip, uncommitted: work?.paths ?? [] };
}

/** The group for an isolated agent, or null when its branch has nothing the shared branch lacks. */
export async function previewIsolatedGroup(
  repo: string,
  head: string,
  agent: IsolatedAgent,
  options: { mode: BringBackMode; conventional: boolean; messageFromTask: boolean },
): Promise<IsolatedGroup | null> {
  const state = await readBranchState(repo, agent);
  if (state.tip === null || state.effectiveTip === null) return null;
  const commits = await commitsNotIn(repo, state.tip, head);
  if (commits.length === 0 && state.uncommitted.length === 0) return null;
  const built = await buildBringBack(repo, { head, tip: state.effectiveTip, mode: options.mode, message: 'preview\n' });
  if (built.kind === 'nothing') return null;
  const files = await changedPaths(repo, head, resultTree(built));
  const busy = await pathsWithLocalChanges(repo, files);
  const messageAgent = options.messageFromTask ? messageAgentOf(agent) : { ...messageAgentOf(agent), task: '' };
  const conflicts = built.kind === 'conflict' ? built.conflicts : [];
  return {
    id: isolatedGroupId(agent.id),
    agentId: agent.id,
    title: isolatedTitle(messageAgentOf(agent), agent.workspace.branch),
    branch: agent.workspace.branch,
    worktree: agent.workspace.path,
    tip: state.tip,
    uncommitted: state.uncommitted,
    commits: commits.map((c) => ({ sha: c.sha, title: c.title })),
    files,
    mode: options.mode,
    included: conflicts.length === 0 && busy.length === 0,
    message: draftIsolatedMessage(messageAgent, agent.workspace.branch, options.mode, files, options.conventional),
    messageEdited: false,
    conflicts,
    busy,
  };
}

/** The tree bringing it back would give (for a conflict, the tree with conflict markers). */
export function resultTree(built: Exclude<BringBackBuild, { kind: 'nothing' }>): string {
  return built.tree;
}

export async function changedPaths(repo: string, from: string, to: string): Promise<string[]> {
  return splitNul(await gitRead(repo, ['diff-tree', '-r', '-z', '--name-only', '--no-renames', from, to]));
}
