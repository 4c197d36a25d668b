/**
 * Removes an isolated agent's worktree and branch. Callers first say what would be lost
 * (worktree-loss.ts) and proceed only when the user confirmed (`force`). A worktree folder that
 * is already gone is pruned from git's list; a branch that is already gone is fine.
 */
import fs from 'node:fs';
import type { AgentWorkspace } from '../../shared/domain';
import { gitWrite, runGit } from '../git/git-runner';

export async function removeWorktreeAndBranch(repo: string, workspace: Pick<AgentWorkspace, 'path' | 'branch'>): Promise<void> {
  if (fs.existsSync(workspace.path)) {
    // --force: its uncommitted and untracked files are what the user agreed to lose.
    await gitWrite(repo, ['worktree', 'remove', '--force', '--force', workspace.path]);
  } else {
    await gitWrite(repo, ['worktree', 'prune']);
  }
  await runGit(repo, ['branch', '-D', workspace.branch], { optionalLocks: true, okExitCodes: [1] });
}
