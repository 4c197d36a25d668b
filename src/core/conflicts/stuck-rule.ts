/**
 * Stuck: a working agent with no progress (hook events, state changes) for longer than the
 * repository's threshold, or one the agent supervisor already flagged.
 */
import type { Conflict } from '../../shared/conflicts';
import { messageAgent, pauseAgent, stopAgent } from './conflict-actions';
import { iso, type ConflictContext } from './conflict-context';

const MINUTE_MS = 60_000;

export function stuckConflicts(ctx: ConflictContext): Conflict[] {
  const { now, stuckAfterMinutes } = ctx.input;
  const thresholdMs = stuckAfterMinutes * MINUTE_MS;
  const conflicts: Conflict[] = [];
  for (const agent of ctx.input.agents) {
    if (agent.status !== 'working') continue;
    // An agent that never reported progress has been silent since it started.
    const since = Date.parse(agent.lastProgressAt ?? agent.startedAt);
    const silentMs = Number.isNaN(since) ? null : now - since;
    const overdue = silentMs !== null && silentMs > thresholdMs;
    if (!overdue && !agent.stuck) continue;
    const name = ctx.label(agent.id);
    const minutes = silentMs === null ? null : Math.floor(silentMs / MINUTE_MS);
    conflicts.push({
      id: `stuck:${agent.id}`,
      kind: 'stuck',
      severity: 'warning',
      paths: [],
      agents: [agent.id],
      summary:
        minutes === null
          ? `${name} is working but has made no progress for longer than ${stuckAfterMinutes} minutes.`
          : `${name} is working but has made no progress for ${minutes} minutes (the limit is ${stuckAfterMinutes}).`,
      recommendation: `Look at ${name}'s terminal; ask it whether it is stuck, or pause or stop it.`,
      actions: [
        messageAgent(
          ctx,
          agent.id,
          `Are you stuck? You have made no progress for ${minutes ?? stuckAfterMinutes} minutes. If a command hangs, interrupt it; if you are waiting for something, say what; otherwise continue with your task.`,
        ),
        pauseAgent(ctx, agent.id),
        stopAgent(ctx, agent.id),
      ],
      at: iso(Number.isNaN(since) ? now : Math.min(now, since + thresholdMs)),
    });
  }
  return conflicts;
}
