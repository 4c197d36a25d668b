/**
 * The lock table of one repository as the rest of Switchyard uses it: user input normalised to
 * repository paths, results in the contract's shapes, and the table's state handed to the
 * registry for persistence.
 */
import fs from 'node:fs';
import type { ClaimView, WaiterView } from '../../shared/locks';
import { writeDurablySync } from '../registry/durable-write';
import { SwitchyardError } from '../../shared/result';
import { describeTarget, WHOLE_REPOSITORY } from './claim-target';
import { LockTable } from './lock-table';
import type { Claim, ClaimTarget, LockHolder, LockTableDelta, Waiter } from './lock-types';
import { RepoPaths } from './repo-paths';

export interface ClaimOptions {
  shared?: boolean;
  /** Queue behind the holder; with timeoutMs, also wait (up to then) for the grant. */
  wait?: boolean;
  timeoutMs?: number | undefined;
  priority?: number | undefined;
}

/** What changed in the contract's shapes: claims and waiters set (added or changed) or removed, by id. */
export interface LocksViewDelta {
  claims: { set: ClaimView[]; removed: string[] };
  waiting: { set: WaiterView[]; removed: string[] };
}

export interface ClaimResult {
  granted: ClaimView[];
  refused: Array<{ pattern: string; reason: string }>;
  waiting: Array<{ pattern: string; reason: string }>;
}

function readReservation(file: string): number {
  try {
    const value = (JSON.parse(fs.readFileSync(file, 'utf8')) as { reservedUpTo?: unknown }).reservedUpTo;
    return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : 1;
  } catch {
    return 1;
  }
}

/** The fencing-token reservation could not be written: no token may be granted until it can. */
class TokenReservationError extends Error {}

const holderOf = (agentId: string | undefined | null): LockHolder => (agentId ? { kind: 'agent', agentId } : { kind: 'user' });
const iso = (ms: number): string => new Date(ms).toISOString();

export class RepoLocks {
  readonly table: LockTable;
  readonly paths: RepoPaths;

  /**
   * `tokenFile` keeps the fencing-token reservation, written synchronously and durably before any
   * token in a new block is granted (the table's changes are journaled asynchronously, in batches).
   */
  constructor(repo: string, savedState: unknown, onChange: (delta: LockTableDelta) => void, tokenFile?: string, isAdvisory?: (agentId: string) => boolean) {
    this.paths = RepoPaths.forRepo(repo);
    const options = {
      caseInsensitive: this.paths.caseInsensitive,
      ...(isAdvisory ? { isAdvisory } : {}),
      ...(tokenFile
        ? {
            reservedTokens: readReservation(tokenFile),
            reserveTokens: (upTo: number) => {
              try {
                writeDurablySync(tokenFile, `${JSON.stringify({ reservedUpTo: upTo })}\n`);
              } catch (error) {
                throw new TokenReservationError(`Could not save the fencing-token reservation to ${tokenFile}: ${(error as Error).message}`);
              }
            },
          }
        : {}),
    };
    this.table = savedState === undefined ? new LockTable(options) : LockTable.fromJSON(savedState, options);
    this.table.on('changed', onChange);
  }

  /** A target from what a person or model wrote: `dir/` a directory, globs by their characters. */
  target(input: string, cwd?: string): ClaimTarget {
    return this.paths.toClaimTarget(input, cwd === undefined ? {} : { cwd });
  }

  list(): { claims: ClaimView[]; waiting: WaiterView[] } {
    return { claims: this.table.claims().map((c) => this.view(c)), waiting: this.table.waiters().map((w) => this.waiterView(w)) };
  }

  async claim(agentId: string | undefined, patterns: readonly string[], options: ClaimOptions = {}): Promise<ClaimResult> {
    const result: ClaimResult = { granted: [], refused: [], waiting: [] };
    const waits: Array<Promise<void>> = [];
    for (const pattern of patterns) {
      let target: ClaimTarget;
      try {
        target = this.target(pattern);
      } catch (error) {
        result.refused.push({ pattern, reason: (error as Error).message });
        continue;
      }
      let outcome: ReturnType<LockTable['claim']>;
      try {
        outcome = this.table.claim({
          holder: holderOf(agentId),
          target,
          mode: options.shared ? 'shared' : 'exclusive',
          ...(options.priority !== undefined ? { priority: options.priority } : {}),
          ...(options.wait ? { wait: options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {} } : {}),
        });
      } catch (error) {
        // A full or read-only disk: refused with the file and the reason, like any other refusal.
        if (!(error instanceof TokenReservationError)) throw error;
        result.refused.push({ pattern, reason: error.message });
        continue;
      }
      if (outcome.status === 'granted') result.granted.push(this.view(outcome.claim));
      else if (outcome.status === 'refused') result.refused.push({ pattern, reason: outcome.reason });
      else if (options.timeoutMs === undefined) result.waiting.push({ pattern, reason: outcome.reason });
      else {
        waits.push(
          outcome.settled.then((settlement) => {
            if (settlement.status === 'granted') result.granted.push(this.view(settlement.claim));
            else result.refused.push({ pattern, reason: settlement.reason });
          }),
        );
      }
    }
    await Promise.all(waits);
    return result;
  }

  /** Releases the holder's claims on these targets; `force` releases whoever holds them. */
  release(agentId: string | undefined, patterns: readonly string[], force: boolean): ClaimView[] {
    const released: Claim[] = [];
    for (const pattern of patterns) {
      const target = this.target(pattern);
      if (force) {
        const covering = this.table.claims().filter((c) => c.target.kind === target.kind && c.target.pattern === target.pattern);
        if (covering.length === 0) throw new SwitchyardError('not-found', `No claim on ${describeTarget(target)}.`);
        for (const claim of covering) released.push(this.table.forceRelease(claim.id));
      } else {
        const mine = this.table.releaseTarget(holderOf(agentId), target);
        if (mine.length === 0) {
          const who = agentId ? `agent "${agentId}"` : 'the user';
          throw new SwitchyardError('not-found', `${who} holds no claim on ${describeTarget(target)}; nothing was released.`);
        }
        released.push(...mine);
      }
    }
    return released.map((c) => this.view(c));
  }

  whoHolds(input: string): ClaimView[] {
    const path = this.paths.toRepoPath(input);
    // The root is no file: what holds it is a claim on the whole repository.
    const claims = path === WHOLE_REPOSITORY ? this.table.claims().filter((c) => c.target.pattern === WHOLE_REPOSITORY) : this.table.whoHolds(path);
    return claims.map((c) => this.view(c));
  }

  toJSON(): unknown {
    return this.table.toJSON();
  }

  /**
   * The views that changed in these table deltas, in order: a claim granted and released in the
   * same burst is only removed. A lease that changed (its agent ended: `releasingAt` is set)
   * changes the view of every claim of that agent, and only those.
   */
  viewDelta(deltas: readonly LockTableDelta[]): LocksViewDelta {
    const claims = new Map<string, Claim | null>();
    const waiters = new Map<string, Waiter | null>();
    const leaseAgents = new Set<string>();
    for (const delta of deltas) {
      for (const claim of delta.claims.set) claims.set(claim.id, claim);
      for (const id of delta.claims.removed) claims.set(id, null);
      for (const waiter of delta.waiters.set) waiters.set(waiter.id, waiter);
      for (const id of delta.waiters.removed) waiters.set(id, null);
      for (const lease of delta.leases.set) leaseAgents.add(lease.agentId);
      for (const agentId of delta.leases.removed) leaseAgents.add(agentId);
    }
    for (const agentId of leaseAgents) {
      for (const claim of this.table.claimsOf({ kind: 'agent', agentId })) if (!claims.has(claim.id)) claims.set(claim.id, claim);
    }
    const split = <T, V>(changes: Map<string, T | null>, view: (value: T) => V): { set: V[]; removed: string[] } => {
      const set: V[] = [];
      const removed: string[] = [];
      for (const [id, value] of changes) {
        if (value === null) removed.push(id);
        else set.push(view(value));
      }
      return { set, removed };
    };
    return { claims: split(claims, (c) => this.view(c)), waiting: split(waiters, (w) => this.waiterView(w)) };
  }

  dispose(): void {
    this.table.dispose();
  }

  view(claim: Claim): ClaimView {
    const lease = claim.holder.kind === 'agent' ? this.table.leaseOf(claim.holder.agentId) : null;
    return {
      id: claim.id,
      agentId: claim.holder.kind === 'agent' ? claim.holder.agentId : null,
      pattern: claim.target.pattern,
      kind: claim.target.kind,
      mode: claim.mode,
      token: claim.token,
      since: iso(claim.since),
      releasingAt: lease?.releaseAt != null ? iso(lease.releaseAt) : null,
      ...(this.table.isAdvisory(claim.holder) ? { advisory: true } : {}),
    };
  }

  private waiterView(waiter: Waiter): WaiterView {
    return {
      id: waiter.id,
      agentId: waiter.holder.kind === 'agent' ? waiter.holder.agentId : null,
      pattern: waiter.target.pattern,
      kind: waiter.target.kind,
      mode: waiter.mode,
      priority: waiter.priority,
      since: iso(waiter.enqueuedAt),
      deadline: waiter.deadline === null ? null : iso(waiter.deadline),
    };
  }
}
