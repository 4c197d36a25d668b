import { useState } from 'react';
import type { ClaimView } from '../../../shared/locks';
import { useAgents, useClaims, useGateMode, useLocksPanelOpen, useRepo, useWaiters } from '../../state/selectors';
import { ClaimTable } from './ClaimTable';
import { ForceReleaseDialog, type ReleaseRequest } from './ForceReleaseDialog';
import { holderLabel, shownPattern } from './lock-display';
import { UserClaimForm } from './UserClaimForm';
import { useNow } from '../use-now';
import { WaiterTable } from './WaiterTable';
import './locks.css';

export const LOCKS_PANEL_ID = 'locks-panel';
/** Ages are shown to the second. */
const AGE_TICK_MS = 1_000;

/** Below the terminals, while toggled on: who holds what, who waits, and the user's own claims. */
export function LocksPanel() {
  const open = useLocksPanelOpen();
  const repo = useRepo();
  if (!open) return null;
  return (
    <section id={LOCKS_PANEL_ID} className="locks-panel" aria-label="Locks" data-testid="locks-panel">
      {repo === null ? <p className="locks-note">Open a repository to see and make claims in it.</p> : <LocksPanelBody />}
    </section>
  );
}

function LocksPanelBody() {
  const claims = useClaims();
  const waiters = useWaiters();
  const agents = useAgents();
  const gateMode = useGateMode();
  const now = useNow(AGE_TICK_MS);
  const [releaseRequest, setReleaseRequest] = useState<ReleaseRequest | null>(null);
  const askToRelease = (claim: ClaimView): void =>
    setReleaseRequest({ path: shownPattern(claim), holder: holderLabel(claim.agentId, agents) });

  return (
    <div className="locks-body">
      <div className="locks-column">
        <h3 className="locks-heading">
          Claims <span className="locks-gate-mode">write gate: {gateMode ?? '…'}</span>
        </h3>
        <ClaimTable claims={claims} agents={agents} now={now} onForceRelease={askToRelease} />
      </div>
      <div className="locks-column locks-side">
        <h3 className="locks-heading">Waiting</h3>
        <WaiterTable waiters={waiters} agents={agents} now={now} />
        <UserClaimForm />
      </div>
      <ForceReleaseDialog request={releaseRequest} onClose={() => setReleaseRequest(null)} />
    </div>
  );
}
