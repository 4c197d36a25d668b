/**
 * Joins working-tree changes with agents' activity and decides who made each change. Pure logic
 * on an injected clock: the caller feeds changes, activity and ticks, and delivers what comes back.
 *
 * A change whose verdict is exact is delivered at once. Any other waits up to the grace period
 * for late evidence (the rollout line that names it is written after the patch lands). After
 * delivery, a stronger verdict from later evidence revises it (revision + 1); a verdict the user
 * gave is never revised.
 */
import { SwitchyardError } from '../../shared/result';
import { ACTIVITY_RETENTION_MS, ActivityLog, type AgentCall } from './activity-log';
import { decideAttribution, EVENT_SLACK_MS } from './attribution-rules';
import { compileClaims, type ClaimMatcher } from './claim-matcher';
import { strengthOf, type ActivityEvent, type EvidenceRule, type ObservedChange, type TrackedChange, type Verdict } from './change-types';
import { UnmanagedPresence, type UnmanagedProcess } from './unmanaged-presence';
import { readCommandPaths, type CommandPathReader } from './command-paths';

/**
 * How long a change that no event names yet waits for one. Rollout lines land within
 * milliseconds of the write and hooks within ~100 ms (a node process per hook); 1 s covers a
 * loaded machine without making user edits wait long to show up.
 */
export const EVIDENCE_GRACE_MS = 1_000;

/** Verdicts activity never revises: the user's word, Switchyard's restores, what predates or escaped watching. */
const SETTLED_RULES: readonly EvidenceRule[] = ['user', 'restore', 'merge', 'baseline', 'offline'];

/**
 * Named by the writer's own event: nothing later can make it stronger, so it is delivered at once.
 * An unmanaged Codex's own FileChange or writing command proves as much as an agent's.
 */
function isProven(verdict: Verdict): boolean {
  if (verdict.evidence.rule === 'unmanaged-process') return verdict.evidence.basis === 'rollout-file-change' || verdict.evidence.basis === 'command-writes-path';
  return verdict.attribution === 'exact';
}

export interface AttributionIndexOptions {
  repo: string;
  clock?: () => number;
  graceMs?: number;
  readCommandPaths?: CommandPathReader;
}

/** Where the content after a change is kept, when it was journaled. */
export interface JournalRef {
  version: number | null;
  blob: string | null;
}

interface Entry {
  change: TrackedChange;
  /** Not yet delivered: waiting for evidence until this time. */
  pendingUntil: number | null;
  assigned: boolean;
  /** Rebuilt from the journal at opening: its verdict stands, unless it was never reached and an agent's own event now proves it. */
  rebuilt?: boolean;
}

export class AttributionIndex {
  private readonly entries: Entry[] = [];
  private readonly waiting = new Set<Entry>();
  private readonly byPath = new Map<string, Entry[]>();
  private readonly log: ActivityLog;
  private readonly claims = new Map<string, ClaimMatcher>();
  private readonly unmanaged = new UnmanagedPresence();
  private readonly clock: () => number;
  private readonly graceMs: number;
  private nextId = 1;
  private lastDeadline = Number.NEGATIVE_INFINITY;

  constructor(options: AttributionIndexOptions) {
    this.clock = options.clock ?? Date.now;
    this.graceMs = options.graceMs ?? EVIDENCE_GRACE_MS;
    this.log = new ActivityLog(options.repo, options.readCommandPaths ?? readCommandPaths);
  }

  setClaims(agentId: string, claims: readonly string[]): void {
    this.claims.set(agentId, compileClaims(claims));
  }

  /**
   * A Codex runs on the repository outside Switchyard (seen by the scan); its activity, read from
   * its own rollout log, is noted under `unmanagedKey(pid)`. Returns changes this explains now.
   */
  noteUnmanagedStarted(process: UnmanagedProcess): TrackedChange[] {
    if (!this.unmanaged.started(process)) return [];
    return this.reviseSpan(process.since, this.clock());
  }

  /** The unmanaged Codex `pid` is gone (at `at`): later changes are not its. */
  noteUnmanagedEnded(pid: number, at: number): void {
    this.unmanaged.ended(pid, at);
  }

  /** Records a change; returns it if its verdict is final now, or null while it waits for evidence. */
  observe(change: ObservedChange, journal: JournalRef = { version: null, blob: null }): TrackedChange | null {
    const verdict = this.decide(change);
    const entry: Entry = {
      change: { ...change, ...verdict, id: this.nextId++, revision: 0, journalVersion: journal.version, blob: journal.blob },
      // Never earlier than an earlier change's deadline: waiting entries stay in deadline order.
      pendingUntil: isProven(verdict) ? null : (this.lastDeadline = Math.max(this.lastDeadline, change.observedAt + this.graceMs)),
      assigned: false,
    };
    this.add(entry);
    return entry.pendingUntil === null ? { ...entry.change } : null;
  }

  /** A change that was already in the working tree when watching began: never an agent's. */
  addBaseline(change: ObservedChange, journal: JournalRef = { version: null, blob: null }): TrackedChange {
    return this.addSettled(change, { attribution: 'unattributed', agentId: null, evidence: { rule: 'baseline' } }, journal);
  }

  /**
   * A change whose verdict is already known: a baseline entry, Switchyard's own restore, one
   * rebuilt from the journal after a restart (`rebuilt`). Activity revises it only to a stronger
   * rule, never a baseline, restore, offline or user verdict, and a rebuilt one only when its
   * verdict was never reached and an agent's own event names the file (the previous run already
   * read the rest of the agents' activity).
   */
  addSettled(
    change: ObservedChange,
    verdict: Verdict,
    journal: JournalRef = { version: null, blob: null },
    options: { rebuilt?: boolean } = {},
  ): TrackedChange {
    const entry: Entry = {
      change: { ...change, ...verdict, id: this.nextId++, revision: 0, journalVersion: journal.version, blob: journal.blob },
      pendingUntil: null,
      assigned: verdict.evidence.rule === 'user',
      rebuilt: options.rebuilt ?? false,
    };
    this.add(entry);
    return { ...entry.change };
  }

  /** Applies an agent's activity; returns changes delivered or revised because of it. */
  noteActivity(event: ActivityEvent): TrackedChange[] {
    const call = this.log.note(event);
    const delivered: TrackedChange[] = [];
    for (const entry of this.pending()) {
      const verdict = this.decide(entry.change);
      if (isProven(verdict)) delivered.push(this.deliver(entry, verdict));
    }
    if (call) delivered.push(...this.revise(call));
    return delivered;
  }

  /** Delivers every waiting change whose grace period is over; forgets activity too old to matter. */
  tick(): TrackedChange[] {
    const now = this.clock();
    const due: Entry[] = [];
    // Waiting entries are in insertion order, and so in deadline order (see lastDeadline).
    for (const entry of this.waiting) {
      if (entry.pendingUntil! > now) break;
      due.push(entry);
    }
    const delivered = due.map((entry) => this.deliver(entry, this.decide(entry.change)));
    this.log.prune(now - ACTIVITY_RETENTION_MS);
    return delivered;
  }

  /** Delivers every waiting change now with what is known (on shutdown). */
  settleAll(): TrackedChange[] {
    return this.pending().map((entry) => this.deliver(entry, this.decide(entry.change)));
  }

  /** When the next waiting change is due, for the caller's timer. */
  nextDeadline(): number | null {
    const first = this.waiting.values().next();
    return first.done ? null : first.value.pendingUntil;
  }

  /**
   * The user says `agentId` made the path's changes: every change of the path not already
   * proven exact by the agents' own events is re-attributed, with the previous evidence kept.
   */
  assign(path: string, agentId: string): TrackedChange[] {
    const entries = this.byPath.get(path) ?? [];
    if (entries.length === 0) throw new SwitchyardError('not-found', `No change of ${path} has been seen.`);
    const changed: TrackedChange[] = [];
    for (const entry of entries) {
      const { change } = entry;
      if (change.attribution === 'exact' && !entry.assigned) continue;
      entry.assigned = true;
      const verdict: Verdict = { attribution: 'exact', agentId, evidence: { rule: 'user', agentId, previous: change.evidence } };
      changed.push(this.deliver(entry, verdict));
    }
    return changed;
  }

  /** Every delivered change, oldest first, each in its latest revision. */
  changes(): TrackedChange[] {
    return this.entries.filter((e) => e.pendingUntil === null).map((e) => ({ ...e.change }));
  }

  /** The latest delivered change of a path, if any. */
  latestChange(path: string): TrackedChange | null {
    const delivered = (this.byPath.get(path) ?? []).filter((e) => e.pendingUntil === null);
    const last = delivered[delivered.length - 1];
    return last ? { ...last.change } : null;
  }

  private decide(change: ObservedChange): Verdict {
    const calls = this.log.overlapping(change.earliest, change.latest, EVENT_SLACK_MS);
    const verdict = decideAttribution(change, calls, (agentId, path) => this.claims.get(agentId)?.(path) ?? null);
    return this.unmanaged.judge(change, verdict, EVENT_SLACK_MS);
  }

  /** Delivered changes in the call's time span get the call's evidence if it is stronger. */
  private revise(call: AgentCall): TrackedChange[] {
    if (call.start === null) return [];
    return this.reviseSpan(call.start, call.end ?? this.clock());
  }

  /** Delivered changes in [start, end] get a fresh verdict if it is stronger. */
  private reviseSpan(start: number, end: number): TrackedChange[] {
    const from = start - EVENT_SLACK_MS;
    const to = end + EVENT_SLACK_MS;
    const revised: TrackedChange[] = [];
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i]!;
      // Entries are in observation order, and a change is observed after it happens.
      if (entry.change.observedAt < from - ACTIVITY_RETENTION_MS) break;
      // Waiting ones are judged on delivery; the user's word, restores and the baseline are settled.
      const settled = entry.assigned || SETTLED_RULES.includes(entry.change.evidence.rule);
      if (entry.pendingUntil !== null || settled) continue;
      if (entry.change.latest < from || entry.change.earliest > to) continue;
      const verdict = this.decide(entry.change);
      if (entry.rebuilt && (entry.change.evidence.rule !== 'interrupted' || verdict.attribution !== 'exact')) continue;
      if (strengthOf(verdict.evidence) > strengthOf(entry.change.evidence)) revised.push(this.deliver(entry, verdict));
    }
    return revised.reverse();
  }

  private deliver(entry: Entry, verdict: Verdict): TrackedChange {
    const wasDelivered = entry.pendingUntil === null;
    entry.pendingUntil = null;
    this.waiting.delete(entry);
    Object.assign(entry.change, verdict);
    if (wasDelivered) entry.change.revision += 1;
    return { ...entry.change };
  }

  /** Waiting entries in observation order. */
  private pending(): Entry[] {
    return [...this.waiting];
  }

  private add(entry: Entry): void {
    this.entries.push(entry);
    if (entry.pendingUntil !== null) this.waiting.add(entry);
    const list = this.byPath.get(entry.change.path) ?? [];
    list.push(entry);
    this.byPath.set(entry.change.path, list);
  }
}
