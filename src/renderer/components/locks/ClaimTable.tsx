import type { Agent } from '../../../shared/domain';
import type { ClaimView } from '../../../shared/locks';
import { formatAge, holderLabel, shownPattern } from './lock-display';

/** Every claim in the repository, one row each, with a way to take it away from its holder. */
export function ClaimTable(props: {
  claims: readonly ClaimView[];
  agents: readonly Agent[];
  now: number;
  onForceRelease: (claim: ClaimView) => void;
}) {
  const { claims, agents, now, onForceRelease } = props;
  if (claims.length === 0) return <p className="locks-note">Nobody holds a claim.</p>;
  return (
    <table className="locks-table" aria-label="Claims">
      <thead>
        <tr>
          <th scope="col">Holder</th>
          <th scope="col">Path or glob</th>
          <th scope="col">Mode</th>
          <th scope="col">Age</th>
          <th scope="col">Token</th>
          <th scope="col">State</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {claims.map((claim) => {
          const holder = holderLabel(claim.agentId, agents);
          const path = shownPattern(claim);
          return (
            <tr key={claim.id} data-claim-id={claim.id}>
              <td title={claim.agentId ?? undefined}>{holder}</td>
              <td className="locks-path">{path}</td>
              <td>{claim.mode}</td>
              <td data-testid="claim-age">{formatAge(claim.since, now)}</td>
              <td className="locks-token" data-testid="claim-token">
                {claim.token}
              </td>
              <td>
                {claim.advisory && claim.releasingAt === null ? (
                  <span className="advisory-badge" title="An isolated agent's claim: it works in its own worktree, so the claim is shown but never enforced">
                    advisory
                  </span>
                ) : claim.releasingAt === null ? (
                  'held'
                ) : (
                  <span className="releasing-badge" title={`Released at ${new Date(claim.releasingAt).toLocaleTimeString()}`}>
                    releasing
                  </span>
                )}
              </td>
              <td>
                <button
                  type="button"
                  className="force-release-button"
                  aria-label={`Force release ${path} held by ${holder}`}
                  onClick={() => onForceRelease(claim)}
                >
                  Force release
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
