/**
 * Where isolated agents may write. An isolated agent works in its own worktree
 * (`.agents/worktrees/<id>`): everything there is its own, so no claim is checked, and nothing
 * outside it in the repository is (the shared tree, another agent's worktree). No agent may write
 * into an isolated agent's worktree but that agent. These refusals hold in every gate mode: the
 * user chose isolation for this agent, and an advise or observe mode is about shared files. Pure.
 */
import { AGENT_WORKTREES_PREFIX } from '../worktrees/worktree-paths';

export type IsolationVerdict =
  /** Not about isolation: the lock table decides. */
  | { kind: 'shared' }
  /** The isolated agent writes inside its own worktree: allowed, whatever the claims say. */
  | { kind: 'own-worktree' }
  | { kind: 'refused'; reason: string };

export interface IsolationInput {
  /** The write's target, repo-relative (as the lock table spells it). */
  repoPath: string;
  /** The writer's worktree, repo-relative (`.agents/worktrees/<id>`), and absolute for the message; null for a shared agent. */
  workspace: { relative: string; path: string; branch: string } | null;
}

const isUnder = (repoPath: string, folder: string): boolean => repoPath === folder || repoPath.startsWith(`${folder}/`);

export function isolationVerdict({ repoPath, workspace }: IsolationInput): IsolationVerdict {
  if (workspace) {
    if (isUnder(repoPath, workspace.relative)) return { kind: 'own-worktree' };
    return {
      kind: 'refused',
      reason: `you are isolated in ${workspace.path} (branch ${workspace.branch}); ${repoPath} is outside it. Write there: ${workspace.path}/${repoPath.startsWith(AGENT_WORKTREES_PREFIX) ? '…' : repoPath}.`,
    };
  }
  if (isUnder(repoPath, AGENT_WORKTREES_PREFIX.replace(/\/$/, ''))) {
    return { kind: 'refused', reason: `${repoPath} is in an isolated agent's own worktree; only that agent writes there.` };
  }
  // `rm -rf .agents` would take every isolated agent's worktree with it (the repository itself,
  // `.`, is left to the lock table: too many ordinary commands name it).
  if (AGENT_WORKTREES_PREFIX.startsWith(`${repoPath}/`) && repoPath !== '.' && repoPath !== '') {
    return { kind: 'refused', reason: `${repoPath} holds isolated agents' worktrees (${AGENT_WORKTREES_PREFIX}); only each of those agents writes in its own.` };
  }
  return { kind: 'shared' };
}
