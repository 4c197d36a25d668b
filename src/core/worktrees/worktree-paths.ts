/** Where isolated agents' worktrees live in a repository: `.agents/worktrees/<agent id>`. Pure. */
import path from 'node:path';

/** Repo-relative, POSIX, with its slash: the folder of every isolated agent's worktree. */
export const AGENT_WORKTREES_PREFIX = '.agents/worktrees/';

export function agentWorktreePath(repo: string, agentId: string): string {
  return path.join(path.resolve(repo), ...AGENT_WORKTREES_PREFIX.split('/').filter(Boolean), agentId);
}

/** The worktree's repo-relative path (`.agents/worktrees/<id>`). */
export function agentWorktreeRelative(agentId: string): string {
  return `${AGENT_WORKTREES_PREFIX}${agentId}`;
}
