/**
 * The lock table's queued claims: contested claims waiting their turn, in priority-then-arrival
 * order (wait-order.ts), each with an optional deadline timer and the promises of whoever awaits
 * how it ends.
 *
 * The queue keeps and settles waiters and records each change (lock-table-changes.ts); the lock
 * table decides when one is granted, and what its deadline passing means (`onDeadline`).
 */
import type { CompiledTarget } from './claim-target';
import type { Clock, TimerHandle } from '../lifecycle/clock';
import * as reasons from './lock-reasons';
import type { LockTableChanges } from './lock-table-changes';
import { sameHolder, type ClaimMode, type ClaimTarget, type LockHolder, type WaitSettlement, type Waiter } from './lock-types';
import { inQueueOrder } from './wait-order';

export interface WaiterEntry {
  waiter: Waiter;
  compiled: CompiledTarget;
  timer: TimerHandle | null;
  resolvers: Array<(settlement: WaitSettlement) => void>;
}

export class WaitQueue {
  private readonly byId = new Map<string, WaiterEntry>();
  private nextSeq = 0;

  constructor(
    private readonly clock: Clock,
    private readonly changes: LockTableChanges,
    /** Called when a waiter's deadline passes while it still waits. */
    private readonly onDeadline: (waiterId: string) => void,
  ) {}

  get size(): number {
    return this.byId.size;
  }

  /** The sequence number the next waiter gets (persisted, so arrival order survives a restart). */
  get nextWaiterSeq(): number {
    return this.nextSeq;
  }

  get(waiterId: string): WaiterEntry | undefined {
    return this.byId.get(waiterId);
  }

  /** Cancels every wait that matches, each with the reason given for it. */
  cancelWhere(matches: (entry: WaiterEntry) => boolean, reasonFor: (waiter: Waiter) => string): void {
    for (const entry of [...this.byId.values()]) {
      if (matches(entry)) this.settle(entry, { status: 'cancelled', reason: reasonFor(entry.waiter) });
    }
  }

  /** Every waiter in the order they will be considered. */
  inOrder(): WaiterEntry[] {
    return inQueueOrder(this.byId.values());
  }

  /** The holder's wait for exactly this target in exactly this mode, if it has one. */
  find(holder: LockHolder, compiled: CompiledTarget, mode: ClaimMode): WaiterEntry | undefined {
    for (const entry of this.byId.values()) {
      if (sameHolder(entry.waiter.holder, holder) && entry.compiled.key === compiled.key && entry.waiter.mode === mode) return entry;
    }
    return undefined;
  }

  enqueue(holder: LockHolder, compiled: CompiledTarget, mode: ClaimMode, priority: number, timeoutMs: number | null): WaiterEntry {
    const seq = this.nextSeq++;
    const now = this.clock.now();
    const waiter: Waiter = {
      id: `wait-${seq}`,
      holder: { ...holder },
      target: { ...compiled.target },
      mode,
      priority,
      seq,
      enqueuedAt: now,
      deadline: timeoutMs === null ? null : now + timeoutMs,
    };
    const entry: WaiterEntry = { waiter, compiled, timer: null, resolvers: [] };
    this.byId.set(waiter.id, entry);
    this.armTimer(entry);
    this.changes.waitQueued(waiter);
    return entry;
  }

  /** Puts saved waiters back (deadline timers re-armed); sequence numbers continue after all of them. */
  restore(waiters: readonly Waiter[], nextWaiterSeq: number, compile: (target: ClaimTarget) => CompiledTarget): void {
    for (const waiter of waiters) {
      const entry: WaiterEntry = { waiter: structuredClone(waiter), compiled: compile(waiter.target), timer: null, resolvers: [] };
      this.byId.set(waiter.id, entry);
      this.armTimer(entry);
    }
    this.nextSeq = Math.max(nextWaiterSeq, ...waiters.map((w) => w.seq + 1));
  }

  /** A promise for how this wait ends. */
  settlement(entry: WaiterEntry): Promise<WaitSettlement> {
    return new Promise((resolve) => entry.resolvers.push(resolve));
  }

  /** Ends the wait (once: settling a settled waiter does nothing) and tells whoever awaits it. */
  settle(entry: WaiterEntry, settlement: WaitSettlement): void {
    if (!this.byId.delete(entry.waiter.id)) return;
    if (entry.timer) this.clock.clearTimer(entry.timer);
    entry.timer = null;
    for (const resolve of entry.resolvers.splice(0)) resolve(settlement);
    this.changes.waitSettled(entry.waiter, settlement);
  }

  /** Stops every deadline timer and tells whoever awaits a wait that it ended; the waiters stay, for the saved state. */
  shutDown(): void {
    for (const entry of this.byId.values()) {
      if (entry.timer) this.clock.clearTimer(entry.timer);
      const settlement: WaitSettlement = { status: 'cancelled', reason: reasons.waitCancelled(entry.waiter.target, 'Switchyard is shutting down') };
      for (const resolve of entry.resolvers.splice(0)) resolve(settlement);
    }
  }

  private armTimer(entry: WaiterEntry): void {
    if (entry.waiter.deadline === null) return;
    const delay = Math.max(0, entry.waiter.deadline - this.clock.now());
    entry.timer = this.clock.setTimer(() => {
      entry.timer = null;
      this.onDeadline(entry.waiter.id);
    }, delay);
  }
}
