import { useAgent, useAgents, useLayout, useRepo, useSelectedAgentId } from '../state/selectors';
import { useStore } from '../state/store';
import { AgentPane } from './agents/AgentPane';
import { EmptyState } from './EmptyState';
import { LayoutToggle } from './terminals/LayoutToggle';
import { LocksPanel } from './locks/LocksPanel';
import { LocksToggle } from './locks/LocksToggle';
import { ChangeMapView } from './map/ChangeMapView';
import { TerminalGrid } from './terminals/TerminalGrid';

export function MainArea() {
  const hasAgents = useAgents().length > 0;
  const layout = useLayout();
  const mapOpen = useStore((s) => s.mapOpen);
  return (
    <main className="main-area">
      <div className="main-toolbar">
        <LocksToggle />
        <LayoutToggle />
      </div>
      <div className="main-content">
        {mapOpen ? <ChangeMapView /> : !hasAgents ? <NoAgents /> : layout === 'grid' ? <TerminalGrid /> : <SelectedAgentPane />}
      </div>
      <LocksPanel />
    </main>
  );
}

function SelectedAgentPane() {
  const agent = useAgent(useSelectedAgentId());
  if (!agent) return <EmptyState>Select an agent on the left to see its terminal.</EmptyState>;
  // Keyed by id so switching agents attaches the other terminal and focuses it.
  return <AgentPane key={agent.id} agent={agent} focusOnShow />;
}

function NoAgents() {
  const repo = useRepo();
  if (repo === null) {
    return (
      <EmptyState>
        No repository is open. Open a git repository above, then click New agent to start a Codex agent in it.
      </EmptyState>
    );
  }
  return (
    <EmptyState>
      Click New agent to start a Codex agent in this repository.
      <span className="empty-hint">Shortcut: Ctrl+Shift+N. Alt+1…9 switch between agents.</span>
    </EmptyState>
  );
}
