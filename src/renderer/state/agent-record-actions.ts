/**
 * What the UI does with an agent's record rather than its process: rename it, forget it once it
 * has ended, and open the new-agent form with an ended agent's choices ("Run again").
 */
import type { Agent } from '../../shared/domain';
import type { Result } from '../../shared/result';
import type { CoreServices } from './core-services';
import type { NewAgentPrefill } from './layout-slice';
import { reportError } from './report-error';
import { useStore } from './store';

/** Renames the agent; the caller shows a refusal (a taken name) next to the field. */
export async function renameAgent(services: CoreServices, agent: Agent, name: string): Promise<Result<unknown>> {
  return services.api.invoke('agents.rename', { id: agent.id, name });
}

/** Forgets an ended agent; the list arrives whole in `agents.changed`, without it. */
export async function removeAgent(services: CoreServices, agent: Agent): Promise<void> {
  const result = await services.api.invoke('agents.remove', { id: agent.id });
  if (!result.ok) reportError(`Removing ${agent.name}`, result.error);
}

/** Forgets every ended agent given (the sidebar's "Clear ended"); each refusal gets its own toast. */
export async function clearEndedAgents(services: CoreServices, agents: readonly Agent[]): Promise<void> {
  // An isolated agent's worktree and branch are discarded only from its own pane, after the loss is shown.
  await Promise.all(agents.filter((agent) => !agent.workspace).map((agent) => removeAgent(services, agent)));
}

/** The new-agent form's fields as the ended agent had them. */
export const prefillFrom = (agent: Agent): NewAgentPrefill => ({
  name: agent.name,
  task: agent.task,
  claims: [...agent.claims],
  priority: agent.priority,
  codexArgs: [...agent.codexArgs],
  ...(agent.workspace ? { isolated: true } : {}),
});

export function runAgain(agent: Agent): void {
  useStore.getState().openNewAgentDialog(prefillFrom(agent));
}
