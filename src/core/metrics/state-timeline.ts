/**
 * An agent's time, state by state: from the status changes the supervisor reported and the stretches
 * it waited on a claim, the spans of its Gantt strip and the time spent in each state. Pure.
 */
import type { AgentStatus } from '../../shared/domain';
import { MetricsStateSchema, type MetricsState, type StateDurations, type StateSpan } from '../../shared/metrics';

export interface StatusMark {
  at: number;
  status: AgentStatus;
}

export interface ClaimWait {
  /** The lock table's waiter id. */
  id: string;
  pattern: string;
  from: number;
  /** null: still waiting. */
  to: number | null;
}

/** States in which a queued claim holds the agent up (it runs, but cannot write what it waits for). */
const CLAIM_BLOCKABLE: readonly MetricsState[] = ['starting', 'working', 'ready-idle', 'waiting-for-input'];

export function stateOf(status: AgentStatus): MetricsState {
  switch (status) {
    case 'queued':
    case 'blocked':
      return 'queued';
    case 'starting':
      return 'starting';
    case 'working':
      return 'working';
    case 'waiting-for-input':
      return 'waiting-for-input';
    case 'ready':
    case 'finished':
      return 'ready-idle';
    case 'exited':
    case 'failed':
    case 'stopped':
      return 'ended';
  }
}

/**
 * The strip, oldest first, adjacent spans of one state merged. A claim wait turns a live stretch
 * into `waiting-on-claim`. The agent's final ended stretch is left out (it is not the agent's time);
 * ended stretches between runs (before a resume) stay.
 */
export function stateTimeline(marks: readonly StatusMark[], waits: readonly ClaimWait[], now: number): StateSpan[] {
  if (marks.length === 0) return [];
  const sorted = [...marks].sort((a, b) => a.at - b.at);
  const start = sorted[0]!.at;
  const cuts = new Set<number>([start, now]);
  for (const mark of sorted) cuts.add(mark.at);
  for (const wait of waits) {
    cuts.add(Math.max(start, wait.from));
    cuts.add(Math.max(start, wait.to ?? now));
  }
  const points = [...cuts].filter((t) => t >= start && t <= now).sort((a, b) => a - b);
  const spans: StateSpan[] = [];
  let markIndex = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i]!;
    const to = points[i + 1]!;
    while (markIndex + 1 < sorted.length && sorted[markIndex + 1]!.at <= from) markIndex++;
    const base = stateOf(sorted[markIndex]!.status);
    const onClaim = CLAIM_BLOCKABLE.includes(base) && waits.some((w) => w.from <= from && (w.to ?? now) > from);
    const state: MetricsState = onClaim ? 'waiting-on-claim' : base;
    const last = spans[spans.length - 1];
    if (last && last.state === state && last.to === from) last.to = to;
    else spans.push({ state, from, to });
  }
  while (spans.length > 0 && spans[spans.length - 1]!.state === 'ended') spans.pop();
  return spans;
}

/** Milliseconds per state (every state present, zero when never in it). */
export function stateDurations(spans: readonly StateSpan[]): StateDurations {
  const durations = Object.fromEntries(MetricsStateSchema.options.map((s) => [s, 0])) as StateDurations;
  for (const span of spans) durations[span.state] = (durations[span.state] ?? 0) + (span.to - span.from);
  return durations;
}

/** Launch to end (or now), without the ended stretches between runs. */
export function wallTime(durations: StateDurations): number {
  return Object.entries(durations).reduce((sum, [state, ms]) => (state === 'ended' ? sum : sum + ms), 0);
}
