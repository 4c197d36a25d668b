import { useAgents, useRepo } from '../state/selectors';
import { useStore } from '../state/store';
import { EmptyState } from './EmptyState';
import { LayoutToggle } from './terminals/LayoutToggle';
import { LocksPanel } from './locks/LocksPanel';
import { LocksToggle } from './locks/LocksToggle';
import { MapArea } from './map/MapArea';
import { MetricsArea } from './metrics/MetricsArea';
import { TerminalLayout } from './terminals/TerminalLayout';
import { Toasts } from './Toasts';

export function MainArea() {
  const hasAgents = useAgents().length > 0;
  const mapOpen = useStore((s) => s.mapOpen);
  const metricsOpen = useStore((s) => s.metricsOpen);
  return (
    <main className="main-area">
      <div className="main-toolbar">
        <LocksToggle />
        <LayoutToggle />
      </div>
      <div className="main-content">
        {metricsOpen ? <MetricsArea /> : mapOpen ? <MapArea /> : !hasAgents ? <NoAgents /> : <TerminalLayout />}
        {/* At the top of the terminals: at the bottom they hid Codex's composer and status line. */}
        <Toasts />
      </div>
      <LocksPanel />
    </main>
  );
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
      <span className="empty-hint">Shortcut: Ctrl+Shift+N. Alt+1…9 switch between agents; ? lists every shortcut.</span>
    </EmptyState>
  );
}
