/** Domain types shared by every process. Schemas first; the TypeScript types are derived from them. */
import { z } from 'zod';
import { DEFAULT_MODEL_PRICES, ModelPricesSchema } from './model-prices';

export const AgentStatusSchema = z.enum([
  'queued',
  'blocked',
  'starting',
  /** Codex is up and has not started on its task yet. */
  'ready',
  'working',
  'waiting-for-input',
  /** Codex finished its task (its last turn) and waits, open, for the user. */
  'finished',
  'exited',
  'failed',
  'stopped',
]);
export type AgentStatus = z.infer<typeof AgentStatusSchema>;

/** Statuses after which the agent's process is gone. */
export const ENDED_STATUSES: readonly AgentStatus[] = ['exited', 'failed', 'stopped'];

/** Statuses of an agent that has not started (and may never: a blocked one waits on a failure). */
export const PENDING_STATUSES: readonly AgentStatus[] = ['queued', 'blocked'];

/**
 * Statuses that take one of the repository's *max concurrent* slots: the agent is on its task
 * (or about to be). A finished agent keeps its process open but leaves its slot to the queue.
 */
export const SLOT_STATUSES: readonly AgentStatus[] = ['starting', 'ready', 'working', 'waiting-for-input'];

export const isEnded = (status: AgentStatus): boolean => ENDED_STATUSES.includes(status);
export const holdsSlot = (status: AgentStatus): boolean => SLOT_STATUSES.includes(status);
export const isLive = (status: AgentStatus): boolean =>
  !ENDED_STATUSES.includes(status) && !PENDING_STATUSES.includes(status);

export const AgentIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'an agent id is lower-case letters, digits and dashes');

/**
 * Where an isolated agent works: its own git worktree on its own branch, made from the shared
 * tree's HEAD at launch. Shared agents (the default) have none and work in the repository itself.
 */
export const AgentWorkspaceSchema = z.object({
  kind: z.literal('isolated'),
  /** Absolute path of the worktree: `<repo>/.agents/worktrees/<agent id>`. */
  path: z.string(),
  /** `switchyard/<agent name>` (made unique with the id when taken). */
  branch: z.string(),
  /** The commit the branch started from (the shared tree's HEAD at launch). */
  base: z.string(),
  /** The branch the shared tree was on at launch, or null when its HEAD was detached. */
  baseBranch: z.string().nullable(),
});
export type AgentWorkspace = z.infer<typeof AgentWorkspaceSchema>;

export const AgentSchema = z.object({
  id: AgentIdSchema,
  name: z.string(),
  task: z.string(),
  status: AgentStatusSchema,
  pid: z.number().int().nullable(),
  repo: z.string(),
  claims: z.array(z.string()),
  cols: z.number().int(),
  rows: z.number().int(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  exitCode: z.number().int().nullable(),
  /** Why the agent failed or was stopped, or why a queued one still waits, in words a person can act on. */
  detail: z.string().nullable(),
  /** Higher runs first when the queue is full. */
  priority: z.number().int().default(0),
  /** Ids of agents that must finish their task before this one starts. */
  after: z.array(AgentIdSchema).default([]),
  /** Codex's own session id and rollout log, from its hooks. */
  sessionId: z.string().nullable().default(null),
  rolloutPath: z.string().nullable().default(null),
  /** Process start time (clock ticks since boot on Linux), so a reused pid is not mistaken for it. */
  processStartTime: z.number().nullable().default(null),
  /** Turns Codex finished (its Stop hook); the first one means the task is done. */
  completedTurns: z.number().int().default(0),
  lastProgressAt: z.string().nullable().default(null),
  /** No progress for longer than the stuck threshold while working. */
  stuck: z.boolean().default(false),
  /** Wall-clock limit in ms; the agent is stopped when it is reached. */
  timeoutMs: z.number().int().positive().nullable().default(null),
  codexArgs: z.array(z.string()).default([]),
  codexHome: z.string().nullable().default(null),
  /** An isolated agent's worktree and branch; null for an agent in the shared tree. */
  workspace: AgentWorkspaceSchema.nullable().default(null),
});
export type Agent = z.infer<typeof AgentSchema>;

export const TerminalSizeSchema = z.object({
  cols: z.number().int().min(2).max(1000),
  rows: z.number().int().min(1).max(500),
});

/**
 * enforce: refuse a write to a file another agent holds; advise: allow it but tell the model;
 * observe: allow it and only record it.
 */
export const GateModeSchema = z.enum(['observe', 'advise', 'enforce']);

/** Per-repository settings, kept in the registry. */
export const RepoSettingsSchema = z.object({
  /** Agents running at once in this repository; the rest wait in the queue. */
  maxConcurrent: z.number().int().min(1).max(64).default(4),
  /** Minutes without progress (hook events, state changes) before a working agent is "stuck". */
  stuckAfterMinutes: z.number().positive().max(24 * 60).default(10),
  /** Stop a stuck agent instead of only flagging it. */
  autoStopStuck: z.boolean().default(false),
  /** What the write gate does with a write to a file another agent holds. */
  gateMode: GateModeSchema.default('enforce'),
  /** An allowed write claims the file for the agent that wrote it. */
  claimOnWrite: z.boolean().default(true),
  /**
   * A shell line the commit wizard runs (with `sh -c`, in the repository) before committing;
   * a failure stops the commit. null: no test run.
   */
  testCommand: z.string().trim().min(1).max(10_000).nullable().default(null),
  /**
   * Run the test command after each agent finishes its task (its first turn, or an exit 0), on
   * HEAD plus that agent's changes in a temporary worktree. Needs `testCommand`.
   */
  checkAfterAgent: z.boolean().default(false),
  /**
   * A shell line run (with `sh -c`) in an isolated agent's new worktree before Codex starts there,
   * in its terminal: a worktree holds only what git tracks, so e.g. `npm ci` or `cp ../../../.env .`.
   * A failure ends the agent before Codex runs. null: Codex starts at once.
   */
  worktreeSetupCommand: z.string().trim().min(1).max(10_000).nullable().default(null),
  /**
   * An absolute path to the Codex binary agents run here; null: the `codex` on PATH, else the
   * bundled one. `--codex-path` and SWITCHYARD_CODEX_PATH win over it.
   */
  codexPath: z.string().trim().min(1).max(4096).nullable().default(null),
  /**
   * A message to an idle agent (ready or finished, waiting at its prompt) is typed there as its
   * next prompt. Off: it waits for the agent's next hook event or read_messages.
   */
  deliverMessagesToIdle: z.boolean().default(false),
  /** USD per million tokens by model, for the metrics' cost estimate; a model not listed gets no cost. */
  modelPrices: ModelPricesSchema.default(DEFAULT_MODEL_PRICES),
});
export type RepoSettings = z.infer<typeof RepoSettingsSchema>;
