/**
 * The watchdog's rules, as a pure function of one agent and the time: a live agent past its
 * wall-clock limit is stopped; a working agent with no progress for too long is flagged stuck
 * (once; progress clears the flag).
 */
import { isLive, type Agent } from '../../shared/domain';

/** How often stuck agents and wall-clock timeouts are checked. */
export const WATCHDOG_INTERVAL_MS = 5_000;

export type WatchdogFinding =
  | { kind: 'timed-out'; reason: string }
  | { kind: 'stuck'; quietForMs: number; quiet: string };

export function inspectAgent(agent: Agent, now: number, stuckAfterMs: number): WatchdogFinding | null {
  if (!isLive(agent.status)) return null;
  if (agent.timeoutMs !== null && now - Date.parse(agent.startedAt) > agent.timeoutMs) {
    return { kind: 'timed-out', reason: `Stopped: it reached its time limit of ${formatMinutes(agent.timeoutMs)}.` };
  }
  const quietForMs = now - Date.parse(agent.lastProgressAt ?? agent.startedAt);
  if (agent.status === 'working' && !agent.stuck && quietForMs > stuckAfterMs) {
    return { kind: 'stuck', quietForMs, quiet: formatMinutes(quietForMs) };
  }
  return null;
}

/** "1 second", "45 seconds", "3 minutes": rounded for a person. */
export function formatMinutes(ms: number): string {
  if (ms < 60_000) {
    const seconds = Math.max(1, Math.round(ms / 1000));
    return `${seconds} second${seconds === 1 ? '' : 's'}`;
  }
  const minutes = Math.round(ms / 60_000);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
