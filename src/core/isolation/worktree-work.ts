/**
 * An isolated agent's uncommitted work (what its worktree holds beyond its branch's tip) as a
 * commit, so that bringing the branch back or discarding it never loses it silently. The commit
 * is built on a temporary index (the worktree's own index and files are not touched); `commitWork`
 * then puts it on the agent's branch with a compare-and-swap and lets the worktree's index follow.
 */
import type { AgentWorkspace } from '../../shared/domain';
import { firstLine, gitRead, gitWrite } from '../git/git-runner';
import { splitNul } from '../git/nul-fields';
import { indexEnv, makeScratchDir } from '../git/scratch-dir';
import { readHeadRef, resolveCommit } from '../git/head-state';

export interface WorktreeWork {
  /** The branch's tip the work was built on. */
  tip: string;
  /** A commit on top of `tip` holding the work; not on any branch yet. */
  commit: string;
  /** Paths the work changes against the tip. */
  paths: string[];
}

/** The worktree's uncommitted work as an unpublished commit, or null when it has none (or the worktree is gone). */
export async function buildWorktreeWork(workspace: Pick<AgentWorkspace, 'path' | 'branch'>, message: string): Promise<WorktreeWork | null> {
  const tip = await resolveCommit(workspace.path, `refs/heads/${workspace.branch}`).catch(() => null);
  if (tip === null) return null;
  const scratch = makeScratchDir();
  try {
    const env = indexEnv(scratch.file('index'));
    const run = { env };
    await gitWrite(workspace.path, ['read-tree', tip], run);
    // Everything git would show as changed or untracked (ignored files stay out, as with `git add -A`).
    await gitWrite(workspace.path, ['add', '-A', '--', '.'], run);
    const tree = firstLine((await gitWrite(workspace.path, ['write-tree'], run)).stdout);
    const paths = splitNul(await gitRead(workspace.path, ['diff-tree', '-r', '-z', '--name-only', '--no-renames', tip, tree]));
    if (paths.length === 0) return null;
    const commit = firstLine((await gitWrite(workspace.path, ['commit-tree', tree, '-p', tip], { input: message })).stdout);
    return { tip, commit, paths };
  } finally {
    scratch.dispose();
  }
}

/**
 * Commits the worktree's uncommitted work onto the agent's branch; returns the branch's new tip
 * (its old one when there was nothing to commit). The worktree's index then matches the new
 * commit (a mixed reset: files are never written), so its `git status` shows a clean tree.
 */
export async function commitWorktreeWork(workspace: Pick<AgentWorkspace, 'path' | 'branch'>, message: string): Promise<{ tip: string; committed: WorktreeWork | null }> {
  const work = await buildWorktreeWork(workspace, message);
  if (work === null) {
    const tip = await resolveCommit(workspace.path, `refs/heads/${workspace.branch}`);
    if (tip === null) throw new Error(`The agent's branch ${workspace.branch} does not exist.`);
    return { tip, committed: null };
  }
  // Compare-and-swap: if the agent committed meanwhile, git refuses and nothing moves.
  await gitWrite(workspace.path, ['update-ref', '-m', 'switchyard: commit the agent\'s uncommitted work', `refs/heads/${workspace.branch}`, work.commit, work.tip]);
  // Only when the worktree has the branch checked out: then its index still holds the old tip.
  if ((await readHeadRef(workspace.path)) === `refs/heads/${workspace.branch}`) await gitWrite(workspace.path, ['reset', '-q', '--mixed', 'HEAD']);
  return { tip: work.commit, committed: work };
}
