import { useState, type DragEvent } from 'react';
import { useServices } from '../../services-context';
import type { CommitPlan } from '../../state/commit-slice';
import { editCommitPlan } from './commit-actions';
import { useCommitPlan, useCommitWarnings } from './commit-selectors';
import { IsolatedGroups } from './IsolatedGroups';
import { LineStatsView } from './LineStatsView';
import { groupStats, orderedGroups, type CommitGroup } from './plan-view';

/** Step 1: who gets which commit, in which order, and what still needs a decision. */
export function PlanStep() {
  const plan = useCommitPlan();
  const warnings = useCommitWarnings();
  if (!plan) return null;
  return (
    <div className="commit-plan-step">
      {warnings.length > 0 && (
        <ul className="commit-warnings" aria-label="Warnings">
          {warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      <p className="commit-note">
        {plan.changes.length} changed {plan.changes.length === 1 ? 'file' : 'files'}. Groups are committed from top to bottom; drag a group or use
        its arrows to change the order.
      </p>
      <GroupOrderList plan={plan} />
      {plan.undecided.length > 0 && <UndecidedFiles plan={plan} />}
      <IsolatedGroups plan={plan} />
    </div>
  );
}

function GroupOrderList({ plan }: { plan: CommitPlan }) {
  const services = useServices();
  const groups = orderedGroups(plan);
  const [dragged, setDragged] = useState<string | null>(null);
  const move = (groupId: string, index: number): void => void editCommitPlan(services, { type: 'move-group', groupId, index });
  const onDrop = (event: DragEvent, index: number): void => {
    event.preventDefault();
    if (dragged !== null) move(dragged, index);
    setDragged(null);
  };

  return (
    <ol className="commit-group-list" aria-label="Commit groups">
      {groups.map((group, index) => (
        <li
          key={group.id}
          className={`commit-group-card${group.files.length === 0 ? ' empty' : ''}${dragged === group.id ? ' dragging' : ''}`}
          data-group-id={group.id}
          data-files={group.files.length}
          draggable
          onDragStart={(event) => {
            event.dataTransfer.effectAllowed = 'move';
            setDragged(group.id);
          }}
          onDragEnd={() => setDragged(null)}
          onDragOver={(event) => event.preventDefault()}
          onDrop={(event) => onDrop(event, index)}
          aria-label={group.title}
        >
          <span className="commit-drag-handle" aria-hidden="true">
            ⋮⋮
          </span>
          <GroupSummary plan={plan} group={group} />
          <span className="commit-order-buttons">
            <button type="button" aria-label={`Move ${group.title} up`} disabled={index === 0} onClick={() => move(group.id, index - 1)}>
              ↑
            </button>
            <button type="button" aria-label={`Move ${group.title} down`} disabled={index === groups.length - 1} onClick={() => move(group.id, index + 1)}>
              ↓
            </button>
          </span>
        </li>
      ))}
    </ol>
  );
}

function GroupSummary({ plan, group }: { plan: CommitPlan; group: CommitGroup }) {
  const agent = plan.agents.find((a) => a.id === group.agentId);
  const hunkFiles = group.files.filter((file) => file.hunks).length;
  return (
    <div className="commit-group-summary">
      {/* The core's title names the group (the agent, or what a group without one holds): no second label. */}
      <div className="commit-group-title">
        <strong>{group.title}</strong>
      </div>
      {agent && <div className="commit-group-task">{agent.task}</div>}
      <div className="commit-muted">
        {group.files.length === 0 ? 'no files' : `${group.files.length} ${group.files.length === 1 ? 'file' : 'files'}`}
        {hunkFiles > 0 && `, ${hunkFiles} split by hunk`}
        {group.excluded.length > 0 && `, ${group.excluded.length} excluded`} {group.files.length > 0 && <LineStatsView stats={groupStats(plan, group)} />}
      </div>
    </div>
  );
}

/** Files several agents changed where the journal cannot tell whose lines are whose: the user picks. */
function UndecidedFiles({ plan }: { plan: CommitPlan }) {
  const services = useServices();
  const groups = orderedGroups(plan);
  return (
    <section className="commit-undecided" aria-label="Undecided files">
      <h3 className="commit-heading">Needs your decision</h3>
      <ul>
        {plan.undecided.map((file) => (
          <li key={file.path}>
            <code>{file.path}</code> <span className="commit-muted">{file.reason}</span>
            <select
              aria-label={`Group for ${file.path}`}
              value=""
              onChange={(event) => {
                const groupId = event.target.value;
                if (groupId === 'exclude') void editCommitPlan(services, { type: 'exclude-file', path: file.path });
                else if (groupId) void editCommitPlan(services, { type: 'include-file', path: file.path, groupId });
              }}
            >
              <option value="">Choose…</option>
              {writersFirst(groups, file.agentIds).map((group) => (
                <option key={group.id} value={group.id}>
                  Commit with {group.title}
                  {file.agentIds.includes(group.agentId) ? ' (changed it)' : ''}
                </option>
              ))}
              <option value="exclude">Leave uncommitted</option>
            </select>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The groups of the agents that changed the file come first: they are the likely choices. */
function writersFirst(groups: CommitGroup[], agentIds: Array<string | null>): CommitGroup[] {
  return [...groups.filter((g) => agentIds.includes(g.agentId)), ...groups.filter((g) => !agentIds.includes(g.agentId))];
}
