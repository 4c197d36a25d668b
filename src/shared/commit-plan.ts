/**
 * Zod schemas for the commit plan and a run's result, for the contract (IPC, WebSocket, CLI
 * `--json`). The engine (src/core/git) has its own TypeScript types; a type test
 * (test/unit/git/commit-plan-schema.test.ts) keeps these schemas equal to them.
 */
import { z } from 'zod';

const Line = z.number().int().nonnegative();
const Mode = z.string().regex(/^[0-7]{6}$/, 'an octal git mode');

export const HunkRangeSchema = z.object({ oldStart: Line, oldLines: Line, newStart: Line, newLines: Line });
export const AttributionKindSchema = z.enum(['exact', 'inferred', 'unattributed', 'offline']);

export const AttributionEntrySchema = z.object({
  path: z.string().min(1),
  agentId: z.string().nullable(),
  attribution: AttributionKindSchema,
  /** agentId null: a Codex outside Switchyard (this pid) made the changes. */
  unmanagedPid: z.number().int().optional(),
  hunks: z.array(HunkRangeSchema.extend({ agentId: z.string().nullable() })).optional(),
});

export const CommitStrategySchema = z.enum(['per-agent', 'single']);

export const PlanAgentSchema = z.object({ id: z.string(), name: z.string(), task: z.string(), after: z.array(z.string()), startedAt: z.string() });

export const PlanChangeSchema = z.object({
  path: z.string().min(1),
  oldPath: z.string().nullable(),
  kind: z.enum(['added', 'modified', 'deleted', 'renamed', 'type-changed']),
  binary: z.boolean(),
  modeChanged: z.boolean(),
  added: Line,
  removed: Line,
});

export const PlannedFileSchema = z.object({
  path: z.string().min(1),
  oldPath: z.string().optional(),
  hunks: z.array(HunkRangeSchema).optional(),
  attribution: AttributionKindSchema.optional(),
});

export const CommitGroupSchema = z.object({
  id: z.string(),
  agentId: z.string().nullable(),
  title: z.string(),
  message: z.string(),
  messageEdited: z.boolean(),
  files: z.array(PlannedFileSchema),
  excluded: z.array(z.string()),
});

/** How an isolated agent's branch comes back onto the shared tree's branch. */
export const BringBackModeSchema = z.enum(['merge', 'squash', 'cherry-pick']);

/** An isolated agent's branch (and its worktree's uncommitted work) as one group of the plan. */
export const IsolatedGroupSchema = z.object({
  /** `isolated:<agent id>`. */
  id: z.string(),
  agentId: z.string(),
  title: z.string(),
  branch: z.string(),
  worktree: z.string(),
  /** The branch's tip when the plan was made. */
  tip: z.string(),
  /** Files of the worktree not committed on the branch yet: committed there (message from the task) before bringing back. */
  uncommitted: z.array(z.string()),
  /** The branch's commits the shared branch does not have, oldest first (uncommitted work not counted). */
  commits: z.array(z.object({ sha: z.string(), title: z.string() })),
  /** Paths bringing it back changes in the shared tree. */
  files: z.array(z.string()),
  mode: BringBackModeSchema,
  included: z.boolean(),
  /** The merge or squash commit's message; a cherry-pick keeps the branch's own messages. */
  message: z.string(),
  messageEdited: z.boolean(),
  /** Paths that do not merge cleanly onto the plan's base in this mode: the group cannot be committed. */
  conflicts: z.array(z.string()),
  /** Paths it changes that hold uncommitted changes in the shared tree: the group cannot be committed. */
  busy: z.array(z.string()),
});

export const CommitPlanSchema = z.object({
  base: z.object({ commit: z.string().nullable(), ref: z.string().nullable() }),
  strategy: CommitStrategySchema,
  conventional: z.boolean(),
  changes: z.array(PlanChangeSchema),
  agents: z.array(PlanAgentSchema),
  groups: z.array(CommitGroupSchema),
  order: z.array(z.string()),
  undecided: z.array(z.object({ path: z.string(), oldPath: z.string().optional(), agentIds: z.array(z.string().nullable()), reason: z.string() })),
  singleMessage: z.string(),
  singleMessageEdited: z.boolean(),
  /** Isolated agents' branches, each brought back as one group after the shared groups. */
  isolated: z.array(IsolatedGroupSchema).optional(),
});

export const ResumeStateSchema = z.object({ expectedHead: z.string().nullable(), committedGroupIds: z.array(z.string()) });

const StepSchema = z.enum(['check', 'test', 'snapshot', 'stage', 'pre-commit', 'message', 'commit', 'publish', 'post-commit']);
const IndexEntrySchema = z.object({ mode: Mode, blob: z.string() });

export const CommitRunResultSchema = z.object({
  status: z.enum(['completed', 'stopped']),
  committed: z.array(
    z.object({
      sha: z.string(),
      tree: z.string(),
      parent: z.string().nullable(),
      groupIds: z.array(z.string()),
      agentIds: z.array(z.string().nullable()),
      title: z.string(),
      message: z.string(),
      files: z.array(z.string()),
      replacedStaged: z.array(z.object({ path: z.string(), staged: IndexEntrySchema.nullable() })),
      hookOutput: z.string(),
      warnings: z.array(z.string()),
    }),
  ),
  skipped: z.array(z.object({ groupIds: z.array(z.string()), title: z.string(), reason: z.string() })),
  notCommitted: z.array(z.object({ groupIds: z.array(z.string()), title: z.string(), files: z.array(z.string()) })),
  left: z.array(
    z.object({
      path: z.string(),
      reason: z.enum(['excluded', 'undecided', 'not-committed', 'hunks-not-in-plan']),
      groupId: z.string().nullable(),
      hunks: z.array(HunkRangeSchema).optional(),
    }),
  ),
  stop: z
    .object({
      kind: z.enum([
        'invalid-plan',
        'operation-in-progress',
        'head-moved',
        'ref-moved',
        'unmerged-paths',
        'test-failed',
        'split-failed',
        'hook-failed',
        'empty-message',
        'index-locked',
        'identity-unknown',
        'index-update-failed',
        'isolated-conflict',
        'shared-tree-busy',
        'git-failed',
        'internal',
      ]),
      message: z.string(),
      step: StepSchema,
      groupIds: z.array(z.string()),
      output: z.string().optional(),
    })
    .nullable(),
  warnings: z.array(z.string()),
  head: z.string().nullable(),
  resume: ResumeStateSchema.nullable(),
});

export const CommitProgressSchema = z.object({ step: StepSchema, unit: Line, units: Line, title: z.string(), groupIds: z.array(z.string()) });

