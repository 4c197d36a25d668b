import { useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../state/store';
import { addClaimPatterns } from './claim-patterns';
import { ClaimPicker } from './ClaimPicker';
import { shownPattern } from './lock-display';
import './locks.css';

const PICKER_ID = 'agent-claims-picker';
const KNOWN_PATHS_ID = 'agent-claims-known';

/**
 * Paths claimed now or chosen for an agent before, as suggestions. Switchyard has no command that
 * lists the repository's files yet, so these and what the user types are all there is.
 */
const useKnownClaimPatterns = (): string[] =>
  useStore(
    useShallow((s) =>
      [...new Set([...s.claims.map(shownPattern), ...s.agents.flatMap((agent) => agent.claims)])].sort((a, b) => a.localeCompare(b)),
    ),
  );

/**
 * "Files it owns" in the launch form: type a path, a directory ending in "/" or a glob and Add it
 * (Enter does too), or choose among known paths; each claim shows as a chip that can be removed.
 * What is typed but not added yet is the form's to include on submit.
 */
export function ClaimsEditor(props: {
  claims: string[];
  draft: string;
  onClaimsChange: (claims: string[]) => void;
  onDraftChange: (draft: string) => void;
}) {
  const { claims, draft, onClaimsChange, onDraftChange } = props;
  const known = useKnownClaimPatterns();
  const [pickerOpen, setPickerOpen] = useState(false);

  const addDraft = (): void => {
    if (draft.trim() === '') return;
    onClaimsChange(addClaimPatterns(claims, draft));
    onDraftChange('');
  };
  // Enter adds the typed claim instead of starting the agent; with nothing typed it starts as usual.
  const addOnEnter = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey && draft.trim() !== '') {
      event.preventDefault();
      addDraft();
    }
  };

  return (
    <div className="claims-editor">
      <label htmlFor="agent-claims">
        Files it owns <span className="optional">optional · a file, a directory ending in /, or a glob</span>
      </label>
      <div className="claims-input-row">
        <input
          id="agent-claims"
          type="text"
          list={KNOWN_PATHS_ID}
          value={draft}
          spellCheck={false}
          autoComplete="off"
          placeholder="src/api/**, docs/api.md"
          onChange={(event) => onDraftChange(event.target.value)}
          onKeyDown={addOnEnter}
        />
        <button type="button" disabled={draft.trim() === ''} onClick={addDraft}>
          Add
        </button>
        <button type="button" aria-expanded={pickerOpen} aria-controls={PICKER_ID} onClick={() => setPickerOpen((open) => !open)}>
          Choose files…
        </button>
      </div>
      <datalist id={KNOWN_PATHS_ID}>
        {known.map((pattern) => (
          <option key={pattern} value={pattern} />
        ))}
      </datalist>
      {claims.length > 0 && (
        <ul className="claim-chips" role="list" aria-label="Claims it will hold">
          {claims.map((claim) => (
            <li key={claim} className="claim-chip">
              {claim}
              <button type="button" aria-label={`Remove ${claim}`} onClick={() => onClaimsChange(claims.filter((c) => c !== claim))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {pickerOpen && <ClaimPicker id={PICKER_ID} known={known} selected={claims} onChange={onClaimsChange} />}
    </div>
  );
}
