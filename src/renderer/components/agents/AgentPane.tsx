import type { MouseEvent } from 'react';
import type { Agent } from '../../../shared/domain';
import { useSearchAgentId } from '../../state/selectors';
import { useStore } from '../../state/store';
import { AgentClaimList } from './AgentClaimList';
import { AgentRecordActions } from './AgentRecordActions';
import { MessagesButton } from '../messages/MessagesButton';
import { CheckControls } from '../checks/CheckControls';
import { StatusBadge } from './StatusBadge';
import { WorkspaceBadge } from './WorkspaceBadge';
import { TerminalSearchBox } from '../terminals/TerminalSearchBox';
import { TerminalView } from '../terminals/TerminalView';

/** Long tasks are cut for the one-line header; the tooltip keeps the whole text. */
const TASK_PREVIEW_CHARS = 200;

/**
 * In the grid (or Focus), a pane can fill the terminals' area and give the place back (the button,
 * or a double-click on the header).
 */
export interface PaneMaximize {
  maximized: boolean;
  onToggle(): void;
  /** What maximizing hides and restoring brings back, for the button's tooltip: "the grid", "the other agents". */
  others: string;
}

/** One agent's terminal with a header line: name, status, pid, task, claims, and actions on the agent. */
export function AgentPane(props: { agent: Agent; focusOnShow?: boolean; selected?: boolean; maximize?: PaneMaximize }) {
  const { agent, maximize } = props;
  const searching = useSearchAgentId() === agent.id;
  const selectAgent = useStore((s) => s.selectAgent);
  const className = props.selected ? 'agent-pane selected' : 'agent-pane';
  return (
    <section className={className} aria-label={`Terminal of ${agent.name}`} onFocusCapture={() => selectAgent(agent.id)}>
      <div className="agent-pane-header" onDoubleClick={maximize ? (event) => onHeaderDoubleClick(event, maximize) : undefined}>
        <span className="agent-pane-name">{agent.name}</span>
        <StatusBadge status={agent.status} />
        <span className="agent-pane-pid">{agent.pid === null ? 'no pid' : `pid ${agent.pid}`}</span>
        <WorkspaceBadge agent={agent} />
        <span className="agent-pane-task" title={agent.task}>
          {truncate(agent.task, TASK_PREVIEW_CHARS)}
        </span>
        <AgentClaimList agentId={agent.id} agentName={agent.name} />
        <AgentRecordActions agent={agent} />
        <MessagesButton thread={agent.id} name={`Messages of ${agent.name}`} />
        <CheckControls agent={agent} />
        {maximize && (
          <button
            type="button"
            className="small-button agent-pane-maximize"
            aria-pressed={maximize.maximized}
            title={maximize.maximized ? `Show ${maximize.others} again (Alt+Z)` : `Let ${agent.name}'s terminal fill the place of ${maximize.others} (Alt+Z)`}
            onClick={maximize.onToggle}
          >
            {maximize.maximized ? 'Restore' : 'Maximize'}
          </button>
        )}
      </div>
      {agent.detail && <p className="agent-pane-detail">{agent.detail}</p>}
      <div className="agent-pane-body">
        <TerminalView agentId={agent.id} initialSize={agent} focusOnShow={props.focusOnShow ?? false} />
        {searching && <TerminalSearchBox agentId={agent.id} />}
      </div>
    </section>
  );
}

/** A double-click on the header's free space; the buttons and fields in it keep their own meaning. */
function onHeaderDoubleClick(event: MouseEvent<HTMLDivElement>, maximize: PaneMaximize): void {
  if (event.target instanceof Element && event.target.closest('button, input, a, form')) return;
  maximize.onToggle();
}

function truncate(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}
