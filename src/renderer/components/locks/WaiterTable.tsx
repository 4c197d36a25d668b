import type { Agent } from '../../../shared/domain';
import type { WaiterView } from '../../../shared/locks';
import { formatAge, holderLabel, shownPattern } from './lock-display';

/** Claims waiting for a holder to let go, in the order they will be granted (priority, then arrival). */
export function WaiterTable(props: { waiters: readonly WaiterView[]; agents: readonly Agent[]; now: number }) {
  const { waiters, agents, now } = props;
  if (waiters.length === 0) return <p className="locks-note">Nobody is waiting.</p>;
  return (
    <table className="locks-table" aria-label="Waiting">
      <thead>
        <tr>
          <th scope="col">Holder</th>
          <th scope="col">Path or glob</th>
          <th scope="col">Priority</th>
          <th scope="col">Age</th>
        </tr>
      </thead>
      <tbody>
        {waiters.map((waiter) => (
          <tr key={waiter.id} data-waiter-id={waiter.id}>
            <td title={waiter.agentId ?? undefined}>{holderLabel(waiter.agentId, agents)}</td>
            <td className="locks-path">{shownPattern(waiter)}</td>
            <td>{waiter.priority}</td>
            <td title={waiter.deadline ? `Gives up at ${new Date(waiter.deadline).toLocaleTimeString()}` : undefined}>
              {formatAge(waiter.since, now)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
