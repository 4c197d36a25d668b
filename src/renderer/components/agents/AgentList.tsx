import { useAgents, useSelectedAgentId } from '../../state/selectors';
import { AgentListItem } from './AgentListItem';

export function AgentList() {
  const agents = useAgents();
  const selectedAgentId = useSelectedAgentId();
  return (
    <>
      {/* role="list" is explicit: list-style: none makes some browsers drop list semantics. */}
      <ul className="agent-list" role="list" aria-label="Agents">
        {agents.map((agent, index) => (
          <AgentListItem key={agent.id} agent={agent} index={index} selected={agent.id === selectedAgentId} />
        ))}
      </ul>
      {agents.length === 0 && <p className="sidebar-empty">No agents yet.</p>}
    </>
  );
}
