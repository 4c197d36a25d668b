import { useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../state/store';
import { useServices } from '../../services-context';
import { checkClaimPatterns } from '../../state/lock-actions';
import { splitClaimPatterns } from './claim-patterns';
import { ClaimPicker } from './ClaimPicker';
import { shownPattern } from './lock-display';
import './locks.css';

const PICKER_ID = 'agent-claims-picker';
const KNOWN_PATHS_ID = 'agent-claims-known';
const PROBLEMS_ID = 'agent-claims-problems';

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
 * The core checks a typed claim before it is added; a refused one stays typed, with the reason.
 * What is typed but not added yet is the form's to include on submit.
 */
export function ClaimsEditor(props: {
  claims: string[];
  draft: string;
  onClaimsChange: (claims: string[]) => void;
  onDraftChange: (draft: string) => void;
}) {
  const { claims, draft, onClaimsChange, onDraftChange } = props;
  const services = useServices();
  const known = useKnownClaimPatterns();
  const [pickerOpen, setPickerOpen] = useState(false);

  /** Why what was typed cannot be claimed (the core's words, as the Locks panel shows them). */
  const [problems, setProblems] = useState<string[]>([]);
  const [checking, setChecking] = useState(false);

  // Each typed claim is checked by the core before it becomes a chip: one outside the repository
  // stays in the field with the reason under it, instead of failing later at launch.
  const addDraft = async (): Promise<void> => {
    const typed = splitClaimPatterns(draft);
    if (typed.length === 0 || checking) return;
    setChecking(true);
    const result = await checkClaimPatterns(services, typed);
    setChecking(false);
    if (!result.ok) return setProblems([result.error.message]);
    const refused = result.value.checked.filter((c) => c.reason !== null);
    if (refused.length > 0) return setProblems(refused.map((c) => `${c.pattern}: ${c.reason}`));
    setProblems([]);
    onClaimsChange([...new Set([...claims, ...result.value.checked.map((c) => c.normalized ?? c.pattern)])]);
    onDraftChange('');
  };
  // Enter adds the typed claim instead of starting the agent; with nothing typed it starts as usual.
  const addOnEnter = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey && draft.trim() !== '') {
      event.preventDefault();
      void addDraft();
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
          aria-invalid={problems.length > 0}
          aria-describedby={problems.length > 0 ? PROBLEMS_ID : undefined}
          onChange={(event) => {
            setProblems([]);
            onDraftChange(event.target.value);
          }}
          onKeyDown={addOnEnter}
        />
        <button type="button" disabled={draft.trim() === '' || checking} onClick={() => void addDraft()}>
          Add
        </button>
        <button type="button" aria-expanded={pickerOpen} aria-controls={PICKER_ID} onClick={() => setPickerOpen((open) => !open)}>
          Choose files…
        </button>
      </div>
      {problems.length > 0 && (
        <ul id={PROBLEMS_ID} className="inline-error claim-problems" role="alert">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
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
