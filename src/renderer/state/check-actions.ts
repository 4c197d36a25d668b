/** The check after an agent and its rollback, as the UI asks for them. */
import type { CheckResult, RollbackPlan, RollbackResult } from '../../shared/checks';
import type { Agent } from '../../shared/domain';
import type { Result } from '../../shared/result';
import type { CoreServices } from './core-services';
import { reportError } from './report-error';
import { useStore } from './store';

export async function refreshChecks(services: CoreServices): Promise<void> {
  const result = await services.api.invoke('checks.list', {});
  if (result.ok) useStore.getState().setChecks(result.value.checks);
  else reportError('Reading the checks', result.error);
}

/** Keeps each agent's check current; returns the unsubscribe. */
export function followChecks(services: CoreServices): () => void {
  return services.api.on('checks.changed', (check) => useStore.getState().upsertCheck(check));
}

/** Runs the agent's check; the badge follows it through `checks.changed`. */
export async function runCheck(services: CoreServices, agent: Agent): Promise<Result<CheckResult>> {
  const result = await services.api.invoke('checks.run', { id: agent.id });
  if (result.ok) useStore.getState().upsertCheck(result.value);
  else reportError(`Checking ${agent.name}`, result.error);
  return result;
}

export function planRollback(services: CoreServices, agentId: string, includeOthers: boolean | string[]): Promise<Result<RollbackPlan>> {
  return services.api.invoke('rollback.plan', { id: agentId, includeOthers });
}

export async function rollBack(services: CoreServices, agent: Agent, includeOthers: string[]): Promise<Result<RollbackResult>> {
  const result = await services.api.invoke('rollback.run', { id: agent.id, includeOthers });
  if (!result.ok) {
    reportError(`Rolling back ${agent.name}`, result.error);
    return result;
  }
  const { restored, skipped } = result.value;
  const left = skipped.length > 0 ? ` ${skipped.length} left alone: ${skipped.map((s) => s.path).join(', ')}.` : '';
  useStore.getState().pushToast(`Rolled back ${agent.name}: ${restored.length} file(s) restored (each file's timeline keeps the version before).${left}`, { tone: 'info' });
  return result;
}

/** A rollback preview of one file: from what it holds now to what it goes back to. */
export async function rollbackDiff(services: CoreServices, path: string, from: number, to: number): Promise<string> {
  const result = await services.api.invoke('changes.diff', { path, from, to });
  return result.ok ? result.value.diff : '';
}
