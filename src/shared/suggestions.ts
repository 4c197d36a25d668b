/**
 * Learning from history: for a new task, the claims agents with similar tasks in this repository
 * ended up needing (the files they changed, collapsed to folders when many) and the files that
 * caused conflicts before. What `agents.suggest` answers and the new-agent form shows.
 */
import { z } from 'zod';
import { AgentIdSchema } from './domain';

export const SimilarAgentSchema = z.object({
  agentId: AgentIdSchema,
  name: z.string(),
  task: z.string(),
  /** 0..1, the conflict detector's task similarity. */
  similarity: z.number().min(0).max(1),
  /** Files the agent changed (exact or inferred attribution). */
  files: z.number().int().nonnegative(),
});
export type SimilarAgent = z.output<typeof SimilarAgentSchema>;

export const SuggestedClaimSchema = z.object({
  /** A file, or a folder with a trailing `/` when similar agents changed several files in it. */
  pattern: z.string(),
  /** How many changed files the pattern stands for. */
  files: z.number().int().positive(),
  /** Names of the similar agents that changed them, most similar first. */
  agents: z.array(z.string()),
  /** Rank: the summed similarity of the agents behind each file; higher first. */
  score: z.number().nonnegative(),
});
export type SuggestedClaim = z.output<typeof SuggestedClaimSchema>;

export const ConflictWarningSchema = z.object({
  path: z.string(),
  /** What happened there before, in words: refused writes, writes onto a claim, several writers. */
  reason: z.string(),
});
export type ConflictWarning = z.output<typeof ConflictWarningSchema>;

export const ClaimSuggestionsSchema = z.object({
  similar: z.array(SimilarAgentSchema),
  claims: z.array(SuggestedClaimSchema),
  warnings: z.array(ConflictWarningSchema),
});
export type ClaimSuggestions = z.output<typeof ClaimSuggestionsSchema>;

export const suggestionCommands = {
  /**
   * Claims to consider for a task, from earlier agents of this repository with similar tasks, and
   * warnings about files that caused conflicts before (among the suggested claims and `claims`).
   */
  'agents.suggest': {
    input: z
      .object({
        task: z.string().max(20_000),
        /** Claims already chosen: warnings cover them too, and they are not suggested again. */
        claims: z.array(z.string().min(1)).max(500).default([]),
      })
      .strict(),
    output: ClaimSuggestionsSchema,
  },
} as const;
