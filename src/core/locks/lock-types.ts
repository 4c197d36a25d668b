/** The vocabulary of the lock table: who holds what, how, and what a caller gets back. */
import type { ProcessIdentity } from './process-identity';

export type LockHolder = { kind: 'agent'; agentId: string } | { kind: 'user' };

/**
 * What a claim covers. Patterns are repo-relative POSIX paths (see repo-paths.ts):
 * a file is that one path; a directory is the path and everything under it (`.` is the whole
 * repository); a glob uses picomatch syntax, with dotfiles included.
 */
export type ClaimKind = 'file' | 'directory' | 'glob';
export interface ClaimTarget {
  kind: ClaimKind;
  pattern: string;
}

/** Exclusive: nobody else may claim or write anything it covers. Shared: others may share it. */
export type ClaimMode = 'exclusive' | 'shared';

export interface Claim {
  id: string;
  holder: LockHolder;
  target: ClaimTarget;
  mode: ClaimMode;
  /** Fencing token: strictly greater than every token granted before it, across restarts. */
  token: number;
  /** When it was granted (clock milliseconds). */
  since: number;
}

export interface Waiter {
  id: string;
  holder: LockHolder;
  target: ClaimTarget;
  mode: ClaimMode;
  /** Higher is granted first; equal priorities go by arrival. */
  priority: number;
  /** Arrival order, unique and increasing. */
  seq: number;
  enqueuedAt: number;
  /** Clock time at which the wait gives up; null waits until granted or cancelled. */
  deadline: number | null;
}

export interface ClaimRequest {
  holder: LockHolder;
  target: ClaimTarget;
  /** Defaults to exclusive. */
  mode?: ClaimMode;
  /** Defaults to 0. */
  priority?: number;
  /** Absent: refuse at once when contested. Present: queue, for at most timeoutMs when given. */
  wait?: { timeoutMs?: number };
}

export type WaitSettlement =
  | { status: 'granted'; claim: Claim }
  | { status: 'timed-out'; reason: string }
  | { status: 'cancelled'; reason: string };

export type ClaimOutcome =
  | { status: 'granted'; claim: Claim; alreadyHeld: boolean }
  | { status: 'refused'; reason: string; conflicts: Claim[] }
  | { status: 'waiting'; waiter: Waiter; reason: string; conflicts: Claim[]; settled: Promise<WaitSettlement> };

export type CheckResult =
  | { allowed: true }
  | { allowed: false; holder: LockHolder; claim: Claim; reason: string };

export type ReleaseCause = 'released' | 'force-released' | 'agent-ended';

export interface AgentLease {
  agentId: string;
  process: ProcessIdentity | null;
  /** Set while the agent's claims wait out the lock-delay after it ended. */
  releaseAt: number | null;
}

export interface LockTableEvents extends Record<string, unknown> {
  granted: { claim: Claim; waiterId: string | null };
  released: { claim: Claim; cause: ReleaseCause };
  'wait-settled': { waiter: Waiter; settlement: WaitSettlement };
  /** After every operation that changed the serialisable state: what it changed, for the journal and the views. */
  changed: LockTableDelta;
}

/**
 * What one operation changed, per key: a later entry for the same claim, waiter or lease replaces
 * an earlier one, so replaying deltas in order (or replaying ones already in a snapshot again)
 * ends in the same state. Counters only grow.
 */
export interface LockTableDelta {
  claims: { set: Claim[]; removed: string[] };
  waiters: { set: Waiter[]; removed: string[] };
  /** Leases by agent id. */
  leases: { set: AgentLease[]; removed: string[] };
  nextToken: number;
  nextWaiterSeq: number;
}

export const holderKey = (holder: LockHolder): string => (holder.kind === 'user' ? 'user' : `agent:${holder.agentId}`);

export const sameHolder = (a: LockHolder, b: LockHolder): boolean => holderKey(a) === holderKey(b);

export const describeHolder = (holder: LockHolder): string =>
  holder.kind === 'user' ? 'the user' : `agent "${holder.agentId}"`;
