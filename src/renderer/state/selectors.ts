/** One hook per field, so a component re-renders only when what it reads changes. */
import { useShallow } from 'zustand/react/shallow';
import type { CodexInfo } from '../../shared/codex';
import { ENDED_STATUSES, type Agent } from '../../shared/domain';
import type { ClaimView, GateMode, WaiterView } from '../../shared/locks';
import { useStore } from './store';

export const useRepo = (): string | null => useStore((s) => s.repo);
export const useAgents = (): Agent[] => useStore((s) => s.agents);
export const useSelectedAgentId = (): string | null => useStore((s) => s.selectedAgentId);
export const useLayout = () => useStore((s) => s.layout);
export const useNewAgentDialogOpen = (): boolean => useStore((s) => s.newAgentDialogOpen);
export const useSearchAgentId = (): string | null => useStore((s) => s.searchAgentId);
export const useSearchRequest = (): number => useStore((s) => s.searchRequest);
export const useToasts = () => useStore((s) => s.toasts);
export const useConnection = () => useStore((s) => s.connection);
export const useClaims = (): ClaimView[] => useStore((s) => s.claims);
export const useWaiters = (): WaiterView[] => useStore((s) => s.waiters);
export const useGateMode = (): GateMode | null => useStore((s) => s.gateMode);
export const useLocksPanelOpen = (): boolean => useStore((s) => s.locksPanelOpen);
export const useCodex = (): CodexInfo | null => useStore((s) => s.codex);

/** The claims one agent holds; a new array each time, so compared shallowly. */
export const useClaimsOf = (agentId: string): ClaimView[] =>
  useStore(useShallow((s) => s.claims.filter((claim) => claim.agentId === agentId)));

export const useAgent = (id: string | null): Agent | undefined =>
  useStore((s) => (id === null ? undefined : s.agents.find((agent) => agent.id === id)));

/** Agents whose process is still running; a new array each time, so compared shallowly. */
export const useLiveAgents = (): Agent[] =>
  useStore(useShallow((s) => s.agents.filter((agent) => !isEnded(agent))));

export const isEnded = (agent: Agent): boolean => ENDED_STATUSES.includes(agent.status);

/**
 * The order the sidebar lists agents in and Alt+1…9 count them: running and queued agents first,
 * then ended ones (each group in launch order).
 */
export const inListOrder = (agents: readonly Agent[]): Agent[] => [
  ...agents.filter((agent) => !isEnded(agent)),
  ...agents.filter((agent) => isEnded(agent)),
];

/** The agents in list order; a new array each time, so compared shallowly. */
export const useAgentsInListOrder = (): Agent[] => useStore(useShallow((s) => inListOrder(s.agents)));

/** The core's rule for a dependency being met: Codex completed its first turn, or exited cleanly. */
export const hasFinishedTask = (agent: Agent): boolean =>
  agent.completedTurns > 0 || (agent.status === 'exited' && agent.exitCode === 0);

/** A new agent can usefully wait for this one: it may still finish, or already has. */
export const canBeWaitedFor = (agent: Agent): boolean =>
  hasFinishedTask(agent) || (!isEnded(agent) && agent.status !== 'blocked');
