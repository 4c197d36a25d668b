/**
 * Ping-pong: two agents rewriting the same file in turn, each undoing the other. Counted as
 * changes of writer between the pair (other writers ignored) inside a sliding window; reported
 * once the count reaches the threshold at any moment of the session.
 */
import type { Conflict, ConflictAction } from '../../shared/conflicts';
import { latestVersionBy, openDiff, pauseAgent, restoreVersion, stopAgent } from './conflict-actions';
import { mergeBoth, overwriteMerge } from './merge-candidates';
import { changeTime, distinct, iso, type AgentWrite, type ConflictContext } from './conflict-context';

/**
 * A→B→A→B: three changes of writer are a pattern, two could be one correction. Ten minutes is
 * longer than one Codex turn, so two agents answering each other's edits fall inside it.
 */
export const DEFAULT_PING_PONG = { alternations: 3, windowMs: 10 * 60_000 } as const;

interface Rally {
  pair: [string, string];
  switches: number;
  /** When the last counted change of writer happened. */
  at: number;
}

/** The most changes of writer between `a` and `b` inside any window of `windowMs`. */
function rally(writes: readonly AgentWrite[], a: string, b: string, windowMs: number): Rally {
  const switchTimes: number[] = [];
  let previous: string | null = null;
  for (const write of writes) {
    if (write.agentId !== a && write.agentId !== b) continue;
    if (previous !== null && write.agentId !== previous) switchTimes.push(changeTime(write.change));
    previous = write.agentId;
  }
  let best: Rally = { pair: [a, b], switches: 0, at: 0 };
  let start = 0;
  for (let end = 0; end < switchTimes.length; end++) {
    while (switchTimes[end]! - switchTimes[start]! > windowMs) start++;
    const count = end - start + 1;
    if (count >= best.switches) best = { pair: [a, b], switches: count, at: switchTimes[end]! };
  }
  return best;
}

function rallies(writes: readonly AgentWrite[], alternations: number, windowMs: number): Rally[] {
  const agents = distinct(writes.map((write) => write.agentId)).sort();
  const found: Rally[] = [];
  for (let i = 0; i < agents.length; i++) {
    for (let j = i + 1; j < agents.length; j++) {
      const result = rally(writes, agents[i]!, agents[j]!, windowMs);
      if (result.switches >= alternations) found.push(result);
    }
  }
  return found;
}

export function pingPongConflicts(ctx: ConflictContext): Conflict[] {
  const { alternations, windowMs } = ctx.input.pingPong ?? DEFAULT_PING_PONG;
  const conflicts: Conflict[] = [];
  for (const [path, writes] of ctx.writes) {
    for (const { pair, switches, at } of rallies(writes, alternations, windowMs)) {
      const [a, b] = pair;
      const timeline = ctx.input.timeline(path);
      const actions: ConflictAction[] = [];
      for (const agentId of pair) {
        if (ctx.isRunning(agentId)) actions.push(pauseAgent(ctx, agentId), stopAgent(ctx, agentId));
      }
      // Either agent's last version may be the one to keep; the user decides which.
      for (const agentId of pair) {
        const version = latestVersionBy(timeline, agentId);
        if (version) actions.push(restoreVersion(ctx, version));
      }
      // The last writer's version with the other's last changes brought back, where they merge.
      const lastWriter = writes.findLast((write) => write.agentId === a || write.agentId === b)!.agentId;
      const merge = overwriteMerge(timeline, lastWriter);
      if (merge) actions.push(mergeBoth(ctx, path, merge, lastWriter));
      actions.push(openDiff(path));
      const minutes = Math.round(windowMs / 60_000);
      conflicts.push({
        id: `ping-pong:${path}:${a}+${b}`,
        kind: 'ping-pong',
        severity: 'critical',
        paths: [path],
        agents: [a, b],
        summary: `${ctx.label(a)} and ${ctx.label(b)} keep rewriting ${path} over each other (${switches} changes of hands within ${minutes} minutes).`,
        recommendation: `Pause both, keep one agent's version of ${path}, and let only that agent continue on it.`,
        actions,
        at: iso(at),
      });
    }
  }
  return conflicts;
}
