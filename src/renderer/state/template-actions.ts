/**
 * What the UI asks about templates and history: the repository's templates (and bad files), saving
 * one from the form or an agent's record, and claim suggestions for a task. Each returns its Result
 * so the caller shows a refusal where the user is looking.
 */
import type { CommandOutput } from '../../shared/contract';
import type { Agent } from '../../shared/domain';
import type { Result } from '../../shared/result';
import type { AgentTemplateInput } from '../../shared/templates';
import type { CoreServices } from './core-services';

export function listTemplates(services: CoreServices): Promise<Result<CommandOutput<'templates.list'>>> {
  return services.api.invoke('templates.list', {});
}

export function saveTemplate(
  services: CoreServices,
  templateName: string,
  template: AgentTemplateInput,
  overwrite = false,
): Promise<Result<CommandOutput<'templates.save'>>> {
  return services.api.invoke('templates.save', { templateName, template, overwrite });
}

export function suggestClaims(services: CoreServices, task: string, claims: readonly string[]): Promise<Result<CommandOutput<'agents.suggest'>>> {
  return services.api.invoke('agents.suggest', { task, claims: [...claims] });
}

/** An agent's launch settings as a template; dependencies by name, so the template means the same later. */
export function templateOfAgent(agent: Agent, agents: readonly Agent[]): AgentTemplateInput {
  const nameOf = (id: string): string => agents.find((a) => a.id === id)?.name ?? id;
  return {
    name: agent.name,
    task: agent.task,
    claims: [...agent.claims],
    after: agent.after.map(nameOf),
    priority: agent.priority,
    codexArgs: [...agent.codexArgs],
    ...(agent.timeoutMs !== null ? { timeoutMinutes: agent.timeoutMs / 60_000 } : {}),
    ...(agent.workspace ? { isolated: true } : {}),
  };
}
