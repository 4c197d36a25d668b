/**
 * Isolated agents' worktrees, as they cross the contract: what discarding one would lose, and
 * discarding it; moving its work into the shared tree (a preview first). Bringing a branch back as
 * commits is the commit wizard's (commit.ts); these are the other two ways out of isolation.
 */
import { z } from 'zod';
import { AgentIdSchema, AgentSchema } from './domain';

export const WorktreeLossSchema = z.object({
  /** Files in the worktree not committed on the branch. */
  uncommitted: z.array(z.string()),
  /** Commits of the branch the shared branch does not contain. */
  commits: z.array(z.object({ sha: z.string(), title: z.string(), merge: z.boolean() })),
  /** Files the branch and its uncommitted work change that the shared branch does not have. */
  files: z.array(z.string()),
  /** What git ignores in the worktree (`node_modules/`, `.env`): removed with it, not counted as work. */
  ignored: z.array(z.string()),
  worktreeExists: z.boolean(),
  branchExists: z.boolean(),
  /** The branch's changes are on the current branch already (squashed or cherry-picked back), though its commits are not in its history. */
  contentMerged: z.boolean(),
  /** The same in one sentence, for a confirmation. */
  summary: z.string(),
});
export type WorktreeLossView = z.infer<typeof WorktreeLossSchema>;

export const MoveFileSchema = z.object({
  path: z.string(),
  kind: z.enum(['added', 'modified', 'deleted']),
  diff: z.string(),
  refused: z.string().nullable(),
});
export type MoveFileView = z.infer<typeof MoveFileSchema>;

export const isolationCommands = {
  /** What discarding the agent's worktree and branch would lose (nothing is removed). */
  'isolation.loss': {
    input: z.object({ id: AgentIdSchema }).strict(),
    output: WorktreeLossSchema,
  },
  /**
   * Removes an ended isolated agent's worktree and branch and forgets the agent. Without `force`
   * it removes only when nothing would be lost; otherwise it answers `removed: false` with the loss.
   */
  'isolation.discard': {
    input: z.object({ id: AgentIdSchema, force: z.boolean().default(false) }).strict(),
    output: z.object({ removed: z.boolean(), loss: WorktreeLossSchema }),
  },
  /** The agent's changes against its base, file by file, with those the shared tree refuses and why. */
  'isolation.movePreview': {
    input: z.object({ id: AgentIdSchema }).strict(),
    output: z.object({ files: z.array(MoveFileSchema), running: z.boolean() }),
  },
  /**
   * Writes the agent's changes into the shared tree as one step (refused, nothing written, when a
   * file is), journaled as the agent's; then the agent's record becomes shared and its worktree
   * and branch are removed. Refused while Codex runs there unless `stopFirst` (it is stopped).
   */
  'isolation.move': {
    input: z.object({ id: AgentIdSchema, stopFirst: z.boolean().default(false) }).strict(),
    output: z.object({ moved: z.array(z.string()), agent: AgentSchema }),
  },
} as const;
