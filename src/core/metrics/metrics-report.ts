/** Builds `metrics.get`'s answer from the kept records and what the session knows now. Pure. */
import type { Agent } from '../../shared/domain';
import type { ModelPrice } from '../../shared/model-prices';
import type { AgentMetrics, MetricsReport, StateDurations, TokenUsage } from '../../shared/metrics';
import { modelTurns, totalTokens, type AgentRecord } from './agent-record';
import { stateDurations, stateTimeline, wallTime } from './state-timeline';
import { addUsage, estimateCost, NO_TOKENS } from './token-cost';

/** The velocity chart gets about this many buckets, of the smallest of these sizes that fits. */
const TARGET_BUCKETS = 40;
const BUCKET_SIZES_MS = [1_000, 5_000, 10_000, 30_000, 60_000, 300_000, 900_000, 3_600_000, 6 * 3_600_000, 86_400_000];
const MAX_BOTTLENECKS = 10;

export interface WorktreeShare {
  files: number;
  added: number;
  removed: number;
}

export interface MetricsReportInput {
  repo: string;
  now: number;
  records: readonly AgentRecord[];
  /** The supervisor's agents now (a removed agent's record stays, with status null). */
  agents: readonly Agent[];
  prices: Readonly<Record<string, ModelPrice>>;
  /** Per agent: its part of the working tree's changes now. */
  worktree: ReadonlyMap<string, WorktreeShare>;
  /** Per agent: current conflicts it is part of. */
  conflicts: ReadonlyMap<string, number>;
}

export function buildMetricsReport(input: MetricsReportInput): MetricsReport {
  const live = new Map(input.agents.map((a) => [a.id, a]));
  const agents = input.records.map((record) => agentMetrics(record, live.get(record.id) ?? null, input));
  return {
    repo: input.repo,
    at: input.now,
    agents,
    totals: repoTotals(input.records, agents, input.prices),
    velocity: velocity(input.records, input.now),
    bottlenecks: bottlenecks(input.records, agents, live, input.now),
  };
}

function agentMetrics(record: AgentRecord, agent: Agent | null, input: MetricsReportInput): AgentMetrics {
  const timeline = stateTimeline(record.marks, record.waits, input.now);
  const durations = stateDurations(timeline);
  const share = input.worktree.get(record.id);
  return {
    id: record.id,
    name: agent?.name ?? record.name,
    status: agent?.status ?? null,
    model: record.model,
    wallMs: wallTime(durations),
    durations,
    modelTurns: modelTurns(record),
    toolCalls: record.toolCalls,
    tokens: totalTokens(record),
    cost: estimateCost(record.byModel, input.prices),
    edits: record.editCount,
    filesChanged: share?.files ?? 0,
    linesAdded: share?.added ?? 0,
    linesRemoved: share?.removed ?? 0,
    refusedWrites: record.refusedWrites,
    conflicts: input.conflicts.get(record.id) ?? 0,
    timeline,
  };
}

function repoTotals(records: readonly AgentRecord[], agents: readonly AgentMetrics[], prices: Readonly<Record<string, ModelPrice>>): MetricsReport['totals'] {
  const durations = agents.reduce<StateDurations>((sum, a) => {
    const next = { ...sum };
    for (const [state, ms] of Object.entries(a.durations)) next[state as keyof StateDurations] = (next[state as keyof StateDurations] ?? 0) + ms;
    return next;
  }, {} as StateDurations);
  const byModel: Record<string, TokenUsage> = {};
  for (const record of records) {
    for (const [model, usage] of Object.entries(record.byModel)) byModel[model] = addUsage(byModel[model] ?? NO_TOKENS, usage);
  }
  const sum = (pick: (a: AgentMetrics) => number): number => agents.reduce((s, a) => s + pick(a), 0);
  return {
    wallMs: sum((a) => a.wallMs),
    durations,
    modelTurns: sum((a) => a.modelTurns),
    toolCalls: sum((a) => a.toolCalls),
    tokens: agents.reduce((s, a) => addUsage(s, a.tokens), NO_TOKENS),
    cost: estimateCost(byModel, prices),
    edits: sum((a) => a.edits),
    filesChanged: sum((a) => a.filesChanged),
    linesAdded: sum((a) => a.linesAdded),
    linesRemoved: sum((a) => a.linesRemoved),
    refusedWrites: sum((a) => a.refusedWrites),
    // A conflict between two agents is counted once for each of them.
    conflicts: sum((a) => a.conflicts),
  };
}

/** Edits per bucket from the first edit (or launch) to now, for the chart of edits over time. */
export function velocity(records: readonly AgentRecord[], now: number): MetricsReport['velocity'] {
  const starts = records.flatMap((r) => [r.marks[0]?.at, r.edits[0]?.at]).filter((t): t is number => t !== undefined);
  const start = starts.length > 0 ? Math.min(...starts) : now;
  const span = Math.max(1, now - start);
  const bucketMs = BUCKET_SIZES_MS.find((size) => span / size <= TARGET_BUCKETS) ?? BUCKET_SIZES_MS[BUCKET_SIZES_MS.length - 1]!;
  const first = Math.floor(start / bucketMs) * bucketMs;
  const count = Math.floor((now - first) / bucketMs) + 1;
  const buckets = Array.from({ length: count }, (_, i) => ({ from: first + i * bucketMs, edits: 0, byAgent: {} as Record<string, number> }));
  for (const record of records) {
    for (const edit of record.edits) {
      const bucket = buckets[Math.floor((edit.at - first) / bucketMs)];
      if (!bucket) continue;
      bucket.edits++;
      bucket.byAgent[record.id] = (bucket.byAgent[record.id] ?? 0) + 1;
    }
  }
  return { bucketMs, buckets };
}

function bottlenecks(records: readonly AgentRecord[], agents: readonly AgentMetrics[], live: ReadonlyMap<string, Agent>, now: number): MetricsReport['bottlenecks'] {
  const byPattern = new Map<string, { waitedMs: number; waits: number; agents: Set<string> }>();
  for (const record of records) {
    for (const wait of record.waits) {
      const entry = byPattern.get(wait.pattern) ?? { waitedMs: 0, waits: 0, agents: new Set<string>() };
      entry.waitedMs += Math.max(0, (wait.to ?? now) - wait.from);
      entry.waits++;
      entry.agents.add(record.id);
      byPattern.set(wait.pattern, entry);
    }
  }
  const claims = [...byPattern]
    .map(([pattern, e]) => ({ pattern, waitedMs: e.waitedMs, waits: e.waits, agents: [...e.agents] }))
    .sort((a, b) => b.waitedMs - a.waitedMs || a.pattern.localeCompare(b.pattern))
    .slice(0, MAX_BOTTLENECKS);
  const stuckAgents = agents
    .map((a) => ({
      id: a.id,
      name: a.name,
      stuck: live.get(a.id)?.stuck ?? false,
      waitingMs: (a.durations['waiting-for-input'] ?? 0) + (a.durations['waiting-on-claim'] ?? 0),
    }))
    .filter((a) => a.stuck || a.waitingMs > 0)
    .sort((a, b) => Number(b.stuck) - Number(a.stuck) || b.waitingMs - a.waitingMs)
    .slice(0, MAX_BOTTLENECKS);
  return { claims, agents: stuckAgents };
}
