/**
 * Metrics as they cross the contract: per agent (time in each state, model turns, tool calls,
 * tokens, an estimated cost, edits, refused writes, conflicts) and per repository (the same summed,
 * edits over time, and the bottlenecks). `switchyard metrics --json` prints `metrics.get`'s output.
 */
import { z } from 'zod';
import { AgentIdSchema, AgentStatusSchema } from './domain';
export { DEFAULT_MODEL_PRICES, ModelPriceSchema, ModelPricesSchema, type ModelPrice } from './model-prices';

/** The states time is counted in. `waiting-on-claim`: live, with a claim queued behind another holder. */
export const MetricsStateSchema = z.enum(['queued', 'starting', 'working', 'waiting-for-input', 'ready-idle', 'waiting-on-claim', 'ended']);
export type MetricsState = z.infer<typeof MetricsStateSchema>;

export const TokenUsageSchema = z.object({
  /** All input tokens, cached ones included (as the Responses API counts them). */
  input: z.number().int().nonnegative(),
  cachedInput: z.number().int().nonnegative(),
  output: z.number().int().nonnegative(),
  /** Part of `output`. */
  reasoningOutput: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type TokenUsage = z.infer<typeof TokenUsageSchema>;

export const CostSchema = z.object({
  /** null: not estimated (see `note`). */
  usd: z.number().nonnegative().nullable(),
  /** Why there is no figure, or which models had no price; null when every token was priced. */
  note: z.string().nullable(),
});

/** Milliseconds in each state. */
export const StateDurationsSchema = z.record(MetricsStateSchema, z.number().nonnegative());
export type StateDurations = z.infer<typeof StateDurationsSchema>;

/** One stretch of the Gantt strip: [from, to) in epoch ms. */
export const StateSpanSchema = z.object({ state: MetricsStateSchema, from: z.number(), to: z.number() });
export type StateSpan = z.infer<typeof StateSpanSchema>;

const Totals = {
  /** Time from launch to now (or the end), the ended stretches between runs left out. */
  wallMs: z.number().nonnegative(),
  durations: StateDurationsSchema,
  modelTurns: z.number().int().nonnegative(),
  toolCalls: z.number().int().nonnegative(),
  tokens: TokenUsageSchema,
  cost: CostSchema,
  /** Edits (apply_patch calls) the agent made, and files and lines its changes in the working tree hold now. */
  edits: z.number().int().nonnegative(),
  filesChanged: z.number().int().nonnegative(),
  linesAdded: z.number().int().nonnegative(),
  linesRemoved: z.number().int().nonnegative(),
  refusedWrites: z.number().int().nonnegative(),
  /** Current conflicts the agent is part of. */
  conflicts: z.number().int().nonnegative(),
};

export const AgentMetricsSchema = z.object({
  id: AgentIdSchema,
  name: z.string(),
  status: AgentStatusSchema.nullable(),
  /** The model of its last turn, as Codex logged it; null before the first. */
  model: z.string().nullable(),
  ...Totals,
  timeline: z.array(StateSpanSchema),
});
export type AgentMetrics = z.infer<typeof AgentMetricsSchema>;

export const MetricsReportSchema = z.object({
  repo: z.string(),
  /** Epoch ms the report was taken at (open spans end here). */
  at: z.number(),
  agents: z.array(AgentMetricsSchema),
  totals: z.object(Totals),
  /** Edits per time bucket, per agent. */
  velocity: z.object({
    bucketMs: z.number().int().positive(),
    buckets: z.array(z.object({ from: z.number(), edits: z.number().int().nonnegative(), byAgent: z.record(AgentIdSchema, z.number().int()) })),
  }),
  bottlenecks: z.object({
    /** The claims agents waited on longest (summed over waits), longest first. */
    claims: z.array(z.object({ pattern: z.string(), waitedMs: z.number().nonnegative(), waits: z.number().int().nonnegative(), agents: z.array(AgentIdSchema) })),
    /** Agents flagged stuck now, or that spent longest waiting (for input or on a claim). */
    agents: z.array(z.object({ id: AgentIdSchema, name: z.string(), stuck: z.boolean(), waitingMs: z.number().nonnegative() })),
  }),
});
export type MetricsReport = z.infer<typeof MetricsReportSchema>;

export const metricsCommands = {
  /** Every agent's metrics and the repository's (or one agent's: `agentId`, name or id). */
  'metrics.get': {
    input: z.object({ agentId: z.string().min(1).max(200).optional() }).strict(),
    output: MetricsReportSchema,
  },
} as const;
