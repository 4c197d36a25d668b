/**
 * What Switchyard remembers about a repository, in `.agents/`:
 * - `orchestrator.json`: settings and agents (small; rewritten whole, durably, when they change);
 * - `locks.json` + `locks.jsonl`: the lock table as a snapshot and a journal of the changes since
 *   it, so a claim costs one appended line, not a rewrite of every claim held;
 * - `orchestrator.log`: one JSON line per event, a record for people.
 *
 * All writes go through one loop (group commit): whatever changed while a write was under way is
 * written together by the next one, so many changes arriving together share one write and one
 * fsync, and `committed()` tells a request when the batch holding its change is on disk.
 * A corrupt or hand-broken file is kept as a backup and replaced by an empty one, with a message
 * the app shows, so the app always starts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Agent, RepoSettings } from '../../shared/domain';
import { emptyRegistry, RegistrySchema, type Registry } from './registry-schema';
import { writeDurably, writeDurablySync } from './durable-write';
import { excludeAgentsFolder } from './git-exclude';
import { DurableJournal } from './durable-journal';

export const AGENTS_DIR = '.agents';

/**
 * The journal is compacted into a new snapshot once it holds as many entries as the table (so
 * the snapshot's cost is spread over at least as many changes), and at least this many.
 */
export const COMPACT_MIN_ENTRIES = 64;

export interface LoadResult {
  registry: Registry;
  /** The lock table as last saved: the snapshot (undefined when there is none) and the journal's records after it. */
  locks: { snapshot: unknown; journal: unknown[] };
  /** Set when a file could not be used: what happened and where the backup is. */
  problem: string | null;
}

/** Where the store reads the state when it writes; called at write time, so a batch reads it once. */
export interface RegistrySource {
  registry(): { settings: RepoSettings; agents: Agent[] };
  /** The whole lock table; read only when the journal is compacted. */
  locks(): unknown;
  /** Entries (claims, waiters, leases) the lock table holds: what a snapshot of it costs. */
  locksSize(): number;
}

export class RegistryStore {
  readonly dir: string;
  readonly file: string;
  readonly logFile: string;
  readonly locksFile: string;
  readonly journalFile: string;
  private journal: DurableJournal | null = null;
  private source: RegistrySource | null = null;
  /** Journal lines not yet written, and the entries they hold. */
  private pendingLines: string[] = [];
  private pendingEntries = 0;
  /** Entries in the journal on disk since the last snapshot. */
  private journalEntries = 0;
  /** An append failed: the journal may miss changes (or end in a torn line) until a snapshot replaces it. */
  private journalBroken = false;
  private wantRegistry = false;
  private wantCompaction = false;
  private registryTimer: NodeJS.Timeout | null = null;
  private scheduled: NodeJS.Immediate | null = null;
  private draining = false;
  /** Resolved once the next batch (the one that will hold what changed so far) is written. */
  private waiters: Array<() => void> = [];
  private closed = false;

  constructor(
    readonly repo: string,
    /** Told when a write fails (full disk, read-only folder); later writes still run. */
    private readonly onSaveError: (file: string, error: Error) => void = () => {},
  ) {
    this.dir = path.join(repo, AGENTS_DIR);
    this.file = path.join(this.dir, 'orchestrator.json');
    this.logFile = path.join(this.dir, 'orchestrator.log');
    this.locksFile = path.join(this.dir, 'locks.json');
    this.journalFile = path.join(this.dir, 'locks.jsonl');
  }

  /** Creates `.agents/` (excluded from git), reads the registry and the lock table's files, and opens the journal. */
  load(): LoadResult {
    fs.mkdirSync(this.dir, { recursive: true });
    excludeAgentsFolder(this.repo);
    const problems: string[] = [];
    const registryFile = this.readJson(this.file, (raw) => {
      const parsed = RegistrySchema.safeParse(raw);
      if (parsed.success) return { ok: true, value: parsed.data } as const;
      return {
        ok: false,
        why: parsed.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
          .join('; '),
      } as const;
    });
    if (registryFile.problem) problems.push(`${registryFile.problem} Switchyard started with an empty registry.`);
    const registry = registryFile.value ? { ...registryFile.value, repo: this.repo } : emptyRegistry(this.repo);
    // Before the journal existed the lock table was saved inside orchestrator.json.
    const locksFile = this.readJson(this.locksFile, (raw) => ({ ok: true, value: raw }) as const);
    if (locksFile.problem) problems.push(`${locksFile.problem} Switchyard started with the claims of its journal only.`);
    const snapshot = locksFile.exists ? locksFile.value : registry.locks;
    delete registry.locks;
    const { journal, records, problem } = DurableJournal.open(this.journalFile);
    if (problem) problems.push(problem);
    this.journal = journal;
    this.journalEntries = records.length;
    return { registry, locks: { snapshot, journal: records }, problem: problems.length > 0 ? problems.join(' ') : null };
  }

  /** Starts writing: from now on changes are read from `source`. */
  attach(source: RegistrySource): void {
    this.source = source;
  }

  /**
   * Settings or agents changed. `delayMs` lets frequent changes that nothing waits on (an agent's
   * status) share one write; without it the write is in the next batch.
   */
  saveRegistry(delayMs = 0): void {
    if (this.closed) return;
    if (delayMs > 0) {
      if (this.wantRegistry || this.registryTimer) return;
      this.registryTimer = setTimeout(() => {
        this.registryTimer = null;
        this.wantRegistry = true;
        this.kick();
      }, delayMs);
      this.registryTimer.unref();
      return;
    }
    this.clearRegistryTimer();
    this.wantRegistry = true;
    this.kick();
  }

  /** One change of the lock table (`entries` says how much it touches): appended to the journal in the next batch. */
  appendLocks(record: unknown, entries: number): void {
    if (this.closed) return;
    this.pendingLines.push(JSON.stringify(record));
    this.pendingEntries += entries;
    this.kick();
  }

  /** Writes a fresh lock snapshot (and empties the journal) in the next batch. */
  compactLocks(): void {
    if (this.closed) return;
    this.wantCompaction = true;
    this.kick();
  }

  /**
   * Resolves once everything changed so far has been written and fsynced, or its write failed
   * (failures are reported through onSaveError; the state stays in memory and the next write
   * retries it).
   */
  committed(): Promise<void> {
    if (!this.draining && !this.scheduled) {
      // Work left by a failed write is retried now; without a source or once closed nothing is written.
      if (this.hasWork()) this.kick();
      if (!this.scheduled) return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Writes what is pending now, including status saves that are still delayed, and waits for it. */
  async flushed(): Promise<void> {
    if (this.registryTimer) this.saveRegistry();
    await this.committed();
  }

  /** The last write, for shutdown: everything, synchronously, and the journal compacted. Nothing is written afterwards. */
  closeSync(): void {
    if (this.closed) return;
    this.clearRegistryTimer();
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    try {
      if (this.source) {
        this.writeSync(this.file, () => this.registryJson());
        if (this.writeSync(this.locksFile, () => JSON.stringify(this.source!.locks()))) {
          this.writeSync(this.journalFile, () => '', () => this.journal?.truncate());
        }
      }
    } finally {
      this.closed = true;
      this.journal?.closeSync();
      for (const resolve of this.waiters.splice(0)) resolve();
    }
  }

  /** Stops writing without a last write (another repository was opened after a final flush). */
  async close(): Promise<void> {
    await this.flushed();
    this.closeSync();
  }

  log(event: string, fields: Record<string, unknown> = {}): void {
    // `event` and `at` come last so a field of the same name cannot overwrite them.
    const line = JSON.stringify({ ...fields, at: new Date().toISOString(), event });
    try {
      fs.appendFileSync(this.logFile, `${line}\n`);
    } catch {
      // The log is a record, not a dependency: a full disk must not stop the agents.
    }
  }

  // ── the write loop ────────────────────────────────────────────────────────────────────────

  private hasWork(): boolean {
    return this.pendingLines.length > 0 || this.wantRegistry || this.wantCompaction;
  }

  /** Schedules a batch after the current turn of the event loop, so what changes in it joins. */
  private kick(): void {
    if (this.draining || this.scheduled || !this.source) return;
    this.scheduled = setImmediate(() => {
      this.scheduled = null;
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.hasWork() && !this.closed) {
        const waiters = this.waiters.splice(0);
        const ok = await this.writeBatch().catch((error: unknown) => {
          this.report(this.file, error);
          return false;
        });
        for (const resolve of waiters) resolve();
        // A failing disk is retried by the next change, not in a loop.
        if (!ok) break;
      }
    } finally {
      // Cleared before anyone waiting resumes, so a change they make schedules a new batch.
      this.draining = false;
    }
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  /** One batch: the journal's new lines and/or the registry, or a lock snapshot that replaces the journal. */
  private async writeBatch(): Promise<boolean> {
    const source = this.source!;
    const compact =
      this.wantCompaction ||
      this.journalBroken ||
      this.journalEntries + this.pendingEntries >= Math.max(COMPACT_MIN_ENTRIES, source.locksSize());
    const writeRegistry = this.wantRegistry;
    this.wantRegistry = false;
    let ok = true;
    const registryWrite = writeRegistry
      ? writeDurably(this.file, this.registryJson()).catch((error: unknown) => {
          ok = false;
          this.report(this.file, error);
        })
      : Promise.resolve();
    if (compact) {
      // The snapshot is taken now, so it holds every pending line: they need not be written.
      const snapshot = JSON.stringify(source.locks());
      this.pendingLines = [];
      this.pendingEntries = 0;
      this.wantCompaction = false;
      try {
        await writeDurably(this.locksFile, snapshot);
        // Only once the snapshot is on disk: a crash before this replays the old journal over it, harmlessly.
        this.journal?.truncate();
        this.journalEntries = 0;
        this.journalBroken = false;
      } catch (error) {
        ok = false;
        this.wantCompaction = true;
        this.report(this.locksFile, error);
      }
    } else if (this.pendingLines.length > 0) {
      const lines = this.pendingLines;
      const entries = this.pendingEntries;
      this.pendingLines = [];
      this.pendingEntries = 0;
      try {
        await this.journal!.append(lines);
        this.journalEntries += entries;
      } catch (error) {
        // Lines may be missing or half written: only a snapshot can make the journal whole again.
        ok = false;
        this.journalBroken = true;
        this.report(this.journalFile, error);
      }
    }
    await registryWrite;
    return ok;
  }

  /** A shutdown write: a failure is reported (the journal still holds what the snapshot missed), not thrown. */
  private writeSync(file: string, content: () => string, write: (text: string) => void = (text) => writeDurablySync(file, text)): boolean {
    try {
      write(content());
      return true;
    } catch (error) {
      this.report(file, error);
      return false;
    }
  }

  private registryJson(): string {
    const { settings, agents } = this.source!.registry();
    const registry: Registry = { version: 1, repo: this.repo, updatedAt: new Date().toISOString(), settings, agents };
    return JSON.stringify(registry, null, 2);
  }

  private clearRegistryTimer(): void {
    if (this.registryTimer) clearTimeout(this.registryTimer);
    this.registryTimer = null;
  }

  private report(file: string, error: unknown): void {
    this.onSaveError(file, this.explain(error));
  }

  /** A save error in words: a repository deleted under Switchyard says so, not just ENOENT of a temp file. */
  private explain(error: unknown): Error {
    const cause = error instanceof Error ? error : new Error(String(error));
    if (!fs.existsSync(this.repo)) {
      return new Error(`the repository folder ${this.repo} no longer exists, so nothing can be saved there (${cause.message})`);
    }
    // A save can fail while a deletion is still under way (`.agents/` gone, the repository folder
    // not yet): name the missing folder rather than a temp file in it.
    if (!fs.existsSync(this.dir)) {
      return new Error(`the folder ${this.dir} was deleted while Switchyard was saving to it (${cause.message})`);
    }
    return cause;
  }

  /** Reads a JSON file; one that does not parse (or `check` refuses) is kept as a backup. */
  private readJson<T>(
    file: string,
    check: (raw: unknown) => { ok: true; value: T } | { ok: false; why: string },
  ): { exists: boolean; value: T | undefined; problem: string | null } {
    let raw: string;
    try {
      raw = fs.readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false, value: undefined, problem: null };
      throw error;
    }
    let why: string;
    try {
      const checked = check(JSON.parse(raw));
      if (checked.ok) return { exists: true, value: checked.value, problem: null };
      why = checked.why;
    } catch (error) {
      why = `not valid JSON (${(error as Error).message})`;
    }
    const backup = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(file, backup);
    return { exists: false, value: undefined, problem: `${file} could not be read: ${why}. It was kept as ${backup};` };
  }
}
