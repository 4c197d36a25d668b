/** What the UI asks of the core about an isolated agent's worktree: what discarding loses, discarding, and moving its work into the shared tree. */
import type { CommandOutput } from '../../shared/contract';
import type { Agent } from '../../shared/domain';
import type { Result } from '../../shared/result';
import type { CoreServices } from './core-services';

export function loadWorktreeLoss(services: CoreServices, agent: Agent): Promise<Result<CommandOutput<'isolation.loss'>>> {
  return services.api.invoke('isolation.loss', { id: agent.id });
}

/** Removes the worktree and branch (the user saw the loss and confirmed) and forgets the agent. */
export function discardWorktree(services: CoreServices, agent: Agent): Promise<Result<CommandOutput<'isolation.discard'>>> {
  return services.api.invoke('isolation.discard', { id: agent.id, force: true });
}

export function loadMovePreview(services: CoreServices, agent: Agent): Promise<Result<CommandOutput<'isolation.movePreview'>>> {
  return services.api.invoke('isolation.movePreview', { id: agent.id });
}

/** `stopFirst`: the user agreed to stop the Codex still running in the worktree. */
export function moveToShared(services: CoreServices, agent: Agent, stopFirst: boolean): Promise<Result<CommandOutput<'isolation.move'>>> {
  return services.api.invoke('isolation.move', { id: agent.id, stopFirst });
}
