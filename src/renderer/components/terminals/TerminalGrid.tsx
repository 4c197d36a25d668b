import { useLiveAgents, useSelectedAgentId } from '../../state/selectors';
import { AgentPane } from '../agents/AgentPane';
import { EmptyState } from '../EmptyState';

/** Every live agent's terminal at once, in a near-square grid. */
export function TerminalGrid() {
  const agents = useLiveAgents();
  const selectedAgentId = useSelectedAgentId();
  if (agents.length === 0) {
    return <EmptyState>No agent is running. Switch to Tabs to read the output of agents that ended.</EmptyState>;
  }
  const columns = Math.ceil(Math.sqrt(agents.length));
  return (
    <div className="terminal-grid" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
      {agents.map((agent) => (
        <AgentPane key={agent.id} agent={agent} selected={agent.id === selectedAgentId} />
      ))}
    </div>
  );
}
