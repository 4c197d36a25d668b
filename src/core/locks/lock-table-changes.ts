/**
 * What a lock-table operation changed, told once the operation is complete: the `granted`,
 * `released` and `wait-settled` events in the order they happened, then one `changed` event with
 * the operation's delta (per key, last change wins) for the journal and the views.
 *
 * Delivery waits for `flush()` at the end of the operation, so a listener sees a consistent table
 * and may call back into it; a change made by such a call is delivered in the same flush.
 */
import { TypedEmitter } from '../lifecycle/typed-emitter';
import type { AgentLease, Claim, LockTableDelta, LockTableEvents, ReleaseCause, WaitSettlement, Waiter } from './lock-types';

type Counters = Pick<LockTableDelta, 'nextToken' | 'nextWaiterSeq'>;

/** Changes by key, null meaning removed, split into a delta's `set` and `removed` (and cleared). */
function split<V, O>(changes: Map<string, V | null>, out: (value: V) => O): { set: O[]; removed: string[] } {
  const set: O[] = [];
  const removed: string[] = [];
  for (const [key, value] of changes) {
    if (value === null) removed.push(key);
    else set.push(out(value));
  }
  changes.clear();
  return { set, removed };
}

export class LockTableChanges {
  private readonly events = new TypedEmitter<LockTableEvents>();
  private readonly outbox: Array<() => void> = [];
  private flushing = false;
  private closed = false;
  /** What the current operation changed, by key (null: removed). Leases are the live objects, copied when the delta is taken. */
  private readonly pending = { claims: new Map<string, Claim | null>(), waiters: new Map<string, Waiter | null>(), leases: new Map<string, AgentLease | null>() };

  /** `counters` reads the table's next token and waiter sequence number for each delta. */
  constructor(private readonly counters: () => Counters) {}

  on<K extends keyof LockTableEvents>(name: K, listener: (payload: LockTableEvents[K]) => void): () => void {
    return this.events.on(name, listener);
  }

  granted(claim: Claim, waiterId: string | null): void {
    this.queue(() => this.events.emit('granted', { claim, waiterId }));
    this.pending.claims.set(claim.id, claim);
  }

  released(claim: Claim, cause: ReleaseCause): void {
    this.queue(() => this.events.emit('released', { claim, cause }));
    this.pending.claims.set(claim.id, null);
  }

  waitQueued(waiter: Waiter): void {
    this.pending.waiters.set(waiter.id, waiter);
  }

  waitSettled(waiter: Waiter, settlement: WaitSettlement): void {
    this.queue(() => this.events.emit('wait-settled', { waiter, settlement }));
    this.pending.waiters.set(waiter.id, null);
  }

  /** The lease as it is when the delta is taken goes into it, so it may still change in this operation. */
  leaseChanged(lease: AgentLease): void {
    this.pending.leases.set(lease.agentId, lease);
  }

  leaseRemoved(agentId: string): void {
    this.pending.leases.set(agentId, null);
  }

  /** Delivers everything the operation changed; a listener's failure is rethrown after the others heard. */
  flush(): void {
    if (this.flushing) return;
    this.flushing = true;
    let failure: unknown = null;
    try {
      while (this.outbox.length > 0 || this.hasPendingChange()) {
        const deliver = this.outbox.shift() ?? (() => this.events.emit('changed', this.takeDelta()));
        try {
          deliver();
        } catch (error) {
          // The operation is complete; one failing listener must not keep the others uninformed.
          failure ??= error;
        }
      }
    } finally {
      this.flushing = false;
    }
    if (failure !== null) throw failure;
  }

  /** Nothing more is delivered, and the listeners are dropped (the table is disposed). */
  close(): void {
    this.closed = true;
    this.events.clear();
  }

  private queue(deliver: () => void): void {
    if (!this.closed) this.outbox.push(deliver);
  }

  private hasPendingChange(): boolean {
    return this.pending.claims.size + this.pending.waiters.size + this.pending.leases.size > 0;
  }

  /** The current operation's changes as a delta, and a clean slate. */
  private takeDelta(): LockTableDelta {
    const { nextToken, nextWaiterSeq } = this.counters();
    return {
      claims: split(this.pending.claims, (claim) => claim),
      waiters: split(this.pending.waiters, (waiter) => ({ ...waiter })),
      leases: split(this.pending.leases, (lease) => ({ ...lease })),
      nextToken,
      nextWaiterSeq,
    };
  }
}
