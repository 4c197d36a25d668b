import type { Agent } from '../../shared/domain';
import { useStore } from '../state/store';
import { StatusBadge } from './StatusBadge';
import { StopAgentButton } from './StopAgentButton';

/** Alt+1..9 reach the first nine agents; the tooltip says which key. */
const SHORTCUT_SLOTS = 9;

export function AgentListItem(props: { agent: Agent; index: number; selected: boolean }) {
  const { agent, index, selected } = props;
  const selectAgent = useStore((s) => s.selectAgent);
  const metaId = `agent-meta-${agent.id}`;
  return (
    <li role="listitem" className={selected ? 'agent-item selected' : 'agent-item'} data-agent-id={agent.id}>
      {/* Named by the agent alone: status words ("starting", "stopped") in the name would make
          "Start"/"Stop" ambiguous for anyone finding buttons by name; they stay as description. */}
      <button
        type="button"
        className="agent-select"
        aria-label={agent.name}
        aria-describedby={metaId}
        aria-current={selected ? 'true' : undefined}
        title={index < SHORTCUT_SLOTS ? `Alt+${index + 1}` : undefined}
        onClick={() => selectAgent(agent.id)}
      >
        <span className="agent-name">{agent.name}</span>
        <span className="agent-meta" id={metaId}>
          <StatusBadge status={agent.status} />
          <span className="agent-pid">{agent.pid === null ? 'no pid' : `pid ${agent.pid}`}</span>
        </span>
      </button>
      <StopAgentButton agent={agent} />
    </li>
  );
}
