/**
 * The lock table's persisted form: claims, waiters, leases and the next fencing token. The
 * registry stores it opaquely; this schema is what `LockTable.fromJSON` trusts.
 */
import { z } from 'zod';
import { SwitchyardError } from '../../shared/result';

const HolderSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agent'), agentId: z.string().min(1) }),
  z.object({ kind: z.literal('user') }),
]);

const TargetSchema = z.object({
  kind: z.enum(['file', 'directory', 'glob']),
  pattern: z.string().min(1),
});

const ModeSchema = z.enum(['exclusive', 'shared']);
const Time = z.number().finite();

export const ClaimStateSchema = z.object({
  id: z.string().min(1),
  holder: HolderSchema,
  target: TargetSchema,
  mode: ModeSchema,
  token: z.number().int().positive(),
  since: Time,
});

export const WaiterStateSchema = z.object({
  id: z.string().min(1),
  holder: HolderSchema,
  target: TargetSchema,
  mode: ModeSchema,
  priority: z.number().int(),
  seq: z.number().int().nonnegative(),
  enqueuedAt: Time,
  deadline: Time.nullable(),
});

export const LeaseStateSchema = z.object({
  agentId: z.string().min(1),
  process: z.object({ pid: z.number().int().positive(), startTime: z.number().nullable() }).nullable(),
  releaseAt: Time.nullable(),
});

export const LOCK_STATE_VERSION = 1;

export const LockTableStateSchema = z.object({
  version: z.literal(LOCK_STATE_VERSION),
  /** The token the next grant gets; restored as at least one more than any stored token. */
  nextToken: z.number().int().positive(),
  nextWaiterSeq: z.number().int().nonnegative(),
  claims: z.array(ClaimStateSchema),
  waiters: z.array(WaiterStateSchema),
  leases: z.array(LeaseStateSchema),
});
export type LockTableState = z.infer<typeof LockTableStateSchema>;

/** The saved state, checked; an invalid one is refused with the first problem and where it is. */
export function parseLockTableState(json: unknown): LockTableState {
  const parsed = LockTableStateSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw new SwitchyardError('invalid-input', `The saved lock table is not valid${where}: ${issue?.message ?? 'unknown problem'}.`);
}
