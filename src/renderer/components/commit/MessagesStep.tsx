import { useState } from 'react';
import type { PlanEdit } from '../../../shared/commit';
import { useServices } from '../../services-context';
import { editCommitPlan } from './commit-actions';
import { useCommitPlan } from './commit-selectors';
import { committableGroups, includedIsolated } from './plan-view';

/** Step 3: the drafted message of each commit, editable; conventional-commit drafts on request. */
export function MessagesStep() {
  const services = useServices();
  const plan = useCommitPlan();
  if (!plan) return null;
  const single = plan.strategy === 'single';
  return (
    <div className="commit-messages-step">
      <label className="checkbox-label">
        <input
          type="checkbox"
          checked={plan.conventional}
          onChange={(event) => void editCommitPlan(services, { type: 'set-conventional', conventional: event.target.checked })}
        />
        Conventional commits (<code>feat: …</code>, <code>fix: …</code>) for drafted messages
      </label>
      <p className="commit-note">
        A message you edit is kept as you wrote it; empty it to get the draft back.
        {single && ' The strategy is one commit for everything, so its single message is used.'}
      </p>
      {single ? (
        <MessageEditor
          key={`single:${plan.singleMessage}`}
          id="commit-message-single"
          label="Message of the single commit"
          message={plan.singleMessage}
          edited={plan.singleMessageEdited}
          toEdit={(message) => ({ type: 'set-single-message', message })}
        />
      ) : (
        committableGroups(plan).map((group) => (
          <MessageEditor
            key={`${group.id}:${group.message}`}
            id={`commit-message-${group.id}`}
            label={`Message for ${group.title}`}
            hint={`${group.files.length} ${group.files.length === 1 ? 'file' : 'files'}`}
            message={group.message}
            edited={group.messageEdited}
            toEdit={(message) => ({ type: 'set-message', groupId: group.id, message })}
          />
        ))
      )}
      {includedIsolated(plan)
        .filter((group) => group.mode !== 'cherry-pick')
        .map((group) => (
          <MessageEditor
            key={`${group.id}:${group.message}`}
            id={`commit-message-${group.id}`}
            label={`Message for ${group.title}`}
            hint={`${group.mode === 'merge' ? 'Merge commit' : 'Squashed commit'}, ${group.files.length} ${group.files.length === 1 ? 'file' : 'files'}`}
            message={group.message}
            edited={group.messageEdited}
            toEdit={(message) => ({ type: 'set-isolated-message', groupId: group.id, message })}
          />
        ))}
    </div>
  );
}

/** Saves when the field loses the focus; the core's answer (re-keyed by message) resets the field. */
function MessageEditor(props: { id: string; label: string; hint?: string; message: string; edited: boolean; toEdit: (message: string) => PlanEdit }) {
  const { id, label, hint, message, edited, toEdit } = props;
  const services = useServices();
  const [draft, setDraft] = useState(message);
  return (
    <div className="commit-message">
      <label htmlFor={id}>
        {label} <span className="commit-muted">{edited ? '(edited)' : '(drafted)'}</span>
      </label>
      {hint && <div className="commit-muted">{hint}</div>}
      <textarea
        id={id}
        rows={Math.min(12, Math.max(4, draft.split('\n').length + 1))}
        value={draft}
        spellCheck
        onChange={(event) => setDraft(event.target.value)}
        onBlur={() => {
          if (draft !== message) void editCommitPlan(services, toEdit(draft));
        }}
      />
    </div>
  );
}
