import type { Agent } from '../../../shared/domain';

/** An isolated agent's branch (its worktree in the tooltip); nothing for a shared agent. */
export function WorkspaceBadge({ agent }: { agent: Agent }) {
  if (!agent.workspace) return null;
  const { branch, path, baseBranch, base } = agent.workspace;
  const from = baseBranch ?? base.slice(0, 7);
  return (
    <span className="workspace-badge" data-testid={`workspace-${agent.id}`} title={`Isolated: works in ${path} on its own branch ${branch}, made from ${from}`}>
      ⎇ {branch}
    </span>
  );
}
