import { useShallow } from 'zustand/react/shallow';
import { canBeWaitedFor } from '../../state/selectors';
import { useStore } from '../../state/store';
import { StatusBadge } from './StatusBadge';

/**
 * "Waits for" in the new-agent form: one checkbox per agent the new one may wait for, named by
 * the agent alone (its status is the description). Agents that ended without finishing, or are
 * blocked, are left out: waiting for them would block the new agent at once.
 */
export function WaitsForPicker(props: { selected: readonly string[]; onChange: (ids: string[]) => void }) {
  const candidates = useStore(useShallow((s) => s.agents.filter(canBeWaitedFor)));
  const toggle = (id: string, checked: boolean): void =>
    props.onChange(checked ? [...props.selected, id] : props.selected.filter((selected) => selected !== id));

  return (
    <fieldset className="waits-for">
      <legend>
        Waits for <span className="optional">optional · starts once these have done their work</span>
      </legend>
      {candidates.length === 0 ? (
        <p className="field-hint">No agent to wait for yet.</p>
      ) : (
        <ul className="waits-for-list" role="list">
          {candidates.map((agent) => {
            const inputId = `waits-for-${agent.id}`;
            return (
              <li key={agent.id} className="waits-for-option">
                <input
                  id={inputId}
                  type="checkbox"
                  value={agent.id}
                  checked={props.selected.includes(agent.id)}
                  aria-describedby={`${inputId}-status`}
                  onChange={(event) => toggle(agent.id, event.target.checked)}
                />
                <label htmlFor={inputId} title={agent.id}>
                  {agent.name}
                </label>
                <span id={`${inputId}-status`}>
                  <StatusBadge status={agent.status} />
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}
