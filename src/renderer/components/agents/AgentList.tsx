import { useAgentsInListOrder, useSelectedAgentId, isEnded } from '../../state/selectors';
import { AgentListItem } from './AgentListItem';
import { EndedAgentsSection } from './EndedAgentsSection';

/** Running and queued agents, then the ended ones in their own foldable section; Alt+1…9 count in this order. */
export function AgentList() {
  const agents = useAgentsInListOrder();
  const selectedAgentId = useSelectedAgentId();
  const live = agents.filter((agent) => !isEnded(agent));
  const ended = agents.filter(isEnded);
  return (
    <>
      {/* role="list" is explicit: list-style: none makes some browsers drop list semantics. */}
      <ul className="agent-list" role="list" aria-label="Agents">
        {live.map((agent, index) => (
          <AgentListItem key={agent.id} agent={agent} index={index} selected={agent.id === selectedAgentId} />
        ))}
      </ul>
      {agents.length === 0 && <p className="sidebar-empty">No agents yet.</p>}
      {ended.length > 0 && <EndedAgentsSection ended={ended} firstIndex={live.length} selectedAgentId={selectedAgentId} />}
    </>
  );
}
