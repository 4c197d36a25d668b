import { useClaimsOf } from '../../state/selectors';
import { LockIcon } from '../locks/LockIcon';
import { shownPattern } from '../locks/lock-display';
import '../locks/locks.css';

/** The header shows this many claims; the tooltip and the Locks panel have the rest. */
const SHOWN_CLAIMS = 3;

/** The paths an agent holds, as chips in its pane header. Nothing when it holds none. */
export function AgentClaimList({ agentId, agentName }: { agentId: string; agentName: string }) {
  const claims = useClaimsOf(agentId);
  if (claims.length === 0) return null;
  const hidden = claims.length - SHOWN_CLAIMS;
  return (
    <ul className="agent-claims" role="list" aria-label={`Claims of ${agentName}`} title={claims.map(shownPattern).join('\n')}>
      {claims.slice(0, SHOWN_CLAIMS).map((claim) => (
        <li key={claim.id} className="claim-chip">
          <LockIcon /> {shownPattern(claim)}
        </li>
      ))}
      {hidden > 0 && <li className="claim-chip">+{hidden} more</li>}
    </ul>
  );
}
