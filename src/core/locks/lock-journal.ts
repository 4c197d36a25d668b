/**
 * The lock table's journal records and their replay. Every operation that changes the table
 * appends its delta (lock-types.ts) to `.agents/locks.jsonl`; a snapshot of the whole table is
 * written only when the journal has grown as large as the table. On load the snapshot is read
 * and the journal replayed over it. Deltas are per key (last one wins) and counters only grow,
 * so replaying a delta the snapshot already holds changes nothing: a crash between writing a
 * snapshot and emptying the journal loses nothing and doubles nothing.
 */
import { z } from 'zod';
import type { LockTableDelta } from './lock-types';
import { ClaimStateSchema, LeaseStateSchema, LOCK_STATE_VERSION, LockTableStateSchema, WaiterStateSchema, type LockTableState } from './lock-state';

const changesOf = <T extends z.ZodTypeAny>(schema: T) => z.object({ set: z.array(schema), removed: z.array(z.string().min(1)) });

export const LockTableDeltaSchema = z.object({
  claims: changesOf(ClaimStateSchema),
  waiters: changesOf(WaiterStateSchema),
  leases: changesOf(LeaseStateSchema),
  nextToken: z.number().int().positive(),
  nextWaiterSeq: z.number().int().nonnegative(),
});

export const emptyLockState = (): LockTableState => ({ version: LOCK_STATE_VERSION, nextToken: 1, nextWaiterSeq: 0, claims: [], waiters: [], leases: [] });

/** The number of entries a delta touches: what appending it costs, and how the journal's size is counted. */
export const deltaSize = (delta: LockTableDelta): number =>
  delta.claims.set.length + delta.claims.removed.length + delta.waiters.set.length + delta.waiters.removed.length + delta.leases.set.length + delta.leases.removed.length;

function applyKeyed<T>(byKey: Map<string, T>, keyOf: (entry: T) => string, changes: { set: T[]; removed: string[] }): void {
  for (const entry of changes.set) byKey.set(keyOf(entry), entry);
  for (const key of changes.removed) byKey.delete(key);
}

export interface Replay {
  /** The snapshot with the journal applied; undefined when there was neither. */
  state: unknown;
  /** Set when journal records were unusable: they and everything after them were left out. */
  problem: string | null;
}

/**
 * Applies journal records to a snapshot. A snapshot that does not parse is returned as it is
 * (the lock table reports it and starts empty); a record that does not parse ends the replay
 * there, with a problem to report.
 */
export function replayLockJournal(snapshot: unknown, records: readonly unknown[]): Replay {
  if (records.length === 0) return { state: snapshot, problem: null };
  let state: LockTableState;
  if (snapshot === undefined) state = emptyLockState();
  else {
    const parsed = LockTableStateSchema.safeParse(snapshot);
    if (!parsed.success) return { state: snapshot, problem: null };
    state = parsed.data;
  }
  // Maps keyed by id keep a replay linear in the records and the snapshot.
  const claims = new Map(state.claims.map((c) => [c.id, c]));
  const waiters = new Map(state.waiters.map((w) => [w.id, w]));
  const leases = new Map(state.leases.map((l) => [l.agentId, l]));
  let { nextToken, nextWaiterSeq } = state;
  const result = (): LockTableState => ({
    version: LOCK_STATE_VERSION,
    nextToken,
    nextWaiterSeq,
    claims: [...claims.values()],
    waiters: [...waiters.values()],
    leases: [...leases.values()],
  });
  for (const [index, record] of records.entries()) {
    const parsed = LockTableDeltaSchema.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join('.') || '(root)';
      const after = records.length - index - 1;
      return { state: result(), problem: `record ${index + 1} is not a lock change (${where}: ${issue?.message ?? 'unknown'}); it and the ${after} after it were left out` };
    }
    const delta = parsed.data;
    applyKeyed(claims, (c) => c.id, delta.claims);
    applyKeyed(waiters, (w) => w.id, delta.waiters);
    applyKeyed(leases, (l) => l.agentId, delta.leases);
    nextToken = Math.max(nextToken, delta.nextToken);
    nextWaiterSeq = Math.max(nextWaiterSeq, delta.nextWaiterSeq);
  }
  return { state: result(), problem: null };
}
