import { useState } from 'react';
import type { Agent } from '../../../shared/domain';
import { useServices } from '../../services-context';
import { clearEndedAgents } from '../../state/agent-record-actions';
import { useStore } from '../../state/store';
import { ConfirmDialog } from '../ConfirmDialog';
import { AgentListItem } from './AgentListItem';
import './ended-agents.css';

const ENDED_LIST_ID = 'ended-agents';

/**
 * The sidebar's "Ended (N)": agents whose process has ended, below the live ones, foldable (the
 * fold is remembered per repository), with "Clear ended" to remove them all from the list after a
 * confirm. Their activity log and change history stay, as with Remove on one agent.
 */
export function EndedAgentsSection(props: { ended: Agent[]; firstIndex: number; selectedAgentId: string | null }) {
  const { ended, firstIndex, selectedAgentId } = props;
  const collapsed = useStore((s) => s.endedCollapsed);
  const toggleEndedCollapsed = useStore((s) => s.toggleEndedCollapsed);
  return (
    <section className="ended-agents" aria-label="Ended agents">
      <div className="ended-agents-header">
        <button
          type="button"
          className="ended-agents-toggle"
          aria-expanded={!collapsed}
          aria-controls={collapsed ? undefined : ENDED_LIST_ID}
          onClick={toggleEndedCollapsed}
        >
          <span aria-hidden="true">{collapsed ? '▸' : '▾'}</span> Ended ({ended.length})
        </button>
        <ClearEndedButton ended={ended} />
      </div>
      {!collapsed && (
        <ul id={ENDED_LIST_ID} className="agent-list" role="list" aria-label="Ended agents">
          {ended.map((agent, index) => (
            <AgentListItem key={agent.id} agent={agent} index={firstIndex + index} selected={agent.id === selectedAgentId} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ClearEndedButton({ ended }: { ended: Agent[] }) {
  const services = useServices();
  const [confirming, setConfirming] = useState(false);
  const [clearing, setClearing] = useState(false);
  const count = ended.length === 1 ? '1 ended agent' : `${ended.length} ended agents`;
  const clear = async (): Promise<void> => {
    setConfirming(false);
    setClearing(true);
    await clearEndedAgents(services, ended);
    setClearing(false);
  };
  return (
    <>
      <button
        type="button"
        className="small-button"
        title="Remove every ended agent from the list; their logs and change history stay"
        disabled={clearing}
        onClick={() => setConfirming(true)}
      >
        Clear ended
      </button>
      <ConfirmDialog
        open={confirming}
        title="Clear ended agents"
        confirmLabel="Clear ended"
        onConfirm={() => void clear()}
        onCancel={() => setConfirming(false)}
      >
        Remove {count} from the list? Their activity logs and change history stay.
      </ConfirmDialog>
    </>
  );
}
