/**
 * The claims the lock table holds, indexed every way it asks about them: by id, by holder, by
 * holder + target + mode (asking for a held claim again is one lookup), and by path segment
 * (claim-index.ts), so a write check or a conflict search walks the path instead of every claim.
 *
 * Only storage and the overlap questions: no time, no queue, no events. The lock table decides
 * what is granted and released, and records the change (lock-table-changes.ts).
 */
import type { CompiledTarget } from './claim-target';
import { ClaimIndex } from './claim-index';
import type { OverlapVerdict } from './glob-overlap';
import { holderKey, sameHolder, type Claim, type ClaimMode, type LockHolder } from './lock-types';
import { targetsOverlap } from './target-overlap';

export interface ClaimEntry {
  claim: Claim;
  compiled: CompiledTarget;
}

/** Another holder's claim that cannot coexist with a requested one, and why. */
export interface Conflict {
  claim: Claim;
  verdict: OverlapVerdict;
}

const AGENT_KEY_PREFIX = 'agent:';

const identityOf = (holder: LockHolder, compiled: CompiledTarget, mode: ClaimMode): string => `${holderKey(holder)}\0${compiled.key}\0${mode}`;

/** Claims are handed out as they are stored; frozen, so no caller can change the table through one. */
export const frozenClaim = (claim: Claim): Claim =>
  Object.freeze({ ...claim, holder: Object.freeze({ ...claim.holder }), target: Object.freeze({ ...claim.target }) });

/** Oldest grant first: fencing tokens only grow. */
export const byToken = (a: Claim, b: Claim): number => a.token - b.token;

export class ClaimStore {
  /**
   * `advisory`: whether a holder's claims are advisory (an isolated agent's, which writes in its
   * own worktree): recorded and shown, but they neither block others nor are blocked.
   */
  constructor(private readonly advisory: (holder: LockHolder) => boolean = () => false) {}

  private readonly byId = new Map<string, ClaimEntry>();
  private readonly byHolder = new Map<string, Set<ClaimEntry>>();
  private readonly byIdentity = new Map<string, ClaimEntry>();
  private readonly index = new ClaimIndex<ClaimEntry>();

  get size(): number {
    return this.byId.size;
  }

  get(claimId: string): ClaimEntry | undefined {
    return this.byId.get(claimId);
  }

  entries(): IterableIterator<ClaimEntry> {
    return this.byId.values();
  }

  add(entry: ClaimEntry): void {
    this.byId.set(entry.claim.id, entry);
    this.byIdentity.set(identityOf(entry.claim.holder, entry.compiled, entry.claim.mode), entry);
    const key = holderKey(entry.claim.holder);
    let set = this.byHolder.get(key);
    if (!set) {
      set = new Set();
      this.byHolder.set(key, set);
    }
    set.add(entry);
    this.index.add(entry);
  }

  remove(entry: ClaimEntry): void {
    this.byId.delete(entry.claim.id);
    const identity = identityOf(entry.claim.holder, entry.compiled, entry.claim.mode);
    if (this.byIdentity.get(identity) === entry) this.byIdentity.delete(identity);
    const key = holderKey(entry.claim.holder);
    const set = this.byHolder.get(key);
    set?.delete(entry);
    if (set?.size === 0) this.byHolder.delete(key);
    this.index.remove(entry);
  }

  /** The holder's claim on exactly this target in exactly this mode, if it has one. */
  held(holder: LockHolder, compiled: CompiledTarget, mode: ClaimMode): ClaimEntry | undefined {
    return this.byIdentity.get(identityOf(holder, compiled, mode));
  }

  /** The holder's claims, as a copy the caller may release while walking it. */
  heldBy(holder: LockHolder): ClaimEntry[] {
    return [...(this.byHolder.get(holderKey(holder)) ?? [])];
  }

  holdsAny(holder: LockHolder): boolean {
    return (this.byHolder.get(holderKey(holder))?.size ?? 0) > 0;
  }

  /** The ids of the agents holding at least one claim. */
  agentIds(): string[] {
    const ids: string[] = [];
    for (const key of this.byHolder.keys()) if (key.startsWith(AGENT_KEY_PREFIX)) ids.push(key.slice(AGENT_KEY_PREFIX.length));
    return ids;
  }

  /** Claims covering this (folded, normalised) path, in no particular order. */
  covering(foldedPath: string): ClaimEntry[] {
    return this.index.matching(foldedPath);
  }

  /** Whether the holder's claims are advisory (see the constructor). */
  isAdvisory(holder: LockHolder): boolean {
    return this.advisory(holder);
  }

  /** Others' claims that cannot coexist with this one: overlapping, and one of the two exclusive. Oldest first. */
  conflictsWith(holder: LockHolder, compiled: CompiledTarget, mode: ClaimMode): Conflict[] {
    const conflicts: Conflict[] = [];
    if (this.advisory(holder)) return conflicts;
    for (const entry of this.index.candidates(compiled)) {
      if (sameHolder(entry.claim.holder, holder) || this.advisory(entry.claim.holder)) continue;
      if (mode === 'shared' && entry.claim.mode === 'shared') continue;
      const verdict = targetsOverlap(compiled, entry.compiled);
      if (verdict.overlap) conflicts.push({ claim: entry.claim, verdict });
    }
    return conflicts.sort((a, b) => byToken(a.claim, b.claim));
  }
}
