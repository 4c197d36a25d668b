/**
 * The check after an agent (the repository's test command run on HEAD plus that agent's changes,
 * in a temporary worktree) and the rollback of an agent's files, as they cross the contract.
 * Kept apart from contract.ts so this work and others' do not edit the same lines.
 */
import { z } from 'zod';
import { AgentIdSchema } from './domain';

/** A repository-relative path with forward slashes, as git prints it. */
const RepoPathSchema = z.string().min(1).max(4096);

export const CheckStateSchema = z.enum([
  /** Waiting for another agent's check to end (checks run one at a time). */
  'queued',
  'running',
  'passed',
  'failed',
  /** The check itself could not run (no commit yet, git refused the worktree): see `detail`. */
  'error',
]);
export type CheckState = z.infer<typeof CheckStateSchema>;

export const CheckResultSchema = z.object({
  agentId: AgentIdSchema,
  state: CheckStateSchema,
  /** auto: run because the agent finished its task with the check setting on; manual: asked for. */
  trigger: z.enum(['auto', 'manual']),
  /** The test command line, as set when the check started. */
  command: z.string(),
  /** The agent's files laid over HEAD in the temporary worktree. */
  files: z.array(RepoPathSchema),
  queuedAt: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  exitCode: z.number().int().nullable(),
  timedOut: z.boolean(),
  /** The end of the command's output (stdout and stderr interleaved), bounded. */
  output: z.string(),
  /** How long creating the temporary worktree took, in ms (what the check costs before the tests run). */
  worktreeMs: z.number().nonnegative().nullable(),
  durationMs: z.number().nonnegative().nullable(),
  /** Why the check could not run, in words a person can act on; null otherwise. */
  detail: z.string().nullable(),
});
export type CheckResult = z.infer<typeof CheckResultSchema>;

/** One file of a rollback plan: what it goes back to, and who else changed it since. */
export const RollbackFileSchema = z.object({
  path: RepoPathSchema,
  /** restore: write the earlier content back; delete: the file did not exist before; recreate: it was deleted since. */
  action: z.enum(['restore', 'delete', 'recreate']),
  /** The journal version it goes back to (the one before the agent's first change of it). */
  toVersion: z.number().int().positive(),
  /** The journal version it holds now (`changes.diff` from this to `toVersion` previews the rollback). */
  currentVersion: z.number().int().positive(),
  /** Others (agent ids; null: unattributed, e.g. the user) who changed the file after the agent did. */
  changedSinceBy: z.array(AgentIdSchema.nullable()),
  /** Rolled back by this plan: the agent's alone, or another's included by the user. */
  included: z.boolean(),
});
export type RollbackFile = z.infer<typeof RollbackFileSchema>;

export const RollbackPlanSchema = z.object({
  agentId: AgentIdSchema,
  files: z.array(RollbackFileSchema),
  /** Files of the agent that cannot be rolled back, and why (e.g. the earlier version was too large to keep). */
  unavailable: z.array(z.object({ path: RepoPathSchema, reason: z.string() })),
});
export type RollbackPlan = z.infer<typeof RollbackPlanSchema>;

export const RollbackResultSchema = z.object({
  agentId: AgentIdSchema,
  /** Each file written back; `undoVersion` is the version it held before (`changes.restore` it to undo). */
  restored: z.array(z.object({ path: RepoPathSchema, toVersion: z.number().int().positive(), undoVersion: z.number().int().positive(), newVersion: z.number().int().positive().nullable() })),
  /** Files left alone: changed by others since (not included), or unavailable. */
  skipped: z.array(z.object({ path: RepoPathSchema, reason: z.string() })),
});
export type RollbackResult = z.infer<typeof RollbackResultSchema>;

/** Which of others' changed files the user includes: all of them, or the paths named. */
const IncludeOthersSchema = z.union([z.boolean(), z.array(RepoPathSchema).max(10_000)]).default(false);

export const checkCommands = {
  /**
   * Runs the repository's test command on HEAD plus the agent's changes in a temporary worktree
   * (the working tree and the other agents are not touched) and answers when it has ended.
   */
  'checks.run': {
    input: z.object({ id: AgentIdSchema }).strict(),
    output: CheckResultSchema,
  },
  /** The agent's last check (running or ended), or null. */
  'checks.get': {
    input: z.object({ id: AgentIdSchema }).strict(),
    output: z.object({ check: CheckResultSchema.nullable() }),
  },
  /** The last check of every agent that had one in the open repository. */
  'checks.list': {
    input: z.object({}).strict(),
    output: z.object({ checks: z.array(CheckResultSchema) }),
  },
  /**
   * What rolling the agent back would do: every file it changed, back to its version before the
   * agent's first change. Files others changed since are listed and left out unless included.
   */
  'rollback.plan': {
    input: z.object({ id: AgentIdSchema, includeOthers: IncludeOthersSchema }).strict(),
    output: RollbackPlanSchema,
  },
  /** Rolls the agent back as `rollback.plan` says; every write is a journal version, so it can be undone. */
  'rollback.run': {
    input: z.object({ id: AgentIdSchema, includeOthers: IncludeOthersSchema }).strict(),
    output: RollbackResultSchema,
  },
} as const;

export const checkEvents = {
  /** An agent's check was queued, started or ended. */
  'checks.changed': CheckResultSchema,
} as const;
