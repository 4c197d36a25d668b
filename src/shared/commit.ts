/**
 * The commit wizard's commands and events: draft a plan from attribution, edit it, show a file's
 * diff, run it with progress. Kept apart from contract.ts so this work and the attribution work
 * do not edit the same lines.
 */
import { z } from 'zod';
import {
  BringBackModeSchema,
  CommitPlanSchema,
  CommitProgressSchema,
  CommitRunResultSchema,
  CommitStrategySchema,
  HunkRangeSchema,
  ResumeStateSchema,
} from './commit-plan';

/** A repository-relative path with forward slashes, as git prints it. */
const RepoPathSchema = z.string().min(1).max(4096);
const GroupIdSchema = z.string().min(1);

/** One user edit of a plan; `commit.edit` applies it and returns the new plan. */
export const PlanEditSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('move-file'), path: RepoPathSchema, toGroupId: GroupIdSchema }).strict(),
  z.object({ type: z.literal('move-hunk'), path: RepoPathSchema, hunk: HunkRangeSchema, toGroupId: GroupIdSchema }).strict(),
  z.object({ type: z.literal('exclude-file'), path: RepoPathSchema }).strict(),
  /** Takes an excluded (or undecided) file back into a group. */
  z.object({ type: z.literal('include-file'), path: RepoPathSchema, groupId: GroupIdSchema }).strict(),
  /** `order` names every group exactly once, first committed first. */
  z.object({ type: z.literal('reorder'), order: z.array(GroupIdSchema) }).strict(),
  z.object({ type: z.literal('move-group'), groupId: GroupIdSchema, index: z.number().int().nonnegative() }).strict(),
  /** An empty message brings the drafted one back. */
  z.object({ type: z.literal('set-message'), groupId: GroupIdSchema, message: z.string().max(100_000) }).strict(),
  z.object({ type: z.literal('set-single-message'), message: z.string().max(100_000) }).strict(),
  z.object({ type: z.literal('set-strategy'), strategy: CommitStrategySchema }).strict(),
  z.object({ type: z.literal('set-conventional'), conventional: z.boolean() }).strict(),
  /** An isolated agent's group: merge commit, one squashed commit, or its commits replayed. */
  z.object({ type: z.literal('set-isolated-mode'), groupId: GroupIdSchema, mode: BringBackModeSchema }).strict(),
  /** Leaves an isolated agent's group out of the run (its branch and worktree stay), or takes it back in. */
  z.object({ type: z.literal('set-isolated-included'), groupId: GroupIdSchema, included: z.boolean() }).strict(),
  /** An empty message brings the drafted one back. */
  z.object({ type: z.literal('set-isolated-message'), groupId: GroupIdSchema, message: z.string().max(100_000) }).strict(),
]);
export type PlanEdit = z.infer<typeof PlanEditSchema>;

export const commitCommands = {
  /**
   * Drafts a plan from the working tree's changes and who made them. `warnings` are things to
   * show before committing: a detached HEAD, files several agents changed that need a choice,
   * nothing to commit.
   */
  'commit.plan': {
    input: z
      .object({
        strategy: CommitStrategySchema.default('per-agent'),
        conventional: z.boolean().default(false),
        /** Draft each message's subject and body from the agent's task (otherwise from its name and files). */
        messageFromTask: z.boolean().default(true),
      })
      .strict(),
    output: z.object({ plan: CommitPlanSchema, warnings: z.array(z.string()) }),
  },
  /** Applies one edit; an edit that cannot be made fails with 'invalid-input' and the reason. */
  'commit.edit': {
    input: z.object({ plan: CommitPlanSchema, edit: PlanEditSchema }).strict(),
    output: z.object({ plan: CommitPlanSchema }),
  },
  /**
   * The working tree's diff of one path against HEAD (an untracked file as an addition): `diff`
   * is a full-context unified diff for the viewer, `hunks` the `-U0` ranges `move-hunk` takes.
   */
  'commit.diff': {
    input: z.object({ path: RepoPathSchema }).strict(),
    output: z.object({ diff: z.string(), hunks: z.array(HunkRangeSchema), binary: z.boolean() }),
  },
  /**
   * Commits the plan (one run at a time per repository), emitting `commit.progress`. A stop is a
   * result, not an error: see `stop`, and pass `resume` back to continue after fixing the cause.
   */
  /**
   * One path of an isolated agent's group as bringing it back would change it in the shared tree:
   * a diff from HEAD to the merged version (a conflicted file shows git's conflict markers).
   */
  'commit.isolatedDiff': {
    input: z.object({ groupId: GroupIdSchema, mode: BringBackModeSchema, path: RepoPathSchema }).strict(),
    output: z.object({ diff: z.string(), conflicted: z.boolean() }),
  },
  'commit.run': {
    input: z
      .object({
        plan: CommitPlanSchema,
        /** Skip the repository's pre-commit and commit-msg hooks (like `git commit --no-verify`). */
        skipHooks: z.boolean().default(false),
        /** Run the repository's `testCommand` setting first, when it is set; a failure stops the run. */
        runTests: z.boolean().default(true),
        resume: ResumeStateSchema.optional(),
      })
      .strict(),
    output: CommitRunResultSchema,
  },
} as const;

export const commitEvents = {
  /** A step of the running `commit.run`. */
  'commit.progress': CommitProgressSchema,
} as const;
