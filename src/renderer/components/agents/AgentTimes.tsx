import { PENDING_STATUSES, type Agent } from '../../../shared/domain';
import { formatAge } from '../locks/lock-display';
import { useNow } from '../use-now';

/** Ages are shown to the second while they are short. */
const TICK_MS = 1_000;

/**
 * How long the agent has run (or ran, or has waited in the queue) and when it last made progress
 * (a hook event, a rollout line, output): the numbers that tell a busy agent from a stuck one.
 */
export function AgentTimes({ agent }: { agent: Agent }) {
  const now = useNow(TICK_MS);
  const pending = PENDING_STATUSES.includes(agent.status);
  const end = agent.endedAt === null ? now : Date.parse(agent.endedAt);
  const elapsed = formatAge(agent.startedAt, end);
  const title = [`Started ${new Date(agent.startedAt).toLocaleString()}`, agent.endedAt && `ended ${new Date(agent.endedAt).toLocaleString()}`]
    .filter(Boolean)
    .join(', ');
  return (
    <span className="agent-times" data-testid={`agent-times-${agent.id}`} title={title}>
      <span className="agent-elapsed">{pending ? `waiting ${elapsed}` : agent.endedAt === null ? `running ${elapsed}` : `ran ${elapsed}`}</span>
      {!pending && agent.endedAt === null && agent.lastProgressAt !== null && (
        <span className="agent-last-activity" title={`Last progress ${new Date(agent.lastProgressAt).toLocaleString()}`}>
          {' · '}active {formatAge(agent.lastProgressAt, now)} ago
        </span>
      )}
    </span>
  );
}
