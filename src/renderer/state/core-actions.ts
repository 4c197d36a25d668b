/**
 * What the UI asks of the core, as plain functions: each invokes the contract and applies the
 * answer to the store. Components call these; none of them holds terminal bytes.
 */
import type { LaunchInput } from '../../shared/contract';
import type { Agent, RepoSettings } from '../../shared/domain';
import { ok, type Result } from '../../shared/result';
import { followChangeMap, refreshChangeMap } from './change-actions';
import { createDeltaFollower, type DeltaFollower } from './delta-follower';
import { refreshCodexInfo } from './codex-actions';
import { followChecks, refreshChecks } from './check-actions';
import { locksFollowerOf, refreshLocks } from './lock-actions';
import { followMessages, refreshMessages } from './message-actions';
import type { CoreServices } from './core-services';
import { reportError } from './report-error';
import { useStore } from './store';

type AgentsDelta = { revision: number; agents: Agent[]; replace: boolean };

/** Per services (one per window): the revision the agent list is at, and the deltas to replay over a list. */
const agentFollowers = new WeakMap<CoreServices, DeltaFollower<AgentsDelta>>();

function agentsFollowerOf(services: CoreServices): DeltaFollower<AgentsDelta> {
  let follower = agentFollowers.get(services);
  if (!follower) {
    follower = createDeltaFollower<AgentsDelta>({
      apply: (delta) => {
        if (delta.replace) applyAgents(services, delta.agents);
        else useStore.getState().upsertAgents(delta.agents);
      },
      refetch: () => void refreshAgents(services),
    });
    agentFollowers.set(services, follower);
  }
  return follower;
}

/** Replaces the agent list everywhere it matters: the store and the terminal registry. */
export function applyAgents(services: CoreServices, agents: Agent[]): void {
  useStore.getState().setAgents(agents);
  services.terminals.retain(new Set(agents.map((agent) => agent.id)));
}

/** Keeps the store in step with the core's events; returns the unsubscribe. */
export function followCoreEvents(services: CoreServices): () => void {
  const stops = [
    services.api.on('repo.changed', ({ repo }) => {
      useStore.getState().setRepo(repo);
      // Another repository has other claims; opening one does not announce them.
      void refreshLocks(services);
      // …and perhaps another Codex path setting.
      void refreshCodexInfo(services);
      // …and its own messages.
      void refreshMessages(services);
      // Checks belong to the repository they ran in.
      void refreshChecks(services);
    }),
    services.api.on('agents.changed', (delta) => agentsFollowerOf(services).delta(delta)),
    services.api.on('locks.changed', (delta) => locksFollowerOf(services).delta(delta)),
    followChangeMap(services),
    followMessages(services),
    followChecks(services),
  ];
  return () => stops.forEach((stop) => stop());
}

/** Fills the store at startup and after a reconnect. */
export async function loadCoreState(services: CoreServices): Promise<void> {
  // The core may have restarted, its revisions counting from 0 again.
  agentsFollowerOf(services).reset();
  locksFollowerOf(services).reset();
  const locksLoaded = refreshLocks(services);
  void refreshCodexInfo(services);
  void refreshMessages(services);
  void refreshChecks(services);
  // After a reconnect the core may have restarted, its revisions counting from 0 again.
  void refreshChangeMap(services, { replace: true });
  const [repo, agents] = await Promise.all([
    services.api.invoke('repo.get', {}),
    services.api.invoke('agents.list', {}),
  ]);
  if (repo.ok) useStore.getState().setRepo(repo.value.repo);
  else reportError('Reading the repository', repo.error);
  if (agents.ok) listedAgents(services, agents.value);
  else reportError('Listing agents', agents.error);
  await locksLoaded;
}

export async function refreshAgents(services: CoreServices): Promise<void> {
  const agents = await services.api.invoke('agents.list', {});
  if (agents.ok) listedAgents(services, agents.value);
  else reportError('Listing agents', agents.error);
}

/** A whole list: it replaces the store's, then announcements newer than it are applied on top. */
function listedAgents(services: CoreServices, listed: { agents: Agent[]; revision: number }): void {
  applyAgents(services, listed.agents);
  agentsFollowerOf(services).listed(listed.revision);
}

/** Opens a repository; the caller shows a failure next to the field the user typed in. */
export async function openRepository(services: CoreServices, path: string): Promise<Result<{ repo: string }>> {
  const result = await services.api.invoke('repo.open', { path });
  if (!result.ok) return result;
  useStore.getState().setRepo(result.value.repo);
  await refreshAgents(services);
  return result;
}

/** Launches an agent at the size terminals are shown, then selects it once it is listed. */
export async function launchAgent(
  services: CoreServices,
  input: Omit<LaunchInput, 'cols' | 'rows'>,
): Promise<Result<{ id: string }>> {
  const size = services.terminals.visibleSize();
  const result = await services.api.invoke('agents.launch', { ...input, ...(size ?? {}) });
  if (!result.ok) return result;
  // The list must contain the agent before it is selected, or the selection would fall back.
  await refreshAgents(services);
  useStore.getState().showAgent(result.value.id);
  // Its name was taken, so the core gave it a suffixed one: say so, or "fixer (2)" would surprise.
  if (result.value.nameNotice) useStore.getState().pushToast(result.value.nameNotice, { tone: 'info' });
  return ok({ id: result.value.id });
}

export async function stopAgent(services: CoreServices, agent: Agent): Promise<void> {
  const result = await services.api.invoke('agents.stop', { id: agent.id });
  if (!result.ok) reportError(`Stopping ${agent.name}`, result.error);
}

/** Continues an ended agent's Codex session (queued behind the limit like a launch), and shows it. */
export async function resumeAgent(services: CoreServices, agent: Agent): Promise<void> {
  const result = await services.api.invoke('agents.resume', { id: agent.id });
  if (!result.ok) return reportError(`Resuming ${agent.name}`, result.error);
  useStore.getState().showAgent(agent.id);
}

/** Stops every running and queued agent; says so when a process outlived even SIGKILL. */
export async function stopAllAgents(services: CoreServices): Promise<void> {
  const result = await services.api.invoke('agents.stopAll', { force: false });
  if (!result.ok) return reportError('Stopping all agents', result.error);
  const survivors = result.value.agents.flatMap((agent) => agent.survivors);
  if (survivors.length > 0) {
    useStore.getState().pushToast(`Processes ${survivors.join(', ')} are still running after Stop all; end them by hand.`);
  }
}

export function loadSettings(services: CoreServices): Promise<Result<RepoSettings>> {
  return services.api.invoke('settings.get', {});
}

/** Saves the repository's settings; the caller shows a failure next to the fields. */
export async function saveSettings(services: CoreServices, settings: Partial<RepoSettings>): Promise<Result<RepoSettings>> {
  const result = await services.api.invoke('settings.set', settings);
  // The Codex path setting may have changed which Codex runs.
  if (result.ok) void refreshCodexInfo(services);
  return result;
}
