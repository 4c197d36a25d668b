import { useState } from 'react';
import type { Agent } from '../../../shared/domain';
import { useAgent, useLiveAgents, useSelectedAgentId } from '../../state/selectors';
import { useStore } from '../../state/store';
import { stripColumns } from '../../terminals/pane-layout';
import { AgentPane } from '../agents/AgentPane';
import { EmptyState } from '../EmptyState';
import { TerminalView } from './TerminalView';
import { useElementSize } from './use-element-size';

/** The gap between thumbnails, as in terminal-layouts.css. */
const STRIP_GAP = 6;

/**
 * The Focus layout: the selected agent's terminal large, every other live agent beside it as a
 * live thumbnail (its screen scaled down, at the size its pty has). A click on a thumbnail
 * brings that agent to the large pane; Alt+Shift+arrows and Alt+PageUp/PageDown step through them.
 * Maximized (Alt+Z, or the pane's button), the large pane takes the thumbnails' place too.
 */
export function TerminalFocus() {
  const agents = useLiveAgents();
  const selected = useAgent(useSelectedAgentId()) ?? agents[0];
  const showAgent = useStore((s) => s.showAgent);
  const maximizedAgentId = useStore((s) => s.maximizedAgentId);
  const toggleMaximized = useStore((s) => s.toggleMaximized);
  const [strip, setStrip] = useState<HTMLElement | null>(null);
  const stripSize = useElementSize(strip);
  if (!selected) return <EmptyState>Select an agent on the left to see its terminal.</EmptyState>;
  const others = agents.filter((agent) => agent.id !== selected.id);
  const maximized = maximizedAgentId === selected.id;
  // As few columns as let every thumbnail fit (the largest they can be): twenty agents on one screen.
  const columns = stripColumns(stripSize.width, stripSize.height, others.length, STRIP_GAP);
  return (
    <div className="terminal-focus">
      <div className="terminal-focus-main">
        {/* Keyed by id, like Tabs: another agent attaches its own terminal and takes the keyboard. */}
        <AgentPane
          key={selected.id}
          agent={selected}
          focusOnShow
          maximize={others.length > 0 || maximized ? { maximized, onToggle: () => toggleMaximized(selected.id), others: 'the other agents' } : undefined}
        />
      </div>
      {others.length > 0 && !maximized && (
        <nav ref={setStrip} className="terminal-strip" aria-label="Other agents" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
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
    <button type="button" className="terminal-thumbnail" aria-label={`Show ${agent.name}`} title={`${agent.name}: ${agent.status}\n${agent.task}`} onClick={onShow}>
      <span className="terminal-thumbnail-header">
        <span className="terminal-thumbnail-name">{agent.name}</span>
        {/* A dot in the status's colour, as on the tabs: the name needs the room more than a badge. */}
        <span className={`terminal-tab-status status-${agent.status}`} data-status={agent.status} aria-hidden="true" />
      </span>
      <span className="terminal-thumbnail-body">
        <TerminalView agentId={agent.id} initialSize={agent} focusOnShow={false} display="thumbnail" />
      </span>
    </button>
  );
}
