import { useState, type FormEvent } from 'react';
import { useServices } from '../../services-context';
import { claimForUser } from '../../state/lock-actions';

/**
 * Claims a path or glob for the user, so agents keep off it until the user releases it.
 * A refusal (someone else holds it) is shown here, next to what was typed.
 */
export function UserClaimForm() {
  const services = useServices();
  const [pattern, setPattern] = useState('');
  const [shared, setShared] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    if (pattern.trim() === '') return setProblems(['Type a path, a directory ending in / or a glob to claim.']);
    setBusy(true);
    setProblems([]);
    const result = await claimForUser(services, pattern.trim(), shared);
    setBusy(false);
    if (!result.ok) return setProblems([result.error.message]);
    const { refused, waiting } = result.value;
    setProblems([...refused, ...waiting].map((problem) => `${problem.pattern}: ${problem.reason}`));
    if (refused.length === 0 && waiting.length === 0) setPattern('');
  };

  return (
    <form className="user-claim-form" noValidate aria-labelledby="user-claim-title" onSubmit={(event) => void submit(event)}>
      <h3 id="user-claim-title" className="locks-heading">
        Claim for me
      </h3>
      <div className="user-claim-row">
        <label htmlFor="user-claim-pattern" className="visually-hidden">
          Path or glob to claim for you
        </label>
        <input
          id="user-claim-pattern"
          type="text"
          value={pattern}
          spellCheck={false}
          autoComplete="off"
          placeholder="docs/, src/**/*.css"
          onChange={(event) => setPattern(event.target.value)}
        />
        <label className="checkbox-label">
          <input type="checkbox" checked={shared} onChange={(event) => setShared(event.target.checked)} />
          Shared
        </label>
        <button type="submit" disabled={busy}>
          {busy ? 'Claiming…' : 'Claim for me'}
        </button>
      </div>
      {problems.length > 0 && (
        <ul className="inline-error user-claim-problems" role="alert">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
    </form>
  );
}
