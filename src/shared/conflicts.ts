/**
 * Conflicts between agents as they cross the contract: what went wrong, how bad it is, and what
 * the user can do about it. Every action maps onto an existing command (agents.stop,
 * terminal.input, locks.release / locks.claim, changes.restore, monitor.stopExternal, conflicts.merge)
 * or a view (the diff).
 */
import { z } from 'zod';
import { AgentIdSchema } from './domain';

export const ConflictKindSchema = z.enum(['overlap', 'violation', 'duplicate', 'ping-pong', 'stuck', 'import-cycle', 'broken-import']);
export type ConflictKind = z.infer<typeof ConflictKindSchema>;

export const ConflictSeveritySchema = z.enum(['info', 'warning', 'critical']);
export type ConflictSeverity = z.infer<typeof ConflictSeveritySchema>;

export const ConflictActionSchema = z.discriminatedUnion('type', [
  /** Stop the agent (agents.stop). */
  z.object({ type: z.literal('stop-agent'), agentId: AgentIdSchema, label: z.string() }),
  /** Interrupt the agent's current turn (Escape in its terminal): Codex pauses and waits for the user. */
  z.object({ type: z.literal('pause-agent'), agentId: AgentIdSchema, label: z.string() }),
  /** Type a message into the agent's terminal and submit it (terminal.input). */
  z.object({ type: z.literal('message-agent'), agentId: AgentIdSchema, text: z.string(), label: z.string() }),
  /** Release one of the agent's claims (locks.release). */
  z.object({ type: z.literal('release-claim'), agentId: AgentIdSchema, pattern: z.string(), label: z.string() }),
  /** Release `from`'s claim and claim the same pattern for `to`. */
  z.object({ type: z.literal('transfer-claim'), from: AgentIdSchema, to: AgentIdSchema, pattern: z.string(), label: z.string() }),
  /** Write a journal version back (changes.restore). */
  z.object({ type: z.literal('restore-version'), path: z.string(), version: z.number().int().positive(), label: z.string() }),
  /** Show the file's diff and timeline. */
  z.object({ type: z.literal('open-diff'), path: z.string(), label: z.string() }),
  /** Stop a Codex process that runs on the repository outside Switchyard (monitor.stopExternal). */
  z.object({ type: z.literal('stop-process'), pid: z.number().int().positive(), label: z.string() }),
  /**
   * Merge both: `theirs`' changes since `base` applied on top of `ours` (the file now), previewed
   * with conflicts.mergePreview and written with conflicts.merge; a conflicted merge can go to an
   * agent instead (conflicts.resolveWithAgent).
   */
  z.object({
    type: z.literal('merge-versions'),
    path: z.string(),
    base: z.number().int().positive(),
    ours: z.number().int().positive(),
    theirs: z.number().int().positive(),
    label: z.string(),
  }),
]);
export type ConflictAction = z.infer<typeof ConflictActionSchema>;

export const ConflictSchema = z.object({
  /** Stable while the same conflict persists (kind plus what it is about), so the UI can keep selection. */
  id: z.string(),
  kind: ConflictKindSchema,
  severity: ConflictSeveritySchema,
  paths: z.array(z.string()),
  /** Agent ids involved; null stands for the user or an unattributed writer. */
  agents: z.array(AgentIdSchema.nullable()),
  /** One sentence: what happened. */
  summary: z.string(),
  /** One sentence: what to do. */
  recommendation: z.string(),
  actions: z.array(ConflictActionSchema),
  /** ISO time the conflict was first seen or last grew. */
  at: z.string(),
});
export type Conflict = z.infer<typeof ConflictSchema>;
