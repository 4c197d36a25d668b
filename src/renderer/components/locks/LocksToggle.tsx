import { useClaims, useLocksPanelOpen, useWaiters } from '../../state/selectors';
import { useStore } from '../../state/store';
import { LockIcon } from './LockIcon';
import { LOCKS_PANEL_ID } from './LocksPanel';

/** Shows or hides the Locks panel; the badge counts the claims held now. */
export function LocksToggle() {
  const open = useLocksPanelOpen();
  const claimCount = useClaims().length;
  const waiterCount = useWaiters().length;
  const toggleLocksPanel = useStore((s) => s.toggleLocksPanel);
  const summary = `${claimCount} ${claimCount === 1 ? 'claim' : 'claims'}, ${waiterCount} waiting`;
  return (
    <button
      type="button"
      className="locks-toggle"
      aria-label="Locks"
      aria-expanded={open}
      aria-controls={LOCKS_PANEL_ID}
      aria-describedby="locks-toggle-summary"
      title={summary}
      onClick={toggleLocksPanel}
    >
      <LockIcon />
      <span aria-hidden="true">Locks</span>
      <span className="count-badge" aria-hidden="true" data-testid="locks-count">
        {claimCount}
      </span>
      <span id="locks-toggle-summary" className="visually-hidden">
        {summary}
      </span>
    </button>
  );
}
