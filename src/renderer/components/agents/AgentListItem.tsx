import { PENDING_STATUSES, type Agent } from '../../../shared/domain';
import { hasFinishedTask, isEnded } from '../../state/selectors';
import { useStore } from '../../state/store';
import { AgentLockBadge } from '../locks/AgentLockBadge';
import { CheckBadge } from '../checks/CheckBadge';
import { agentColors } from '../map/agent-colors';
import { AgentTimes } from './AgentTimes';
import { ResumeAgentButton } from './ResumeAgentButton';
import { StatusBadge } from './StatusBadge';
import { WorkspaceBadge } from './WorkspaceBadge';
import { StopAgentButton } from './StopAgentButton';

/** Alt+1..9 reach the first nine agents; the tooltip says which key. */
const SHORTCUT_SLOTS = 9;

export function AgentListItem(props: { agent: Agent; index: number; selected: boolean }) {
  const { agent, index, selected } = props;
  const showAgent = useStore((s) => s.showAgent);
  // The same colour the change map draws this agent's files in.
  const color = useStore((s) => agentColors(s.agents).colorOf(agent.id));
  const metaId = `agent-meta-${agent.id}`;
  const queueId = `agent-queue-${agent.id}`;
  const detailId = `agent-detail-${agent.id}`;
  const queued = agent.status === 'queued';
  const pending = PENDING_STATUSES.includes(agent.status);
  const describedBy = [metaId, queued && queueId, agent.detail && detailId].filter(Boolean).join(' ');
  return (
    <li role="listitem" className={selected ? 'agent-item selected' : 'agent-item'} data-agent-id={agent.id}>
      {/* Named by the agent alone: status words ("starting", "stopped") in the name would make
          "Start"/"Stop" ambiguous for anyone finding buttons by name; they stay as description. */}
      <button
        type="button"
        className="agent-select"
        aria-label={agent.name}
        aria-describedby={describedBy}
        aria-current={selected ? 'true' : undefined}
        title={index < SHORTCUT_SLOTS ? `Alt+${index + 1}` : undefined}
        onClick={() => showAgent(agent.id)}
      >
        <span className="agent-name">
          <span className="agent-swatch" style={{ background: color }} aria-hidden="true" />
          {agent.name}
        </span>
        <span className="agent-meta" id={metaId}>
          <StatusBadge status={agent.status} />
          {agent.stuck && (
            <span className="stuck-badge" data-stuck="true" title="No progress for longer than the stuck threshold (Settings)">
              stuck
            </span>
          )}
          {/* An agent that has not started has no process yet. */}
          {!pending && <span className="agent-pid">{agent.pid === null ? 'no pid' : `pid ${agent.pid}`}</span>}
          <WorkspaceBadge agent={agent} />
          <AgentLockBadge agentId={agent.id} />
          <CheckBadge agentId={agent.id} />
        </span>
        <AgentTimes agent={agent} />
        {queued && <QueuePosition agent={agent} id={queueId} />}
        {agent.detail && (
          <span className="agent-detail" id={detailId} title={agent.detail}>
            {agent.detail}
          </span>
        )}
      </button>
      <div className="agent-actions">
        <StopAgentButton agent={agent} />
        {isEnded(agent) && agent.sessionId !== null && <ResumeAgentButton agent={agent} />}
      </div>
    </li>
  );
}

/**
 * A queued agent's priority, and what it still waits for (dependencies by name, else a free slot)
 * unless the core's own reason (its `detail`, shown below) already says it.
 */
function QueuePosition({ agent, id }: { agent: Agent; id: string }) {
  // A string, so the item re-renders only when what it shows changes.
  const waitsFor = useStore((s) =>
    agent.after
      .map((depId) => ({ depId, dep: s.agents.find((other) => other.id === depId) }))
      .filter(({ dep }) => !dep || !hasFinishedTask(dep))
      .map(({ depId, dep }) => dep?.name ?? depId)
      .join(', '),
  );
  const waiting = waitsFor ? `Waits for ${waitsFor}` : 'Waits for a free slot';
  return (
    <span className="agent-queue" id={id} data-testid={`queue-${agent.id}`}>
      {agent.detail ? `Priority ${agent.priority}` : `${waiting} · priority ${agent.priority}`}
    </span>
  );
}
