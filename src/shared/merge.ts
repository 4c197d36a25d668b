/**
 * "Merge both" for an overwrite conflict, as it crosses the contract: a preview of the three-way
 * merge of two journal versions on their common base, writing it (a conflicted one only when the
 * user confirms), and handing a conflicted one to a Codex agent to resolve.
 */
import { z } from 'zod';
import { AgentIdSchema } from './domain';

const RepoPathSchema = z.string().min(1).max(4096);

/** The three journal versions of a merge: the conflict's merge-versions action names them. */
const MergeVersionsSchema = z.object({
  path: RepoPathSchema,
  /** The version both sides descend from. */
  base: z.number().int().positive(),
  /** The file as it is now (the overwriter's version): the merge is written over it. */
  ours: z.number().int().positive(),
  /** The overwritten version, whose changes since base are brought back. */
  theirs: z.number().int().positive(),
});

const MergeSideSchema = z.object({
  version: z.number().int().positive(),
  agentId: AgentIdSchema.nullable(),
  at: z.string(),
});

export const MergePreviewSchema = z.object({
  path: RepoPathSchema,
  base: MergeSideSchema,
  ours: MergeSideSchema,
  theirs: MergeSideSchema,
  /** No conflict regions: the merge can be written in one click. */
  clean: z.boolean(),
  conflicts: z.number().int().nonnegative(),
  /** 1-based lines of the merged text from `<<<<<<<` to `>>>>>>>`, one per conflict region. */
  regions: z.array(z.object({ start: z.number().int().positive(), end: z.number().int().positive() })),
  /** The merged file as it would be written (with git's conflict markers where it is not clean). */
  merged: z.string(),
  /** A unified diff from the file as it is now (ours) to the merged text. */
  diff: z.string(),
});
export type MergePreview = z.infer<typeof MergePreviewSchema>;

export const mergeCommands = {
  /** The three-way merge of two journal versions on their base (git merge-file), nothing written. */
  'conflicts.mergePreview': {
    input: MergeVersionsSchema.strict(),
    output: MergePreviewSchema,
  },
  /**
   * Writes the merge to the file (journaled as Switchyard's merge, by nobody). Refused when the
   * file changed since `ours`, and, for a merge with conflicts, unless `writeConflicts` says the
   * user accepted a file with conflict markers.
   */
  'conflicts.merge': {
    input: MergeVersionsSchema.extend({ writeConflicts: z.boolean().default(false) }).strict(),
    output: z.object({
      /** The journal version the merge became. */
      version: z.number().int().positive(),
      conflicts: z.number().int().nonnegative(),
      /** False when the merge equals the file as it is (nothing to write). */
      written: z.boolean(),
    }),
  },
  /**
   * Launches a Codex agent to resolve the merge by hand: the three versions and git's attempt are
   * written to `.agents/merges/<id>/`, the agent gets an exclusive claim on the file, and the
   * agents that wrote the two versions are told to wait.
   */
  'conflicts.resolveWithAgent': {
    input: MergeVersionsSchema.extend({
      /** The user's own words for the agent, added to the task. */
      instructions: z.string().max(5_000).optional(),
      /** As agents.launch takes them. */
      codexArgs: z.array(z.string()).max(100).default([]),
      codexHome: z.string().min(1).optional(),
    }).strict(),
    output: z.object({
      id: AgentIdSchema,
      name: z.string(),
      /** Repo-relative folder holding base, ours, theirs and merged. */
      folder: z.string(),
      /** The running agents that were told to wait. */
      told: z.array(AgentIdSchema),
    }),
  },
} as const;
