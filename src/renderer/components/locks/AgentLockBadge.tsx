import { useClaimsOf } from '../../state/selectors';
import { LockIcon } from './LockIcon';
import { shownPattern } from './lock-display';
import './locks.css';

/** A lock and the number of claims the agent holds; the tooltip lists them. Nothing when it holds none. */
export function AgentLockBadge({ agentId }: { agentId: string }) {
  const claims = useClaimsOf(agentId);
  if (claims.length === 0) return null;
  return (
    <span className="lock-badge" data-testid={`lock-count-${agentId}`} title={claims.map(shownPattern).join('\n')}>
      <LockIcon /> {claims.length}
      <span className="visually-hidden"> {claims.length === 1 ? 'claim' : 'claims'}</span>
    </span>
  );
}
