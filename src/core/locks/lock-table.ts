/**
 * The lock table: who may write where. Claims on files, directories and globs, exclusive or
 * shared, held by agents (for as long as their process lives, plus a short lock-delay) or by the
 * user (until released). Contested claims can wait in a queue ordered by priority, then arrival.
 * Every grant carries a fencing token that only ever grows, across restarts too.
 *
 * Pure and in-process: paths arrive already normalised (see repo-paths.ts), time comes from an
 * injected clock, and persistence is the caller's, through `toJSON()` and `LockTable.fromJSON()`.
 *
 * This file is the state machine (grant, queue, release, leases and their timers); the held
 * claims live in claim-store.ts, the queued ones in wait-queue.ts, and lock-table-changes.ts
 * tells listeners what each operation changed.
 */
import { SwitchyardError } from '../../shared/result';
import { byToken, ClaimStore, frozenClaim, type ClaimEntry } from './claim-store';
import { compileTarget, describeTarget, foldPath, repoPathSegments, type CompiledTarget } from './claim-target';
import { systemClock, type Clock, type TimerHandle } from '../lifecycle/clock';
import * as reasons from './lock-reasons';
import { LOCK_STATE_VERSION, parseLockTableState, type LockTableState } from './lock-state';
import { LockTableChanges } from './lock-table-changes';
import {
  describeHolder,
  sameHolder,
  type AgentLease,
  type CheckResult,
  type Claim,
  type ClaimMode,
  type ClaimOutcome,
  type ClaimRequest,
  type ClaimTarget,
  type LockHolder,
  type LockTableEvents,
  type ReleaseCause,
  type WaitSettlement,
  type Waiter,
} from './lock-types';
import { isSameProcessAlive, type ProcessIdentity } from './process-identity';
import { WaitQueue } from './wait-queue';
import { DEFAULT_LOCK_DELAY_MS, TOKEN_RESERVATION_BLOCK, type LockTableOptions } from './lock-table-options';

export { DEFAULT_LOCK_DELAY_MS, TOKEN_RESERVATION_BLOCK, type LockTableOptions } from './lock-table-options';

interface LeaseEntry {
  lease: AgentLease;
  timer: TimerHandle | null;
}

const agentHolder = (agentId: string): LockHolder => ({ kind: 'agent', agentId });

function checkHolder(holder: LockHolder): void {
  if (holder.kind === 'agent' && (typeof holder.agentId !== 'string' || holder.agentId.length === 0)) {
    throw new SwitchyardError('invalid-input', 'An agent holder needs a non-empty agentId.');
  }
}

export class LockTable {
  readonly caseInsensitive: boolean;
  private readonly clock: Clock;
  private readonly lockDelayMs: number;
  private readonly store: ClaimStore;
  private readonly leases = new Map<string, LeaseEntry>();
  /** Every operation ends with `changes.flush()`: its events, then one `changed` delta. */
  private readonly changes = new LockTableChanges(() => ({ nextToken: this.nextToken, nextWaiterSeq: this.waits.nextWaiterSeq }));
  private nextToken = 1;
  private reservedUpTo = 0;
  private readonly reserveTokens: ((upTo: number) => void) | undefined;
  private readonly waits: WaitQueue;
  private disposed = false;

  constructor(options: LockTableOptions = {}) {
    this.clock = options.clock ?? systemClock;
    const isAdvisory = options.isAdvisory;
    this.store = new ClaimStore(isAdvisory ? (holder) => holder.kind === 'agent' && isAdvisory(holder.agentId) : undefined);
    this.caseInsensitive = options.caseInsensitive ?? false;
    this.lockDelayMs = options.lockDelayMs ?? DEFAULT_LOCK_DELAY_MS;
    this.reserveTokens = options.reserveTokens;
    this.nextToken = Math.max(1, options.reservedTokens ?? 1);
    this.waits = new WaitQueue(this.clock, this.changes, (waiterId) => this.expireWaiter(waiterId));
  }

  on<K extends keyof LockTableEvents>(name: K, listener: (payload: LockTableEvents[K]) => void): () => void {
    return this.changes.on(name, listener);
  }

  // ── claiming ────────────────────────────────────────────────────────────────────────────────

  claim(request: ClaimRequest): ClaimOutcome {
    checkHolder(request.holder);
    const mode = request.mode ?? 'exclusive';
    const priority = request.priority ?? 0;
    if (!Number.isSafeInteger(priority)) throw new SwitchyardError('invalid-input', 'A claim priority must be an integer.');
    const timeoutMs = request.wait?.timeoutMs;
    if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs >= 0)) {
      throw new SwitchyardError('invalid-input', 'A wait timeout must be a number of milliseconds, 0 or more.');
    }
    const compiled = compileTarget(request.target, this.caseInsensitive);
    const holder = request.holder;

    if (holder.kind === 'agent' && (this.leases.get(holder.agentId)?.lease.releaseAt ?? null) !== null) {
      return { status: 'refused', reason: reasons.agentEnding(holder.agentId, request.target), conflicts: [] };
    }
    const held = this.store.held(holder, compiled, mode);
    if (held) return { status: 'granted', claim: held.claim, alreadyHeld: true };

    const conflicts = this.store.conflictsWith(holder, compiled, mode);
    if (conflicts.length === 0) {
      const claim = this.grant(holder, compiled, mode, null);
      this.changes.flush();
      return { status: 'granted', claim, alreadyHeld: false };
    }
    const reason = reasons.claimContested(request.target, mode, conflicts);
    const conflictClaims = conflicts.map((c) => c.claim);
    if (!request.wait) return { status: 'refused', reason, conflicts: conflictClaims };

    const entry = this.waits.find(holder, compiled, mode) ?? this.waits.enqueue(holder, compiled, mode, priority, timeoutMs ?? null);
    const settled = this.waits.settlement(entry);
    this.changes.flush();
    return { status: 'waiting', waiter: { ...entry.waiter }, reason, conflicts: conflictClaims, settled };
  }

  /** A promise for how a queued claim ends (also for waiters restored from a saved table). */
  whenSettled(waiterId: string): Promise<WaitSettlement> | null {
    const entry = this.waits.get(waiterId);
    return entry ? this.waits.settlement(entry) : null;
  }

  cancelWait(waiterId: string, why = 'it was cancelled'): boolean {
    const entry = this.waits.get(waiterId);
    if (!entry) return false;
    this.waits.settle(entry, { status: 'cancelled', reason: reasons.waitCancelled(entry.waiter.target, why) });
    this.changes.flush();
    return true;
  }

  // ── releasing ───────────────────────────────────────────────────────────────────────────────

  /** Releases one of the holder's own claims. */
  release(holder: LockHolder, claimId: string): Claim {
    const entry = this.store.get(claimId);
    if (!entry) throw new SwitchyardError('not-found', `There is no claim ${claimId}; it may have been released already.`);
    if (!sameHolder(entry.claim.holder, holder)) {
      throw new SwitchyardError(
        'invalid-input',
        `Claim ${claimId} on ${describeTarget(entry.claim.target)} belongs to ${describeHolder(entry.claim.holder)}; only its holder can release it, or the user can force-release it.`,
      );
    }
    this.remove(entry, 'released');
    this.grantWaiters();
    this.changes.flush();
    return entry.claim;
  }

  /** Releases the holder's claims on exactly this target (any mode) and withdraws its waits for it. */
  releaseTarget(holder: LockHolder, target: ClaimTarget): Claim[] {
    checkHolder(holder);
    const compiled = compileTarget(target, this.caseInsensitive);
    const released = this.store.heldBy(holder).filter((e) => e.compiled.key === compiled.key);
    for (const entry of released) this.remove(entry, 'released');
    this.waits.cancelWhere(
      (entry) => sameHolder(entry.waiter.holder, holder) && entry.compiled.key === compiled.key,
      () => reasons.waitCancelled(target, 'its holder released the target'),
    );
    this.grantWaiters();
    this.changes.flush();
    return released.map((e) => e.claim);
  }

  /** The user takes any claim away, at once (the UI confirms first). */
  forceRelease(claimId: string): Claim {
    const entry = this.store.get(claimId);
    if (!entry) throw new SwitchyardError('not-found', `There is no claim ${claimId}; it may have been released already.`);
    this.remove(entry, 'force-released');
    this.grantWaiters();
    this.changes.flush();
    return entry.claim;
  }

  // ── leases ──────────────────────────────────────────────────────────────────────────────────

  /** Records which process an agent is, so `releaseDeadAgents` can tell when it is gone. */
  attachProcess(agentId: string, process: ProcessIdentity): void {
    checkHolder(agentHolder(agentId));
    const lease = this.leases.get(agentId);
    if (lease) lease.lease.process = { ...process };
    else this.leases.set(agentId, { lease: { agentId, process: { ...process }, releaseAt: null }, timer: null });
    this.changes.leaseChanged(this.leases.get(agentId)!.lease);
    this.changes.flush();
  }

  /**
   * The agent ended: its waits are cancelled now and its claims released after the lock-delay
   * (at once with `delayMs: 0`). Meanwhile it may still write but not claim anything new.
   */
  releaseAgent(agentId: string, options: { delayMs?: number } = {}): void {
    checkHolder(agentHolder(agentId));
    const delayMs = options.delayMs ?? this.lockDelayMs;
    this.waits.cancelWhere(
      ({ waiter }) => waiter.holder.kind === 'agent' && waiter.holder.agentId === agentId,
      (waiter) => reasons.waitCancelled(waiter.target, `agent "${agentId}" ended`),
    );
    if (delayMs <= 0 || !this.store.holdsAny(agentHolder(agentId))) {
      this.releaseAgentNow(agentId);
    } else {
      const releaseAt = this.clock.now() + delayMs;
      const lease = this.leases.get(agentId) ?? { lease: { agentId, process: null, releaseAt: null }, timer: null };
      this.leases.set(agentId, lease);
      if (lease.lease.releaseAt === null || releaseAt < lease.lease.releaseAt) {
        lease.lease.releaseAt = releaseAt;
        this.armLeaseTimer(lease);
      }
      this.changes.leaseChanged(lease.lease);
    }
    this.changes.flush();
  }

  /** Starts the lock-delay for every agent whose recorded process is gone (or was replaced). */
  releaseDeadAgents(isAlive: (process: ProcessIdentity) => boolean = isSameProcessAlive, options: { delayMs?: number } = {}): string[] {
    const dead = [...this.leases.values()]
      .filter((l) => l.lease.releaseAt === null && l.lease.process !== null && !isAlive(l.lease.process))
      .map((l) => l.lease.agentId);
    for (const agentId of dead) this.releaseAgent(agentId, options);
    return dead;
  }

  // ── questions ───────────────────────────────────────────────────────────────────────────────

  /** May this agent write this (normalised, repo-relative) path? Only others' exclusive claims refuse. */
  check(agentId: string, path: string): CheckResult {
    checkHolder(agentHolder(agentId));
    repoPathSegments(path);
    const blocking = this.store
      .covering(foldPath(path, this.caseInsensitive))
      .filter((e) => e.claim.mode === 'exclusive' && !(e.claim.holder.kind === 'agent' && e.claim.holder.agentId === agentId) && !this.store.isAdvisory(e.claim.holder))
      .sort((a, b) => byToken(a.claim, b.claim))[0];
    if (!blocking) return { allowed: true };
    return { allowed: false, holder: blocking.claim.holder, claim: blocking.claim, reason: reasons.writeRefused(path, blocking.claim) };
  }

  /** May this agent write everything a directory or glob covers (`rm -r dir`, `rm *.ts`)? */
  checkTarget(agentId: string, target: ClaimTarget): CheckResult {
    const holder = agentHolder(agentId);
    checkHolder(holder);
    const compiled = compileTarget(target, this.caseInsensitive);
    const blocking = this.store.conflictsWith(holder, compiled, 'exclusive').find((c) => c.claim.mode === 'exclusive');
    if (!blocking) return { allowed: true };
    return {
      allowed: false,
      holder: blocking.claim.holder,
      claim: blocking.claim,
      reason: reasons.targetWriteRefused(target, blocking.claim, blocking.verdict),
    };
  }

  /** Every claim (any holder, any mode) covering the path, oldest first. */
  whoHolds(path: string): Claim[] {
    repoPathSegments(path);
    return this.store
      .covering(foldPath(path, this.caseInsensitive))
      .map((e) => e.claim)
      .sort(byToken);
  }

  /** Whether the holder's claims are advisory (LockTableOptions.isAdvisory). */
  isAdvisory(holder: LockHolder): boolean {
    return this.store.isAdvisory(holder);
  }

  claims(): Claim[] {
    return [...this.store.entries()].map((e) => e.claim).sort(byToken);
  }

  claimsOf(holder: LockHolder): Claim[] {
    return this.store.heldBy(holder).map((e) => e.claim).sort(byToken);
  }

  /** Queued claims in the order they will be considered. */
  waiters(): Waiter[] {
    return this.waits.inOrder().map((e) => ({ ...e.waiter }));
  }

  agentLeases(): AgentLease[] {
    return [...this.leases.values()].map((l) => ({ ...l.lease }));
  }

  /** One agent's lease, without copying every lease (a view of one claim needs only its holder's). */
  leaseOf(agentId: string): AgentLease | null {
    const entry = this.leases.get(agentId);
    return entry ? { ...entry.lease } : null;
  }

  /** The agents that hold claims or leases: after a restart, none of them runs any more. */
  agentHolders(): string[] {
    const ids = new Set(this.leases.keys());
    for (const agentId of this.store.agentIds()) ids.add(agentId);
    return [...ids];
  }

  /** How many entries the serialisable state holds: what a snapshot of it costs. */
  get size(): number {
    return this.store.size + this.waits.size + this.leases.size;
  }

  // ── persistence ─────────────────────────────────────────────────────────────────────────────

  toJSON(): LockTableState {
    return {
      version: LOCK_STATE_VERSION,
      nextToken: this.nextToken,
      nextWaiterSeq: this.waits.nextWaiterSeq,
      claims: this.claims().map((c) => ({ ...c, holder: { ...c.holder }, target: { ...c.target } })),
      waiters: this.waiters().map((w) => structuredClone(w)),
      leases: this.agentLeases().map((l) => structuredClone(l)),
    };
  }

  /** Rebuilds a table from `toJSON()` output; timers for waits and lock-delays are re-armed. */
  static fromJSON(json: unknown, options: LockTableOptions = {}): LockTable {
    const state = parseLockTableState(json);
    const table = new LockTable(options);
    for (const claim of state.claims) {
      const entry: ClaimEntry = { claim: frozenClaim(claim), compiled: compileTarget(claim.target, table.caseInsensitive) };
      if (table.store.get(claim.id)) throw new SwitchyardError('invalid-input', `The saved lock table has claim ${claim.id} twice.`);
      table.store.add(entry);
    }
    const maxToken = Math.max(0, ...state.claims.map((c) => c.token));
    table.nextToken = Math.max(state.nextToken, maxToken + 1, options.reservedTokens ?? 1);
    table.waits.restore(state.waiters, state.nextWaiterSeq, (target) => compileTarget(target, table.caseInsensitive));
    for (const lease of state.leases) {
      const entry: LeaseEntry = { lease: structuredClone(lease), timer: null };
      table.leases.set(lease.agentId, entry);
      if (lease.releaseAt !== null) table.armLeaseTimer(entry);
    }
    return table;
  }

  /** Stops every timer and settles pending waits in memory; the saved state keeps them. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const lease of this.leases.values()) if (lease.timer) this.clock.clearTimer(lease.timer);
    this.waits.shutDown();
    this.changes.close();
  }

  // ── internals ───────────────────────────────────────────────────────────────────────────────

  private grant(holder: LockHolder, compiled: CompiledTarget, mode: ClaimMode, waiterId: string | null): Claim {
    if (this.reserveTokens && this.nextToken >= this.reservedUpTo) {
      // Counted as reserved only once it is on disk: a failed write (full disk) must not let the
      // next grant hand out tokens that a restart could hand out again.
      const upTo = this.nextToken + TOKEN_RESERVATION_BLOCK;
      this.reserveTokens(upTo);
      this.reservedUpTo = upTo;
    }
    const token = this.nextToken++;
    const claim = frozenClaim({ id: `claim-${token}`, holder, target: compiled.target, mode, token, since: this.clock.now() });
    this.store.add({ claim, compiled });
    this.changes.granted(claim, waiterId);
    return claim;
  }

  private remove(entry: ClaimEntry, cause: ReleaseCause): void {
    this.store.remove(entry);
    this.changes.released(entry.claim, cause);
  }

  /** Grants, in queue order, every waiter that no longer conflicts with a held claim. */
  private grantWaiters(): void {
    for (const entry of this.waits.inOrder()) {
      const { holder, mode } = entry.waiter;
      if (this.store.conflictsWith(holder, entry.compiled, mode).length > 0) continue;
      const claim = this.store.held(holder, entry.compiled, mode)?.claim ?? this.grant(holder, entry.compiled, mode, entry.waiter.id);
      this.waits.settle(entry, { status: 'granted', claim });
    }
  }

  private expireWaiter(waiterId: string): void {
    const entry = this.waits.get(waiterId);
    if (this.disposed || !entry) return;
    const { waiter } = entry;
    const blocking = this.store.conflictsWith(waiter.holder, entry.compiled, waiter.mode)[0]?.claim;
    const waited = this.clock.now() - waiter.enqueuedAt;
    this.waits.settle(entry, { status: 'timed-out', reason: reasons.waitTimedOut(waiter.target, waiter.mode, waited, blocking) });
    this.changes.flush();
  }

  private armLeaseTimer(lease: LeaseEntry): void {
    if (lease.timer) this.clock.clearTimer(lease.timer);
    const delay = Math.max(0, (lease.lease.releaseAt ?? 0) - this.clock.now());
    lease.timer = this.clock.setTimer(() => {
      lease.timer = null;
      if (this.disposed) return;
      this.releaseAgentNow(lease.lease.agentId);
      this.changes.flush();
    }, delay);
  }

  private releaseAgentNow(agentId: string): void {
    const lease = this.leases.get(agentId);
    if (lease?.timer) this.clock.clearTimer(lease.timer);
    if (this.leases.delete(agentId)) this.changes.leaseRemoved(agentId);
    for (const entry of this.store.heldBy(agentHolder(agentId))) this.remove(entry, 'agent-ended');
    this.grantWaiters();
  }
}
