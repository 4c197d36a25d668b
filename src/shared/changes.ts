/**
 * Who changed what, as it crosses the contract: the touched files for the lock/conflict map,
 * a file's journal timeline and diffs, restore and assign, and the review report
 * (`switchyard review --json` prints `review.report`'s output as is).
 */
import { z } from 'zod';
import { AgentIdSchema } from './domain';
import { ConflictSchema } from './conflicts';

const Empty = z.object({}).strict();
/** A repository-relative path with forward slashes, as git prints it. */
const RepoPathSchema = z.string().min(1).max(4096);

/** offline: changed while Switchyard was not running (nobody can be named, not even the user). */
export const AttributionSchema = z.enum(['exact', 'inferred', 'unattributed', 'offline']);
export type Attribution = z.infer<typeof AttributionSchema>;

/** One agent's (or, with agentId null, nobody's) part in a file's changes. */
export const FileTouchSchema = z.object({
  agentId: AgentIdSchema.nullable(),
  attribution: AttributionSchema,
  /** How many of the file's changes carry this verdict. */
  changes: z.number().int().nonnegative(),
  lastAt: z.string(),
  /** The pid of the Codex outside Switchyard that made these changes (agentId is then null), else absent. */
  unmanagedPid: z.number().int().optional(),
});
export type FileTouch = z.infer<typeof FileTouchSchema>;

/** A file agents changed or claim, for the map. */
export const TouchedFileSchema = z.object({
  path: RepoPathSchema,
  /** Who wrote it, strongest attribution first, then most recent. */
  touches: z.array(FileTouchSchema),
  /** The writer of the latest change (null: unattributed or the user). */
  lastAgentId: AgentIdSchema.nullable(),
  lastKind: z.enum(['add', 'modify', 'delete']).nullable(),
  lastAt: z.string().nullable(),
  /** Agents whose live claims cover the path. */
  claimedBy: z.array(AgentIdSchema.nullable()),
  /** Changed before Switchyard started watching: never blamed on an agent. */
  baseline: z.boolean(),
  /** Journal versions kept for the path. */
  versions: z.number().int().nonnegative(),
  /**
   * A file in an isolated agent's own worktree (path `.agents/worktrees/<id>/…`, changed against the
   * agent's base commit): its own file on disk, so it never overlaps the shared tree's files.
   */
  isolated: z.boolean().optional(),
});
export type TouchedFile = z.infer<typeof TouchedFileSchema>;

export const ChangeMapSchema = z.object({
  /** Increases with every change the map reflects; `changes.changed` carries the same number. */
  revision: z.number().int().nonnegative(),
  files: z.array(TouchedFileSchema),
  conflicts: z.array(ConflictSchema),
});
export type ChangeMap = z.infer<typeof ChangeMapSchema>;

export const TimelineVersionSchema = z.object({
  version: z.number().int().positive(),
  at: z.string(),
  agentId: AgentIdSchema.nullable(),
  attribution: z.enum(['exact', 'inferred', 'unattributed', 'offline', 'pending']),
  /** The rule that decided the attribution (evidence.rule), e.g. rollout-file-change, baseline, restore. */
  rule: z.string(),
  state: z.enum(['kept', 'deleted', 'too-large', 'unreadable']),
  size: z.number().nullable(),
});
export type TimelineVersion = z.infer<typeof TimelineVersionSchema>;

export const ReviewFileSchema = z.object({
  path: RepoPathSchema,
  attribution: AttributionSchema,
  /** Changed by the Codex outside Switchyard with this pid (its group is named for it), else absent. */
  unmanagedPid: z.number().int().optional(),
  added: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  /**
   * Changed in the agent's own worktree, on its branch (the path is the file's path in the branch,
   * as the commit wizard brings it back), not in the shared tree.
   */
  isolated: z.boolean().optional(),
});

export const ReviewGroupSchema = z.object({
  agentId: AgentIdSchema.nullable(),
  /** The agent's name, "unattributed", or "changed while Switchyard was not running". */
  name: z.string(),
  task: z.string().nullable(),
  /** The files (or parts of them) changed while Switchyard was not running; agentId is null. */
  offline: z.boolean(),
  files: z.array(ReviewFileSchema),
  added: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
});
export type ReviewGroup = z.infer<typeof ReviewGroupSchema>;

export const ReviewReportSchema = z.object({
  groups: z.array(ReviewGroupSchema),
  conflicts: z.array(ConflictSchema),
  strategy: z.object({ suggested: z.enum(['per-agent', 'single']), reason: z.string() }),
});
export type ReviewReport = z.infer<typeof ReviewReportSchema>;

export const changeCommands = {
  /** The touched and claimed files with who wrote them, and the current conflicts. */
  'changes.map': { input: Empty, output: ChangeMapSchema },
  /** Every journal version of a file, oldest first. */
  'changes.timeline': {
    input: z.object({ path: RepoPathSchema }).strict(),
    output: z.object({ path: RepoPathSchema, versions: z.array(TimelineVersionSchema) }),
  },
  /** A unified diff between two journal versions of a file (`from` absent: from the version before `to`). */
  'changes.diff': {
    input: z.object({ path: RepoPathSchema, from: z.number().int().positive().optional(), to: z.number().int().positive() }).strict(),
    output: z.object({ diff: z.string() }),
  },
  /** Writes a journal version back to its path and nothing else. */
  'changes.restore': {
    input: z.object({ path: RepoPathSchema, version: z.number().int().positive() }).strict(),
    output: z.object({ restored: z.boolean() }),
  },
  /** The user says which agent made a path's unproven changes. */
  'changes.assign': {
    input: z.object({ path: RepoPathSchema, agentId: AgentIdSchema }).strict(),
    output: z.object({ changed: z.number().int().nonnegative() }),
  },
  /** Files grouped by agent with line stats, conflicts with recommendations, a commit strategy. */
  'review.report': { input: Empty, output: ReviewReportSchema },
} as const;

export const changeEvents = {
  /** The map changed; fetch `changes.map` (views throttle this themselves). */
  'changes.changed': z.object({ revision: z.number().int().nonnegative() }),
} as const;
