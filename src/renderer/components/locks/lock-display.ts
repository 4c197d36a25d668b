/** How claims and waiters read in the UI: their paths, holders and ages. */
import type { Agent } from '../../../shared/domain';
import type { ClaimView } from '../../../shared/locks';

/** A claim's path as the user would type it: a directory ends in "/", meaning everything under it. */
export function shownPattern(claim: Pick<ClaimView, 'pattern' | 'kind'>): string {
  return claim.kind === 'directory' && !claim.pattern.endsWith('/') ? `${claim.pattern}/` : claim.pattern;
}

/** Who holds (or waits for) a claim: the agent's name, or "you" for the user's own claims. */
export function holderLabel(agentId: string | null, agents: readonly Agent[]): string {
  if (agentId === null) return 'you';
  return agents.find((agent) => agent.id === agentId)?.name ?? agentId;
}

const SECOND_MS = 1000;

/** "42s", "3m 5s", "2h 10m", "1d 4h": how long ago `since` was, to the second while it is short. */
export function formatAge(since: string, now: number): string {
  const start = Date.parse(since);
  if (Number.isNaN(start)) return '—';
  const seconds = Math.max(0, Math.floor((now - start) / SECOND_MS));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}
