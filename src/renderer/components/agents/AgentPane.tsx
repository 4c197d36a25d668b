import type { Agent } from '../../../shared/domain';
import { useSearchAgentId } from '../../state/selectors';
import { useStore } from '../../state/store';
import { AgentClaimList } from './AgentClaimList';
import { AgentRecordActions } from './AgentRecordActions';
import { StatusBadge } from './StatusBadge';
import { TerminalSearchBox } from '../terminals/TerminalSearchBox';
import { TerminalView } from '../terminals/TerminalView';

/** Long tasks are cut for the one-line header; the tooltip keeps the whole text. */
const TASK_PREVIEW_CHARS = 200;

/** One agent's terminal with a header line: name, status, pid, task, claims, and actions on the agent. */
export function AgentPane(props: { agent: Agent; focusOnShow?: boolean; selected?: boolean }) {
  const { agent } = props;
  const searching = useSearchAgentId() === agent.id;
  const selectAgent = useStore((s) => s.selectAgent);
  const className = props.selected ? 'agent-pane selected' : 'agent-pane';
  return (
    <section className={className} aria-label={`Terminal of ${agent.name}`} onFocusCapture={() => selectAgent(agent.id)}>
      <div className="agent-pane-header">
        <span className="agent-pane-name">{agent.name}</span>
        <StatusBadge status={agent.status} />
        <span className="agent-pane-pid">{agent.pid === null ? 'no pid' : `pid ${agent.pid}`}</span>
        <span className="agent-pane-task" title={agent.task}>
          {truncate(agent.task, TASK_PREVIEW_CHARS)}
        </span>
        <AgentClaimList agentId={agent.id} agentName={agent.name} />
        <AgentRecordActions agent={agent} />
      </div>
      {agent.detail && <p className="agent-pane-detail">{agent.detail}</p>}
      <div className="agent-pane-body">
        <TerminalView agentId={agent.id} initialSize={agent} focusOnShow={props.focusOnShow ?? false} />
        {searching && <TerminalSearchBox agentId={agent.id} />}
      </div>
    </section>
  );
}

function truncate(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}
