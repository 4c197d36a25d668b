import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Agent } from '../../../shared/domain';
import { useAgent, useAgents, useAgentsInListOrder, useSelectedAgentId } from '../../state/selectors';
import { useStore } from '../../state/store';
import { AgentPane } from '../agents/AgentPane';
import { EmptyState } from '../EmptyState';
import { agentColors } from '../map/agent-colors';
import '../navigation.css';

const tabId = (agentId: string): string => `terminal-tab-${agentId}`;
const PANEL_ID = 'terminal-tab-panel';

/**
 * The Tabs layout: one tab per agent (in list order, live agents first, as Alt+1..9 count them) and the selected
 * agent's terminal below. Arrow keys, Home and End move between tabs (the WAI-ARIA tabs pattern).
 */
export function TerminalTabs() {
  const agents = useAgentsInListOrder();
  const selectedAgentId = useSelectedAgentId();
  const showAgent = useStore((s) => s.showAgent);
  // Colours follow launch order (as the map and the sidebar draw them), not the list order.
  const colors = agentColors(useAgents());
  const listRef = useRef<HTMLDivElement>(null);
  // After an arrow key the focus stays on the tabs (to keep moving); after a click or Alt+n it
  // goes to the terminal, to type into.
  const [keyboardTabId, setKeyboardTabId] = useState<string | null>(null);
  const focusTab = keyboardTabId !== null && keyboardTabId === selectedAgentId;
  useEffect(() => {
    if (focusTab) listRef.current?.querySelector<HTMLElement>(`#${CSS.escape(tabId(keyboardTabId))}`)?.focus();
  }, [focusTab, keyboardTabId]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const index = agents.findIndex((agent) => agent.id === selectedAgentId);
    const next = nextIndex(event.key, index, agents.length);
    if (next === null) return;
    event.preventDefault();
    const agent = agents[next]!;
    setKeyboardTabId(agent.id);
    showAgent(agent.id);
  };

  return (
    <div className="terminal-tabs">
      <div ref={listRef} className="terminal-tab-list" role="tablist" aria-label="Agents’ terminals" onKeyDown={onKeyDown}>
        {agents.map((agent) => (
          <AgentTab
            key={agent.id}
            agent={agent}
            color={colors.colorOf(agent.id)}
            selected={agent.id === selectedAgentId}
            onSelect={() => {
              setKeyboardTabId(null);
              showAgent(agent.id);
            }}
          />
        ))}
      </div>
      <div id={PANEL_ID} className="terminal-tab-panel" role="tabpanel" aria-labelledby={selectedAgentId ? tabId(selectedAgentId) : undefined}>
        <SelectedAgentPane focusOnShow={!focusTab} />
      </div>
    </div>
  );
}

function AgentTab(props: { agent: Agent; color: string; selected: boolean; onSelect: () => void }) {
  const { agent, selected } = props;
  return (
    <button
      type="button"
      role="tab"
      id={tabId(agent.id)}
      className="terminal-tab"
      aria-selected={selected}
      aria-controls={PANEL_ID}
      // Only the selected tab is in the Tab order; arrows reach the others.
      tabIndex={selected ? 0 : -1}
      data-agent-id={agent.id}
      title={`${agent.name}: ${agent.status}`}
      onClick={props.onSelect}
    >
      <span className="agent-swatch" style={{ background: props.color }} aria-hidden="true" />
      {agent.name}
      <span className={`terminal-tab-status status-${agent.status}`} data-status={agent.status} aria-hidden="true" />
    </button>
  );
}

function SelectedAgentPane({ focusOnShow }: { focusOnShow: boolean }) {
  const agent = useAgent(useSelectedAgentId());
  if (!agent) return <EmptyState>Select an agent on the left to see its terminal.</EmptyState>;
  // Keyed by id so switching agents attaches the other terminal (and focuses it, unless the keys are moving between tabs).
  return <AgentPane key={agent.id} agent={agent} focusOnShow={focusOnShow} />;
}

function nextIndex(key: string, index: number, count: number): number | null {
  if (count === 0) return null;
  if (key === 'ArrowRight') return (index + 1) % count;
  if (key === 'ArrowLeft') return (index - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}
