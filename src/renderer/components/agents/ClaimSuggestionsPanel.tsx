import { useEffect, useState } from 'react';
import type { ClaimSuggestions } from '../../../shared/suggestions';
import { useServices } from '../../services-context';
import { suggestClaims } from '../../state/template-actions';
import './templates.css';

/** Asked this long after the last keystroke in the task: once per pause, not once per key. */
const SUGGEST_DELAY_MS = 400;
/** Shorter tasks match everything and nothing: no suggestion until the task says something. */
const MIN_TASK_CHARS = 8;

/**
 * Under "Files it owns": the claims earlier agents with a similar task in this repository ended
 * up needing (Add puts one in the list), and files that caused conflicts before. Nothing shows
 * when no earlier task is similar.
 */
export function ClaimSuggestionsPanel(props: { task: string; claims: readonly string[]; onAdd: (pattern: string) => void }) {
  const services = useServices();
  const [suggestions, setSuggestions] = useState<ClaimSuggestions | null>(null);
  const claimsKey = props.claims.join('\n');

  useEffect(() => {
    const task = props.task.trim();
    if (task.length < MIN_TASK_CHARS) {
      setSuggestions(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      void suggestClaims(services, task, claimsKey === '' ? [] : claimsKey.split('\n')).then((result) => {
        // A failure (no repository, tracking off) shows nothing: suggestions are a help, not a step.
        if (live) setSuggestions(result.ok ? result.value : null);
      });
    }, SUGGEST_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [services, props.task, claimsKey]);

  if (!suggestions || (suggestions.claims.length === 0 && suggestions.warnings.length === 0)) return null;
  const similarNames = suggestions.similar.map((s) => s.name).join(', ');
  return (
    <section className="claim-suggestions" aria-label="Suggestions from similar earlier tasks">
      {suggestions.claims.length > 0 && (
        <>
          <p className="field-hint">Similar earlier tasks ({similarNames}) changed:</p>
          <ul className="claim-suggestion-list">
            {suggestions.claims.map((claim) => (
              <li key={claim.pattern}>
                <button
                  type="button"
                  className="small-button"
                  aria-label={`Add claim ${claim.pattern}`}
                  title={`${claim.files} file${claim.files === 1 ? '' : 's'}, by ${claim.agents.join(', ')}`}
                  onClick={() => props.onAdd(claim.pattern)}
                >
                  + <code>{claim.pattern}</code>
                </button>
                <span className="optional">
                  {claim.files > 1 ? `${claim.files} files · ` : ''}
                  {claim.agents.join(', ')}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {suggestions.warnings.length > 0 && (
        <ul className="claim-warnings" aria-label="Files that caused conflicts before">
          {suggestions.warnings.map((warning) => (
            <li key={warning.path} className="field-hint">
              ⚠ <code>{warning.path}</code> caused conflicts before: {warning.reason}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
