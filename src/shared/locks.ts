/** Claims and waiters as they cross the contract (the lock table's own types stay in the core). */
import { z } from 'zod';
import { AgentIdSchema, GateModeSchema } from './domain';

export const ClaimModeSchema = z.enum(['exclusive', 'shared']);
export const ClaimKindSchema = z.enum(['file', 'directory', 'glob']);
export { GateModeSchema } from './domain';
export type GateMode = z.infer<typeof GateModeSchema>;

export const ClaimViewSchema = z.object({
  id: z.string(),
  /** null: held by the user. */
  agentId: AgentIdSchema.nullable(),
  pattern: z.string(),
  kind: ClaimKindSchema,
  mode: ClaimModeSchema,
  token: z.number().int(),
  since: z.string(),
  /** Set while an ended agent's claim waits out the lock-delay. */
  releasingAt: z.string().nullable(),
  /** An isolated agent's claim: recorded and shown, never enforced (it writes in its own worktree). */
  advisory: z.boolean().optional(),
});
export type ClaimView = z.infer<typeof ClaimViewSchema>;

export const WaiterViewSchema = z.object({
  id: z.string(),
  agentId: AgentIdSchema.nullable(),
  pattern: z.string(),
  kind: ClaimKindSchema,
  mode: ClaimModeSchema,
  priority: z.number().int(),
  since: z.string(),
  deadline: z.string().nullable(),
});
export type WaiterView = z.infer<typeof WaiterViewSchema>;

/** Numbers the `locks.changed` announcements of one core process from 1; `locks.list` says which it includes. */
export const LocksRevisionSchema = z.number().int().nonnegative();

/**
 * What changed in the lock table since the previous announcement: claims and waiters added or
 * changed (`set`, whole views) and removed (ids). Applied in revision order on top of a
 * `locks.list` answer; a client that misses one (a gap in `revision`) lists again.
 */
export const LocksDeltaSchema = z.object({
  revision: LocksRevisionSchema,
  claims: z.object({ set: z.array(ClaimViewSchema), removed: z.array(z.string()) }),
  waiting: z.object({ set: z.array(WaiterViewSchema), removed: z.array(z.string()) }),
  mode: GateModeSchema,
});
export type LocksDelta = z.infer<typeof LocksDeltaSchema>;

const Patterns = z.array(z.string().min(1).max(4096)).min(1, 'name at least one path or glob').max(500);

export const lockCommands = {
  'locks.list': {
    input: z.object({}).strict(),
    output: z.object({
      claims: z.array(ClaimViewSchema),
      waiting: z.array(WaiterViewSchema),
      mode: GateModeSchema,
      /** The last `locks.changed` revision this list includes. */
      revision: LocksRevisionSchema,
    }),
  },
  'locks.claim': {
    input: z
      .object({
        /** Absent: the user claims. */
        agentId: AgentIdSchema.optional(),
        patterns: Patterns,
        shared: z.boolean().default(false),
        /** Queue behind the holder instead of being refused; up to timeoutMs when given. */
        wait: z.boolean().default(false),
        timeoutMs: z.number().int().positive().max(24 * 3_600_000).optional(),
        priority: z.number().int().min(-1000).max(1000).optional(),
      })
      .strict(),
    output: z.object({
      granted: z.array(ClaimViewSchema),
      refused: z.array(z.object({ pattern: z.string(), reason: z.string() })),
      waiting: z.array(z.object({ pattern: z.string(), reason: z.string() })),
    }),
  },
  'locks.release': {
    input: z
      .object({
        agentId: AgentIdSchema.optional(),
        patterns: Patterns,
        /** Release whoever holds them (the user's confirmed decision). */
        force: z.boolean().default(false),
      })
      .strict(),
    output: z.object({ released: z.array(ClaimViewSchema) }),
  },
  /**
   * Checks paths and globs as a claim would (inside the repository, no escape through `..` or a
   * symbolic link) without claiming anything: the launch form asks before it keeps a claim.
   */
  'locks.check': {
    input: z.object({ patterns: Patterns }).strict(),
    output: z.object({
      /** Each pattern as given, in order: how a claim would spell it, or why it would be refused. */
      checked: z.array(z.object({ pattern: z.string(), normalized: z.string().nullable(), reason: z.string().nullable() })),
    }),
  },
  'locks.whoHolds': {
    input: z.object({ path: z.string().min(1).max(4096) }).strict(),
    output: z.object({ claims: z.array(ClaimViewSchema) }),
  },
} as const;
