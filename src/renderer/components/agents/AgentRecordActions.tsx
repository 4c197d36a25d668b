import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { LaunchInputSchema } from '../../../shared/contract';
import type { Agent } from '../../../shared/domain';
import { useServices } from '../../services-context';
import { removeAgent, renameAgent, runAgain } from '../../state/agent-record-actions';
import { isEnded } from '../../state/selectors';
import { useStore } from '../../state/store';
import { templateOfAgent } from '../../state/template-actions';
import { IsolationDialog, type IsolationAction } from './IsolationDialog';
import { SaveTemplateBox, templateNameFrom } from './SaveTemplateBox';
import './agent-record-actions.css';

type Mode = 'idle' | 'renaming' | 'confirming-remove' | 'saving-template';

/**
 * The agent pane's actions on the agent's record: Rename (any agent), and for one that has ended,
 * Run again (the new-agent form with its task, claims and priority) and Remove (after a confirm;
 * its activity log and change history stay). Each is a plain button or form: keyboard reachable.
 */
export function AgentRecordActions({ agent }: { agent: Agent }) {
  const [mode, setMode] = useState<Mode>('idle');
  const [isolation, setIsolation] = useState<IsolationAction | null>(null);
  const ended = isEnded(agent);
  if (mode === 'renaming') return <RenameForm agent={agent} onDone={() => setMode('idle')} />;
  if (mode === 'confirming-remove') return <ConfirmRemove agent={agent} onDone={() => setMode('idle')} />;
  if (mode === 'saving-template') {
    return (
      <SaveTemplateBox
        idPrefix={`record-${agent.id}`}
        suggestedName={templateNameFrom(agent.name)}
        template={() => templateOfAgent(agent, useStore.getState().agents)}
        onDone={(message) => {
          setMode('idle');
          if (message) useStore.getState().pushToast(message, { tone: 'info' });
        }}
      />
    );
  }
  return (
    <div className="agent-record-actions" role="group" aria-label={`Actions on ${agent.name}`}>
      <button type="button" className="small-button" title={`Give ${agent.name} another name`} onClick={() => setMode('renaming')}>
        Rename
      </button>
      <button
        type="button"
        className="small-button"
        title={`Save ${agent.name}'s task, claims, priority and Codex arguments as a template in .agents/templates/`}
        onClick={() => setMode('saving-template')}
      >
        Save as template
      </button>
      {agent.workspace && (
        <button
          type="button"
          className="small-button"
          title={`Write ${agent.name}'s changes into the shared tree (a preview first); it then works there`}
          onClick={() => setIsolation('move')}
        >
          Move to shared
        </button>
      )}
      {ended && (
        <>
          <button type="button" className="small-button" title={`Start a new agent with ${agent.name}'s task, claims and priority`} onClick={() => runAgain(agent)}>
            Run again
          </button>
          {agent.workspace ? (
            <button
              type="button"
              className="small-button"
              title={`Remove ${agent.name}'s worktree and branch ${agent.workspace.branch} (says first what would be lost)`}
              onClick={() => setIsolation('discard')}
            >
              Discard…
            </button>
          ) : (
            <button type="button" className="small-button" title={`Remove ${agent.name} from the list`} onClick={() => setMode('confirming-remove')}>
              Remove
            </button>
          )}
        </>
      )}
      {agent.workspace && <IsolationDialog agent={agent} action={isolation} onClose={() => setIsolation(null)} />}
    </div>
  );
}

function RenameForm({ agent, onDone }: { agent: Agent; onDone: () => void }) {
  const services = useServices();
  const [name, setName] = useState(agent.name);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const inputId = `rename-${agent.id}`;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (saving) return;
    const checked = LaunchInputSchema.shape.name.safeParse(name);
    if (!checked.success) return setProblem(checked.error.issues[0]?.message ?? 'Check the name.');
    if (checked.data === agent.name) return onDone();
    setSaving(true);
    const result = await renameAgent(services, agent, checked.data);
    setSaving(false);
    if (result.ok) onDone();
    else setProblem(result.error.message);
  };
  const cancelOnEscape = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onDone();
    }
  };

  return (
    <form className="agent-rename-form" noValidate onSubmit={(event) => void submit(event)}>
      <label htmlFor={inputId} className="visually-hidden">
        New name for {agent.name}
      </label>
      <input
        id={inputId}
        type="text"
        value={name}
        maxLength={80}
        autoComplete="off"
        // The user asked to rename: the keys go to the field at once.
        autoFocus
        aria-invalid={problem !== null}
        onChange={(event) => {
          setProblem(null);
          setName(event.target.value);
        }}
        onKeyDown={cancelOnEscape}
      />
      <button type="submit" className="small-button" disabled={saving}>
        Save
      </button>
      <button type="button" className="small-button" onClick={onDone}>
        Cancel
      </button>
      {problem && (
        <span className="inline-error" role="alert">
          {problem}
        </span>
      )}
    </form>
  );
}

function ConfirmRemove({ agent, onDone }: { agent: Agent; onDone: () => void }) {
  const services = useServices();
  const [removing, setRemoving] = useState(false);
  const remove = async (): Promise<void> => {
    setRemoving(true);
    await removeAgent(services, agent);
    // On success this component goes with the agent; on failure the toast says why.
    setRemoving(false);
    onDone();
  };
  return (
    <div className="agent-record-actions" role="group" aria-label={`Remove ${agent.name}?`}>
      <span>Remove {agent.name} from the list? Its log and change history stay.</span>
      {/* The confirm takes the focus, so Enter confirms and Tab reaches Keep. */}
      <button type="button" className="small-button danger" autoFocus disabled={removing} onClick={() => void remove()}>
        Remove {agent.name}
      </button>
      <button type="button" className="small-button" onClick={onDone}>
        Keep
      </button>
    </div>
  );
}
