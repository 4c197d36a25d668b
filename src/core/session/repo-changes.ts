/**
 * The repository session's view of who changed what in the open repository: it owns the change tracker
 * (watcher, rollout tailers, attribution, journal), remembers what the write gate refused, keeps
 * the conflict list current, and answers the map, timeline, diff, restore, assign and review
 * commands. One instance per open repository; the repository session disposes it on switch and exit.
 */
import type { HookEventName } from '../../shared/control';
import type { Agent } from '../../shared/domain';
import type { ChangeMap, TimelineVersion } from '../../shared/changes';
import type { Conflict } from '../../shared/conflicts';
import type { ClaimView } from '../../shared/locks';
import { SwitchyardError } from '../../shared/result';
import { detectConflicts, type GateEvent } from '../conflicts/detect-conflicts';
import { findBrokenImports, type BrokenImport } from '../conflicts/broken-imports';
import { findImportCycles, type ImportCycle } from '../conflicts/import-cycles';
import type { AttributionEntry } from '../changes/attribution-entry';
import { attributionEntriesOf, touchedFilesOf } from '../changes/change-summary';
import { ChangeTracker, type ChangeTrackerOptions } from '../changes/change-tracker';
import { attributeHunks } from '../changes/hunk-attribution';
import { UnmanagedCodexWatch } from '../scan/unmanaged-codex-watch';
import type { Evidence, TrackedChange } from '../changes/change-types';
import type { JournalVersion } from '../journal/journal-types';
import type { Journal } from '../journal/journal';
import { isolatedChangesOf, type IsolatedChanges } from '../worktrees/isolated-changes';
import { isolatedTouchedFiles, sameIsolatedChanges } from '../worktrees/isolated-files';

/** Gate events older than this leave the conflict list (the agent has long moved on). */
export const GATE_EVENT_RETENTION_MS = 60 * 60_000;
const MAX_GATE_EVENTS = 500;
/** Import cycles are looked for this long after the last change, not on every keystroke of a burst. */
const IMPORT_SCAN_DELAY_MS = 500;
/** `changes.changed` is announced at most this often; views refetch the map on it. */
const ANNOUNCE_INTERVAL_MS = 100;
/**
 * Isolated agents' worktrees are read again (one `git diff` + `ls-files` each) at most this often
 * when the map is asked for, and this long after one of their hook events (a PreToolUse comes
 * before its write): their folders are not watched (see docs/architecture.md).
 */
const ISOLATED_REFRESH_MS = 1_000;
const ISOLATED_AFTER_HOOK_MS = 300;

export interface RepoChangesOptions {
  repo: string;
  /** The map or the conflicts changed (throttled). */
  onChanged: (revision: number) => void;
  onProblem: (message: string) => void;
  /** Agents, claims and settings as the session has them now. */
  context: () => { agents: readonly Agent[]; claims: readonly ClaimView[]; stuckAfterMinutes: number };
  /** Who holds a live claim covering the path (null: the user). */
  holders: (path: string) => Array<string | null>;
  tracker?: Pick<ChangeTrackerOptions, 'graceMs' | 'watcher' | 'pinDelayMs' | 'onRolloutEvents'> | undefined;
  /** Gate events from before this opening (read back from the activity log), oldest first. */
  gateEvents?: readonly GateEvent[] | undefined;
  /** How often Codex processes outside Switchyard are looked for (their writes are theirs); false: never. */
  unmanagedScan?: { intervalMs?: number } | false | undefined;
}

export class RepoChanges {
  private revision = 0;
  private readonly gateEvents: GateEvent[] = [];
  private importCycles: ImportCycle[] = [];
  private brokenImports: BrokenImport[] = [];
  private importTimer: NodeJS.Timeout | null = null;
  private importScan: Promise<void> = Promise.resolve();
  private announceTimer: NodeJS.Timeout | null = null;
  private unmanagedWatch: UnmanagedCodexWatch | null = null;
  private disposed = false;
  private isolated: IsolatedChanges = new Map();
  private isolatedReadAt = 0;
  private isolatedRead: Promise<void> | null = null;
  private isolatedTimer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly options: RepoChangesOptions,
    private readonly tracker: ChangeTracker,
  ) {}

  /** Starts watching; what was already changed becomes the baseline, never blamed on an agent. */
  static async start(options: RepoChangesOptions): Promise<RepoChanges> {
    const tracker = new ChangeTracker({ repo: options.repo, onProblem: options.onProblem, ...options.tracker });
    const changes = new RepoChanges(options, tracker);
    changes.gateEvents.push(...(options.gateEvents ?? []).slice(-MAX_GATE_EVENTS));
    tracker.onChange((change) => changes.changed(change));
    await tracker.start();
    if (options.unmanagedScan !== false) changes.watchUnmanaged(options.unmanagedScan?.intervalMs);
    return changes;
  }

  noteHookEvent(agentId: string, event: HookEventName, payload: Record<string, unknown>): void {
    this.tracker.noteHookEvent(agentId, event, payload);
    if (this.options.context().agents.some((a) => a.id === agentId && a.workspace)) this.readIsolatedSoon(ISOLATED_AFTER_HOOK_MS);
  }

  /** Call whenever agents change: their claims, rollout logs and statuses feed attribution. */
  noteAgents(agents: readonly Agent[]): void {
    for (const agent of agents) this.tracker.noteAgent(agent);
    if (agents.some((a) => a.workspace) || this.isolated.size > 0) this.readIsolatedSoon(0);
    this.announce();
  }

  /** Isolated agents' changes in their worktrees, read now (the review asks for them fresh). */
  async isolatedChanges(): Promise<IsolatedChanges> {
    await this.readIsolated();
    return this.isolated;
  }

  /** A write the gate refused, or (observe and advise modes) let through onto another agent's claim. */
  noteGateEvent(event: GateEvent): void {
    this.gateEvents.push(event);
    const horizon = Date.now() - GATE_EVENT_RETENTION_MS;
    while (this.gateEvents.length > MAX_GATE_EVENTS || (this.gateEvents[0] && this.gateEvents[0].at < horizon)) this.gateEvents.shift();
    this.announce();
  }

  map(): ChangeMap {
    const { claims } = this.options.context();
    const journal = this.tracker.journal;
    if (Date.now() - this.isolatedReadAt > ISOLATED_REFRESH_MS) this.readIsolatedSoon(0);
    const shared = touchedFilesOf(this.tracker.changes(), claims, this.options.holders, (path) => journal.timeline(path).length);
    return {
      revision: this.revision,
      files: [...shared, ...isolatedTouchedFiles(this.isolated, this.isolatedReadAt)].sort((a, b) => a.path.localeCompare(b.path)),
      conflicts: this.conflicts(),
    };
  }

  conflicts(): Conflict[] {
    const { agents, claims, stuckAfterMinutes } = this.options.context();
    const journal = this.tracker.journal;
    return detectConflicts({
      now: Date.now(),
      changes: this.tracker.changes(),
      gateEvents: this.gateEvents,
      agents,
      // An isolated agent's claims are advisory: it writes in its own worktree, so they meet nobody's writes.
      claims: claims.filter((c) => !c.advisory),
      importCycles: this.importCycles,
      brokenImports: this.brokenImports,
      stuckAfterMinutes,
      timeline: (path) => journal.timeline(path),
    });
  }

  timeline(path: string): TimelineVersion[] {
    return this.tracker.journal.timeline(path).map((v) => ({
      version: v.version,
      at: v.at,
      agentId: v.agentId,
      attribution: v.attribution,
      rule: v.evidence.rule,
      state: v.state,
      size: v.size,
    }));
  }

  /** The diff from `from` (default: the version before `to`; nothing before version 1) to `to`. */
  async diff(path: string, to: number, from?: number): Promise<string> {
    const versions = this.tracker.journal.timeline(path);
    if (versions.length === 0) throw new SwitchyardError('not-found', `No version of ${path} was recorded.`);
    const start = from ?? Math.max(1, to - 1);
    if (start === to) return '';
    return this.tracker.journal.diff(path, start, to);
  }

  async restore(path: string, version: number): Promise<boolean> {
    const change = await this.tracker.restore(path, version);
    return change !== null;
  }

  /** The journal's versions of the path, with their blobs: what a merge works on. */
  journalVersions(path: string): JournalVersion[] {
    return this.tracker.journal.timeline(path);
  }

  /** Writes a merge of journal versions while the file still holds `ours` (ChangeTracker.merge). */
  writeMerge(
    path: string,
    bytes: Buffer,
    ours: JournalVersion,
    evidence: Extract<Evidence, { rule: 'merge' }>,
  ): Promise<{ change: TrackedChange | null; version: JournalVersion }> {
    return this.tracker.merge(path, bytes, ours, evidence);
  }

  /** Writes a version back as part of an agent's rollback; the new journal version, or null when the file already held it. */
  async rollBack(path: string, version: number, agentId: string): Promise<number | null> {
    const change = await this.tracker.restore(path, version, { rule: 'rollback', agentId, fromVersion: version });
    return change?.journalVersion ?? null;
  }

  /** Every version of every file Switchyard saw change (read-only use: timelines, blobs). */
  get journal(): Journal {
    return this.tracker.journal;
  }

  assign(path: string, agentId: string): number {
    return this.tracker.assign(path, agentId).length;
  }

  /**
   * Files Switchyard wrote on an agent's behalf (an isolated agent's work moved into the shared
   * tree): found by a rescan, so not left to the watcher's timing, then attributed to the agent.
   * A path whose content did not change (nothing to journal) is skipped.
   */
  async attributeWrites(paths: readonly string[], agentId: string): Promise<number> {
    await this.tracker.rescan('moved from an isolated worktree');
    let changed = 0;
    for (const path of paths) {
      try {
        changed += this.tracker.assign(path, agentId).length;
      } catch (error) {
        if (!(error instanceof SwitchyardError && error.code === 'not-found')) throw error;
      }
    }
    return changed;
  }

  /**
   * Which files each agent wrote, from the whole journal (it outlives restarts and removed agents):
   * versions attributed exactly or by inference; what nobody could be named for is left out.
   */
  agentWrites(): Map<string, Set<string>> {
    const journal = this.tracker.journal;
    const writes = new Map<string, Set<string>>();
    for (const path of journal.paths()) {
      for (const version of journal.timeline(path)) {
        if (version.agentId === null || (version.attribution !== 'exact' && version.attribution !== 'inferred')) continue;
        const files = writes.get(version.agentId) ?? new Set<string>();
        files.add(path);
        writes.set(version.agentId, files);
      }
    }
    return writes;
  }

  /** Every change since Switchyard started watching (baseline first), each in its latest verdict. */
  trackedChanges(): TrackedChange[] {
    return this.tracker.changes();
  }

  /**
   * Who changed which path since Switchyard started watching, for the commit plan and review. A
   * file several writers changed carries, where the journal tells, who wrote which hunk, so the
   * plan can split it; every entry of that path gets the whole list, so a writer whose lines were
   * all overwritten later gets none of them.
   */
  async attributionEntries(): Promise<AttributionEntry[]> {
    await this.tracker.settled();
    const entries = attributionEntriesOf(this.tracker.changes());
    const writers = new Map<string, number>();
    for (const entry of entries) writers.set(entry.path, (writers.get(entry.path) ?? 0) + 1);
    for (const [path, count] of writers) {
      if (count < 2) continue;
      const hunks = await attributeHunks(this.options.repo, path, this.tracker.journal.timeline(path)).catch(() => null);
      if (!hunks || hunks.length === 0) continue;
      for (const entry of entries) if (entry.path === path) entry.hunks = hunks;
    }
    return entries;
  }

  /** Resolves once every change seen so far has been captured and judged. */
  settled(): Promise<void> {
    return this.tracker.settled();
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    if (this.importTimer) clearTimeout(this.importTimer);
    if (this.announceTimer) clearTimeout(this.announceTimer);
    if (this.isolatedTimer) clearTimeout(this.isolatedTimer);
    await this.importScan.catch(() => undefined);
    await this.isolatedRead?.catch(() => undefined);
    await this.unmanagedWatch?.dispose();
    await this.tracker.dispose();
  }

  private readIsolatedSoon(delayMs: number): void {
    if (this.isolatedTimer || this.disposed) return;
    this.isolatedTimer = setTimeout(() => {
      this.isolatedTimer = null;
      void this.readIsolated();
    }, delayMs);
    this.isolatedTimer.unref();
  }

  /** One read at a time; a read asked for while one runs waits for it and then reads again. */
  private async readIsolated(): Promise<void> {
    while (this.isolatedRead) await this.isolatedRead.catch(() => undefined);
    if (this.disposed) return;
    const read = (async () => {
      const next = await isolatedChangesOf(this.options.context().agents);
      const changed = !sameIsolatedChanges(this.isolated, next);
      this.isolated = next;
      this.isolatedReadAt = Date.now();
      if (changed) this.announce();
    })();
    this.isolatedRead = read;
    try {
      await read;
    } catch (error) {
      this.options.onProblem(`Could not read an isolated agent's worktree: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      if (this.isolatedRead === read) this.isolatedRead = null;
    }
  }

  private watchUnmanaged(intervalMs: number | undefined): void {
    this.unmanagedWatch = new UnmanagedCodexWatch({
      repo: this.options.repo,
      managed: () => this.options.context().agents,
      onProcesses: (processes) => this.tracker.noteUnmanaged(processes),
      onProblem: (message) => this.options.onProblem(`Could not look for Codex processes outside Switchyard: ${message}`),
      ...(intervalMs !== undefined ? { intervalMs } : {}),
    });
  }

  private changed(change: TrackedChange): void {
    if (this.disposed) return;
    if (change.evidence.rule !== 'baseline') this.scheduleImportScan();
    this.announce();
  }

  private scheduleImportScan(): void {
    if (this.importTimer) clearTimeout(this.importTimer);
    this.importTimer = setTimeout(() => {
      this.importTimer = null;
      this.importScan = this.importScan.then(() => this.scanImports());
    }, IMPORT_SCAN_DELAY_MS);
    this.importTimer.unref();
  }

  private async scanImports(): Promise<void> {
    if (this.disposed) return;
    const changed = new Map<string, string | null>();
    for (const change of this.tracker.changes()) {
      if (change.evidence.rule !== 'baseline' && change.kind !== 'delete') changed.set(change.path, change.agentId);
    }
    try {
      this.importCycles = await findImportCycles(
        this.options.repo,
        [...changed].map(([path, agentId]) => ({ path, agentId })),
      );
    } catch (error) {
      this.options.onProblem(`Could not look for import cycles: ${error instanceof Error ? error.message : String(error)}`);
    }
    await this.scanBrokenImports();
    this.announce();
  }

  /** Imports the changes broke: deletions count here (a deleted module breaks its importers). */
  private async scanBrokenImports(): Promise<void> {
    if (this.disposed) return;
    // Every agent that changed a path is named (who wrote the import, who removed the export);
    // whether it is deleted goes by its latest change.
    const changed = new Map<string, { agents: Set<string | null>; deleted: boolean }>();
    for (const change of this.tracker.changes()) {
      if (change.evidence.rule === 'baseline') continue;
      const entry = changed.get(change.path) ?? { agents: new Set(), deleted: false };
      entry.agents.add(change.agentId);
      entry.deleted = change.kind === 'delete';
      changed.set(change.path, entry);
    }
    try {
      this.brokenImports = await findBrokenImports(
        this.options.repo,
        [...changed].flatMap(([path, { agents, deleted }]) => [...agents].map((agentId) => ({ path, agentId, deleted }))),
      );
    } catch (error) {
      this.options.onProblem(`Could not look for broken imports: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Bumps the revision and tells views, at most every ANNOUNCE_INTERVAL_MS (trailing). */
  private announce(): void {
    this.revision += 1;
    if (this.announceTimer || this.disposed) return;
    this.announceTimer = setTimeout(() => {
      this.announceTimer = null;
      if (!this.disposed) this.options.onChanged(this.revision);
    }, ANNOUNCE_INTERVAL_MS);
    this.announceTimer.unref();
  }
}
