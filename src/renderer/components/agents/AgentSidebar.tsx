import { useStore } from '../../state/store';
import { AgentList } from './AgentList';
import { MonitorPanel } from '../monitor/MonitorPanel';
import { StopAllButton } from './StopAllButton';

export function AgentSidebar() {
  const openNewAgentDialog = useStore((s) => s.openNewAgentDialog);
  return (
    <aside className="sidebar">
      <div className="sidebar-header">
        <h2 className="sidebar-title">Agents</h2>
        <div className="sidebar-actions">
          <StopAllButton />
          <button type="button" className="primary" title="Ctrl+Shift+N" onClick={() => openNewAgentDialog()}>
            New agent
          </button>
        </div>
      </div>
      <AgentList />
      <MonitorPanel />
    </aside>
  );
}
