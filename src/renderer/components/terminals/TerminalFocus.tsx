import type { Agent } from '../../../shared/domain';
import { useAgent, useLiveAgents, useSelectedAgentId } from '../../state/selectors';
import { useStore } from '../../state/store';
import { AgentPane } from '../agents/AgentPane';
import { EmptyState } from '../EmptyState';
import { StatusBadge } from '../agents/StatusBadge';
import { TerminalView } from './TerminalView';

/**
 * The Focus layout: the selected agent's terminal large, every other live agent beside it as a
 * live thumbnail (its screen scaled down, at the size its pty has). A click on a thumbnail
 * brings that agent to the large pane; Alt+Shift+arrows step through them.
 */
export function TerminalFocus() {
  const agents = useLiveAgents();
  const selected = useAgent(useSelectedAgentId()) ?? agents[0];
  const showAgent = useStore((s) => s.showAgent);
  if (!selected) return <EmptyState>Select an agent on the left to see its terminal.</EmptyState>;
  const others = agents.filter((agent) => agent.id !== selected.id);
  return (
    <div className="terminal-focus">
      <div className="terminal-focus-main">
        {/* Keyed by id, like Tabs: another agent attaches its own terminal and takes the keyboard. */}
        <AgentPane key={selected.id} agent={selected} focusOnShow />
      </div>
      {others.length > 0 && (
        <nav className="terminal-strip" aria-label="Other agents">
          {others.map((agent) => (
            <TerminalThumbnail key={agent.id} agent={agent} onShow={() => showAgent(agent.id)} />
          ))}
        </nav>
      )}
    </div>
  );
}

function TerminalThumbnail({ agent, onShow }: { agent: Agent; onShow(): void }) {
  return (
    <button type="button" className="terminal-thumbnail" aria-label={`Show ${agent.name}`} title={agent.task} onClick={onShow}>
      <span className="terminal-thumbnail-header">
        <span className="terminal-thumbnail-name">{agent.name}</span>
        <StatusBadge status={agent.status} />
      </span>
      <span className="terminal-thumbnail-body">
        <TerminalView agentId={agent.id} initialSize={agent} focusOnShow={false} display="thumbnail" />
      </span>
    </button>
  );
}
