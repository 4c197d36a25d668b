import { ENDED_STATUSES, type Agent } from '../../shared/domain';
import type { SliceCreator } from './slice-creator';

export interface AgentsSlice {
  agents: Agent[];
  selectedAgentId: string | null;
  /** Replaces the whole list, as `agents.list` (and `agents.changed` with `replace`) deliver it. */
  setAgents(agents: Agent[]): void;
  /** Adds or updates these agents (an `agents.changed` delta), keeping the others. */
  upsertAgents(agents: Agent[]): void;
  selectAgent(id: string): void;
}

export const createAgentsSlice: SliceCreator<AgentsSlice> = (set) => ({
  agents: [],
  selectedAgentId: null,
  setAgents: (agents) =>
    set((state) => ({ agents, selectedAgentId: keepOrPickSelection(state.selectedAgentId, agents) })),
  upsertAgents: (changed) =>
    set((state) => {
      const byId = new Map(changed.map((agent) => [agent.id, agent]));
      const agents = state.agents.map((agent) => {
        const update = byId.get(agent.id);
        byId.delete(agent.id);
        return update ?? agent;
      });
      // New agents come last, as the core lists them (in launch order).
      agents.push(...byId.values());
      return { agents, selectedAgentId: keepOrPickSelection(state.selectedAgentId, agents) };
    }),
  selectAgent: (id) => set({ selectedAgentId: id }),
});

/** Keeps the selection while its agent exists; otherwise falls back to a live agent, then any. */
function keepOrPickSelection(selected: string | null, agents: readonly Agent[]): string | null {
  if (selected !== null && agents.some((agent) => agent.id === selected)) return selected;
  const live = agents.find((agent) => !ENDED_STATUSES.includes(agent.status));
  return (live ?? agents[0])?.id ?? null;
}
