/**
 * The commit run's second half: brings each included isolated agent's group back onto the shared
 * branch after the shared groups were committed. Per group, under the repository's mutex: commit
 * the worktree's uncommitted work onto the agent's branch (so nothing is lost), build the merge,
 * squash or cherry-picked commits, and publish them (branch, index and the changed files of the
 * shared tree; see shared-tree-update.ts). A conflict or a busy file stops the run, nothing of
 * that group committed; the user's index and files are never touched beyond the merged paths.
 */
import fs from 'node:fs';
import type { Agent } from '../../shared/domain';
import type { IsolatedGroup } from '../commit/commit-plan';
import type { CommitStop } from '../commit/commit-result';
import type { BringBackRun, BringBackRunOptions } from '../commit/isolated-branches';
import { HeadMovedError } from '../commit/publish-commit';
import { changesOfChain } from '../commit/unit-commit';
import { GitError } from '../git/git-error';
import { describeHead, readHead, treeOf } from '../git/head-state';
import { readRepoFacts } from '../git/repo-facts';
import { withRepoMutex } from '../git/repo-mutex';
import { buildBringBack } from './bring-back';
import { isIsolated, workMessage } from './isolated-preview';
import { SharedTreeBusyError, updateSharedTree } from './shared-tree-update';
import { commitWorktreeWork } from './worktree-work';


export async function bringBackGroups(repo: string, groups: readonly IsolatedGroup[], options: BringBackRunOptions): Promise<BringBackRun> {
  const run: BringBackRun = { committed: [], skipped: [], done: [], stop: null, head: options.expected.commit };
  for (const [index, group] of groups.entries()) {
    options.onGroup?.(group, index);
    const stop = await withRepoMutex(repo, () => bringBackOne(repo, group, options.agents, { ref: options.expected.ref, commit: run.head }, run)).catch(
      (error: unknown): CommitStop => stopFor(error, group),
    );
    if (stop) {
      run.stop = stop;
      break;
    }
    run.done.push(group.id);
  }
  return run;
}

async function bringBackOne(repo: string, group: IsolatedGroup, agents: readonly Agent[], expected: { ref: string | null; commit: string }, run: BringBackRun): Promise<CommitStop | null> {
  const agent = agents.find((a) => a.id === group.agentId);
  if (!agent || !isIsolated(agent)) return stop('invalid-plan', `${group.title}: the agent or its worktree is no longer known; make the plan again.`, group);
  const [facts, head] = await Promise.all([readRepoFacts(repo), readHead(repo)]);
  const ref = head.kind === 'branch' ? head.ref : null;
  if (ref !== expected.ref || head.commit !== expected.commit) {
    return stop('head-moved', `The branch moved (now ${describeHead(head)} at ${head.commit?.slice(0, 12) ?? 'no commit'}); nothing of ${group.title} was committed. Make the plan again.`, group);
  }
  if (facts.operationInProgress) return stop('operation-in-progress', `${facts.operationInProgress} is in progress; finish or abort it first.`, group);
  // The agent's uncommitted work goes onto its branch first, so what is brought back is all on the branch.
  const { tip } = fs.existsSync(agent.workspace.path)
    ? await commitWorktreeWork(agent.workspace, workMessage(agent, group.uncommitted))
    : { tip: group.tip };
  const built = await buildBringBack(repo, { head: expected.commit, tip, mode: group.mode, message: group.message, sign: facts.signCommits });
  if (built.kind === 'nothing') {
    run.skipped.push({ groupIds: [group.id], title: group.title, reason: 'The shared branch already has every change of this branch.' });
    return null;
  }
  if (built.kind === 'conflict') {
    const where = built.at ? ` (replaying ${built.at.sha.slice(0, 12)} ${built.at.title})` : '';
    return stop(
      'isolated-conflict',
      `${group.title} does not apply cleanly${where}: ${built.conflicts.join(', ')} conflict. Nothing of it was committed on the shared branch (its uncommitted work is now a commit on ${agent.workspace.branch}). Resolve the conflict on the agent's branch, or leave the group out.`,
      group,
    );
  }
  const fromTree = (await treeOf(repo, expected.commit))!;
  const subjects = built.commits.map((c) => c.title);
  await updateSharedTree(repo, facts, {
    expected,
    tip: built.tip,
    fromTree,
    toTree: built.tree,
    reflogMessage: `switchyard: ${group.mode} ${agent.workspace.branch}: ${subjects.length === 1 ? subjects[0] : `${subjects.length} commits`}`,
  });
  const perCommit = await changesOfChain(repo, facts.zeroId, built.commits.map((c, i) => ({ from: i === 0 ? fromTree : built.commits[i - 1]!.tree, to: c.tree })));
  built.commits.forEach((commit, i) =>
    run.committed.push({
      sha: commit.sha,
      tree: commit.tree,
      parent: commit.parent,
      groupIds: [group.id],
      agentIds: [group.agentId],
      title: group.title,
      message: commit.message,
      files: perCommit[i]!.map((c) => c.path),
      replacedStaged: [],
      hookOutput: '',
      warnings: [],
    }),
  );
  run.head = built.tip;
  return null;
}

function stop(kind: CommitStop['kind'], message: string, group: IsolatedGroup, output?: string): CommitStop {
  return { kind, message, step: 'commit', groupIds: [group.id], ...(output === undefined ? {} : { output }) };
}

function stopFor(error: unknown, group: IsolatedGroup): CommitStop {
  if (error instanceof SharedTreeBusyError) return stop('shared-tree-busy', `${group.title}: ${error.message}`, group);
  if (error instanceof HeadMovedError) return stop('head-moved', error.message, group);
  if (error instanceof GitError) {
    const kind = error.kind === 'ref-moved' ? 'ref-moved' : error.kind === 'identity-unknown' ? 'identity-unknown' : error.kind === 'index-locked' ? 'index-locked' : 'git-failed';
    return stop(kind, `${group.title}: ${error.message}`, group, error.stderr);
  }
  return stop('internal', `${group.title}: stopped by an unexpected error: ${(error as Error).message ?? String(error)}`, group);
}
