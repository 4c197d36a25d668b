/** The chart rows the Metrics view draws, from `metrics.get`'s answer. Pure. */
import type { AgentMetrics, MetricsReport, MetricsState } from '../../../shared/metrics';

/** A strip never gets more segments than this; older spans are folded into the first. */
export const MAX_STRIP_SEGMENTS = 120;

export const STATE_COLORS: Record<MetricsState, string> = {
  queued: '#8a8f98',
  starting: '#b38600',
  working: '#2f9e44',
  'waiting-for-input': '#e8590c',
  'ready-idle': '#4c6ef5',
  'waiting-on-claim': '#c2255c',
  ended: '#343a40',
};

export const STATE_LABELS: Record<MetricsState, string> = {
  queued: 'queued',
  starting: 'starting',
  working: 'working',
  'waiting-for-input': 'waiting for input',
  'ready-idle': 'ready / idle',
  'waiting-on-claim': 'waiting on a claim',
  ended: 'ended',
};

export interface StripRow {
  name: string;
  /** `offset`: seconds before the agent's first span (drawn transparent); `s0…sN`: each span's seconds. */
  [key: string]: number | string;
}

export interface Strips {
  rows: StripRow[];
  /** Per row, the state of each segment `s<i>`. */
  states: MetricsState[][];
  segments: number;
  /** Epoch ms the axis starts at. */
  start: number;
}

/** One row per agent: a transparent offset from the earliest start, then its spans, stacked. */
export function stateStrips(agents: readonly AgentMetrics[]): Strips {
  const starts = agents.flatMap((a) => (a.timeline[0] ? [a.timeline[0].from] : []));
  const start = starts.length > 0 ? Math.min(...starts) : 0;
  const states: MetricsState[][] = [];
  const rows = agents.map((agent) => {
    const spans = agent.timeline.slice(-MAX_STRIP_SEGMENTS);
    const first = agent.timeline[0];
    const row: StripRow = { name: agent.name, offset: first ? (first.from - start) / 1000 : 0 };
    states.push(spans.map((s) => s.state));
    spans.forEach((span, i) => {
      // The spans folded away still take their time, in the first kept segment.
      const from = i === 0 && first ? first.from : span.from;
      row[`s${i}`] = (span.to - from) / 1000;
    });
    return row;
  });
  return { rows, states, segments: Math.max(0, ...states.map((s) => s.length)), start };
}

export interface TokenRow {
  name: string;
  uncachedInput: number;
  cachedInput: number;
  output: number;
  cost: number;
}

export function tokenRows(agents: readonly AgentMetrics[]): TokenRow[] {
  return agents.map((a) => ({
    name: a.name,
    uncachedInput: Math.max(0, a.tokens.input - a.tokens.cachedInput),
    cachedInput: a.tokens.cachedInput,
    output: a.tokens.output,
    cost: a.cost.usd ?? 0,
  }));
}

export interface VelocityRow {
  /** Minutes since the first bucket. */
  label: string;
  [agentId: string]: number | string;
}

export function velocityRows(report: MetricsReport): VelocityRow[] {
  const first = report.velocity.buckets[0]?.from ?? 0;
  return report.velocity.buckets.map((bucket) => {
    const row: VelocityRow = { label: clock(bucket.from - first) };
    for (const agent of report.agents) row[agent.id] = bucket.byAgent[agent.id] ?? 0;
    return row;
  });
}

/** Elapsed time as m:ss or h:mm. */
export function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 3600) return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}`;
}

/** Repeating colours for per-agent series. */
export const AGENT_COLORS = ['#4c6ef5', '#2f9e44', '#e8590c', '#c2255c', '#7048e8', '#1098ad', '#b38600', '#5c940d'];
