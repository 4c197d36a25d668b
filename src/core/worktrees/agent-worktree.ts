/**
 * An isolated agent's own git worktree (`<repo>/.agents/worktrees/<agent id>`) on its own branch,
 * made from the shared tree's HEAD. `.agents/` is in `.git/info/exclude` (which every worktree of
 * the repository shares), so the shared tree's status, watcher and commits never see it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AgentWorkspace } from '../../shared/domain';
import { SwitchyardError } from '../../shared/result';
import { GitError } from '../git/git-error';
import { gitReadText, gitWrite, runGit } from '../git/git-runner';
import { readHead } from '../git/head-state';
import { withRepoMutex } from '../git/repo-mutex';
import { AGENT_BRANCH_PREFIX, agentBranchName } from './branch-name';
import { agentWorktreePath } from './worktree-paths';

export { agentWorktreePath } from './worktree-paths';

/** Creates the worktree and its branch at the shared tree's HEAD; throws a SwitchyardError a person can act on. */
export async function createAgentWorktree(repo: string, agent: { id: string; name: string }): Promise<AgentWorkspace> {
  const head = await readHead(repo);
  if (head.commit === null) {
    throw new SwitchyardError('invalid-input', 'The repository has no commit yet: an isolated agent branches from HEAD. Commit once, or launch it shared.');
  }
  const dir = agentWorktreePath(repo, agent.id);
  if (fs.existsSync(dir)) throw new SwitchyardError('invalid-input', `${dir} already exists: remove it, or launch the agent shared.`);
  // Two isolated launches at once must not pick the same branch name: one queue per repository.
  return withRepoMutex(repo, async () => {
    const branch = agentBranchName(agent.name, agent.id, await agentBranches(repo));
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    try {
      await gitWrite(repo, ['worktree', 'add', '--quiet', '-b', branch, dir, head.commit!]);
    } catch (error) {
      throw new SwitchyardError('internal', `Could not create the isolated agent's worktree: ${error instanceof GitError ? error.message : String(error)}`);
    }
    return {
      kind: 'isolated',
      path: dir,
      branch,
      base: head.commit!,
      baseBranch: head.kind === 'branch' ? head.ref.replace(/^refs\/heads\//, '') : null,
    } satisfies AgentWorkspace;
  });
}

async function agentBranches(repo: string): Promise<Set<string>> {
  const out = await gitReadText(repo, ['for-each-ref', '--format=%(refname:short)', `refs/heads/${AGENT_BRANCH_PREFIX}`]);
  return new Set(out.split('\n').filter((line) => line !== ''));
}

export interface RemovedWorktree {
  /** The branch when it was kept: it holds commits that no branch has taken in yet (only without `force`). */
  branchKept: string | null;
}

/**
 * Removes the worktree and its branch. Without `force`, git refuses a worktree with uncommitted
 * or untracked files (a SwitchyardError says so) and a branch whose commits are not merged into
 * HEAD is kept (returned). With `force`, both go whatever they hold. A folder already gone is fine.
 */
export async function removeAgentWorktree(repo: string, workspace: AgentWorkspace, options: { force: boolean }): Promise<RemovedWorktree> {
  return withRepoMutex(repo, async () => {
    if (fs.existsSync(workspace.path)) {
      try {
        await gitWrite(repo, ['worktree', 'remove', ...(options.force ? ['--force', '--force'] : []), workspace.path]);
      } catch (error) {
        const why = error instanceof GitError ? error.message : String(error);
        throw new SwitchyardError('invalid-input', `The isolated worktree ${workspace.path} was not removed: ${why}`);
      }
    }
    // Drops the registration of a folder that someone deleted by hand.
    await gitWrite(repo, ['worktree', 'prune']).catch(() => undefined);
    const deleted = await runGit(repo, ['branch', options.force ? '-D' : '-d', '--quiet', workspace.branch], { optionalLocks: true, okExitCodes: [1] });
    const missing = deleted.exitCode !== 0 && /not found/i.test(deleted.stderr);
    return { branchKept: deleted.exitCode === 0 || missing ? null : workspace.branch };
  });
}
