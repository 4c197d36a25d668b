/**
 * Who changed what, for one repository: owns the working-tree watcher, one rollout tailer per
 * agent, the attribution index and the journal. Each change is captured into the journal as soon
 * as it is seen, then delivered to listeners once its verdict is known (at once when an agent's
 * own event names the file, after a short grace period otherwise).
 *
 * The hook gate feeds it hook events (`noteHookEvent`), the repository session agent records (`noteAgent`).
 */
import type { HookEventName } from '../../shared/control';
import { AgentIdSchema, type Agent, type AgentStatus } from '../../shared/domain';
import { SwitchyardError } from '../../shared/result';
import { TypedEmitter } from '../lifecycle/typed-emitter';
import { sameContent } from '../journal/capture';
import { Journal } from '../journal/journal';
import { contentOf, type JournalVersion } from '../journal/journal-types';
import { ACTIVITY_RETENTION_MS } from './activity-log';
import { activityFromHook, activityFromRollout } from './activity-sources';
import { AttributionIndex } from './attribution-index';
import { ChangeDetector, kindOf, type DetectedChange, type KnownFile } from './change-detector';
import type { ActivityEvent, Evidence, TrackedChange } from './change-types';
import type { CommandPathReader } from './command-paths';
import type { RolloutEvent } from './rollout-events';
import { rebuildFromJournal } from './rebuild-from-journal';
import { RolloutTailer } from './rollout-tailer';
import { unmanagedKey, type UnmanagedProcess } from './unmanaged-presence';
import { WorktreeWatcher, type ObservedPath, type WorktreeWatcherOptions } from './worktree-watcher';

/** An ended agent's rollout is read this much longer, for lines Codex wrote on its way out. */
const ENDED_TAIL_MS = 5_000;
/** Statuses in which none of an agent's tool calls is running. */
const QUIET_STATUSES: readonly AgentStatus[] = ['ready', 'finished', 'waiting-for-input', 'exited', 'failed', 'stopped'];
const ENDED_STATUSES: readonly AgentStatus[] = ['exited', 'failed', 'stopped'];

export type TrackedAgent = Pick<Agent, 'id' | 'pid' | 'rolloutPath' | 'claims' | 'status'> & Partial<Pick<Agent, 'workspace'>>;

export interface ChangeTrackerOptions {
  /** The repository root, as resolveRepo returns it. */
  repo: string;
  clock?: () => number;
  graceMs?: number;
  /** How a command is read for the paths it writes and mentions; the write gate's extractor by default. */
  readCommandPaths?: CommandPathReader;
  onProblem?: (message: string) => void;
  watcher?: Pick<WorktreeWatcherOptions, 'coalesceMs' | 'burstRescanEvents' | 'safetyRescanMs'>;
  pinDelayMs?: number;
  /** Every event read from an agent's rollout log, as read (a log read again after a restart repeats its events). */
  onRolloutEvents?: (agentId: string, file: string, events: readonly RolloutEvent[]) => void;
}

export class ChangeTracker {
  private readonly events = new TypedEmitter<{ change: TrackedChange }>();
  private readonly index: AttributionIndex;
  private readonly tailers = new Map<string, RolloutTailer>();
  private readonly agents = new Map<string, TrackedAgent>();
  /**
   * Isolated agents write in their own worktrees (under `.agents/`, which the watcher ignores):
   * their calls explain no change of the shared tree, so they never make another writer's change
   * look contested or a user's edit look like theirs. Their changes are their worktree's diff.
   */
  private readonly isolated = new Set<string>();
  private readonly unmanagedPids = new Set<number>();
  private readonly waitingPaths = new Map<string, ObservedPath>();
  private readonly clock: () => number;
  private readonly report: (message: string) => void;
  private journalStore: Journal | null = null;
  private detector: ChangeDetector | null = null;
  private watcher: WorktreeWatcher | null = null;
  private serial: Promise<unknown> = Promise.resolve();
  private drainQueued = false;
  private tickTimer: NodeJS.Timeout | null = null;
  private tickAt = Number.POSITIVE_INFINITY;
  private readonly timers = new Set<NodeJS.Timeout>();
  private startedAt = 0;
  private disposed = false;

  constructor(private readonly options: ChangeTrackerOptions) {
    this.clock = options.clock ?? Date.now;
    this.report = options.onProblem ?? (() => undefined);
    this.index = new AttributionIndex({
      repo: options.repo,
      clock: this.clock,
      ...(options.graceMs !== undefined ? { graceMs: options.graceMs } : {}),
      ...(options.readCommandPaths ? { readCommandPaths: options.readCommandPaths } : {}),
    });
  }

  /** The journal (timeline, diff); available once start() resolved. */
  get journal(): Journal {
    if (!this.journalStore) throw new SwitchyardError('unavailable', 'The change tracker has not started.');
    return this.journalStore;
  }

  /**
   * Opens the journal, starts watching, and records what was already changed (the baseline,
   * never blamed on an agent). Changes from then on are attributed.
   */
  async start(): Promise<void> {
    this.startedAt = this.clock();
    this.journalStore = Journal.open(this.options.repo, {
      onProblem: this.report,
      ...(this.options.pinDelayMs !== undefined ? { pinDelayMs: this.options.pinDelayMs } : {}),
    });
    const detector = new ChangeDetector(this.options.repo, this.journalStore, this.clock, this.startedAt);
    this.detector = detector;
    let openGate!: () => void;
    // Paths seen while the baseline is taken wait behind it.
    this.serial = new Promise<void>((resolve) => (openGate = resolve));
    try {
      this.watcher = await WorktreeWatcher.start({
        repo: this.options.repo,
        onPaths: (paths) => this.onPaths(paths),
        knownPaths: () => detector.knownPaths(),
        onProblem: this.report,
        ...this.options.watcher,
      });
      await rebuildFromJournal(await detector.baseline(), {
        repo: this.options.repo,
        journal: this.journal,
        index: this.index,
        now: this.clock(),
        report: this.report,
        deliver: (changes, options) => this.deliver(changes, options),
      });
      detector.warmUp();
    } finally {
      openGate();
    }
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.watcher?.dispose();
    for (const tailer of this.tailers.values()) tailer.dispose();
    this.tailers.clear();
    for (const timer of this.timers) clearTimeout(timer);
    if (this.tickTimer) clearTimeout(this.tickTimer);
    await this.serial.catch(() => undefined);
    this.deliver(this.index.settleAll());
    await this.journalStore?.close();
    this.events.clear();
  }

  /** Every change, as it is delivered and again whenever its verdict is revised. */
  onChange(listener: (change: TrackedChange) => void): () => void {
    return this.events.on('change', listener);
  }

  /** A Codex hook event the hook gate received for an agent. */
  noteHookEvent(agentId: string, event: HookEventName, payload: Record<string, unknown>): void {
    if (this.disposed) return;
    if (typeof payload.transcript_path === 'string') this.follow(agentId, payload.transcript_path);
    for (const activity of activityFromHook(agentId, event, payload, this.clock())) this.applyActivity(activity);
  }

  /** The supervisor's record of an agent: claims, rollout log, status. Call on every change. */
  noteAgent(agent: TrackedAgent): void {
    if (this.disposed) return;
    const before = this.agents.get(agent.id);
    this.agents.set(agent.id, { ...agent, claims: [...agent.claims] });
    if (agent.workspace) this.isolated.add(agent.id);
    this.index.setClaims(agent.id, agent.workspace ? [] : agent.claims);
    if (agent.rolloutPath) this.follow(agent.id, agent.rolloutPath);
    const wasQuiet = before ? QUIET_STATUSES.includes(before.status) : false;
    if (QUIET_STATUSES.includes(agent.status) && !wasQuiet) this.applyActivity({ type: 'agent-quiet', agentId: agent.id, at: this.clock() });
    if (ENDED_STATUSES.includes(agent.status) && !(before && ENDED_STATUSES.includes(before.status))) this.stopFollowingLater(agent.id);
  }

  /**
   * The Codex processes running on the repository outside Switchyard now (the whole list, each
   * scan): their rollout logs are read like agents' (under `pid:N`), and those whose log is not
   * found count as writers while they run. Their changes are `unmanaged-process`, nobody's agent.
   */
  noteUnmanaged(processes: readonly (Omit<UnmanagedProcess, 'followed'> & { rolloutPath: string | null })[]): void {
    if (this.disposed) return;
    const now = this.clock();
    const current = new Set(processes.map((p) => p.pid));
    for (const pid of this.unmanagedPids) {
      if (current.has(pid)) continue;
      this.unmanagedPids.delete(pid);
      this.index.noteUnmanagedEnded(pid, now);
      this.applyActivity({ type: 'agent-quiet', agentId: unmanagedKey(pid), at: now });
      this.stopFollowingLater(unmanagedKey(pid));
    }
    for (const { rolloutPath, ...process } of processes) {
      this.unmanagedPids.add(process.pid);
      if (rolloutPath) this.follow(unmanagedKey(process.pid), rolloutPath);
      this.deliver(this.index.noteUnmanagedStarted({ ...process, followed: rolloutPath !== null }));
    }
    this.scheduleTick();
  }

  /** Every delivered change since start (baseline first), each in its latest revision. */
  changes(): TrackedChange[] {
    return this.index.changes();
  }

  /** The user says `agentId` made the path's changes that no agent's own event proves. */
  assign(relative: string, agentId: string): TrackedChange[] {
    if (!AgentIdSchema.safeParse(agentId).success) throw new SwitchyardError('invalid-input', `${JSON.stringify(agentId)} is not an agent id.`);
    const changed = this.index.assign(relative, agentId);
    this.deliver(changed);
    return changed;
  }

  /**
   * Writes a journal version back to its path (nothing else) and records that as a change made
   * by Switchyard. Null when the file already held that content.
   */
  restore(relative: string, version: number, evidence: Evidence = { rule: 'restore', fromVersion: version }): Promise<TrackedChange | null> {
    return this.enqueue(async () => this.recordOwnWrite(relative, await this.journal.restore(relative, version, evidence), evidence));
  }

  /**
   * Writes a merge of journal versions to the path (only while it still holds `ours`: see
   * Journal.write) and records that as a change made by Switchyard, like a restore.
   */
  merge(relative: string, bytes: Buffer, ours: JournalVersion, evidence: Extract<Evidence, { rule: 'merge' }>): Promise<{ change: TrackedChange | null; version: JournalVersion }> {
    return this.enqueue(async () => {
      const written = await this.journal.write(relative, bytes, ours, evidence);
      return { change: await this.recordOwnWrite(relative, written, evidence), version: written };
    });
  }

  /** Records a version Switchyard itself wrote (restore, merge, rollback); null when the file already held it. */
  private async recordOwnWrite(relative: string, written: JournalVersion, evidence: Evidence): Promise<TrackedChange | null> {
    const now = this.clock();
    const content = contentOf(written);
    const previous = await this.requireDetector().noteWritten(relative, content);
    if (sameContent(previous.content, content)) return null;
    const change = this.index.addSettled(
      { path: relative, kind: kindOf(previous.content, content), earliest: now, latest: now, observedAt: now },
      { attribution: 'unattributed', agentId: null, evidence },
      { version: written.version, blob: written.blob },
    );
    this.deliver([change], { journaled: true });
    return change;
  }

  /** Resolves when every change seen so far has been captured and judged (waiting ones may still wait). */
  async settled(): Promise<void> {
    await this.watcher?.flush();
    while (this.waitingPaths.size > 0 || this.drainQueued) await this.serial;
    await this.serial;
  }

  /** Rescans the working tree against the last snapshot (what the watcher does on overflow). */
  async rescan(reason = 'requested'): Promise<void> {
    await this.watcher?.rescan(reason);
    await this.settled();
  }

  private follow(agentId: string, file: string): void {
    const current = this.tailers.get(agentId);
    if (current?.file === file) return;
    current?.dispose();
    this.tailers.set(agentId, new RolloutTailer({ file, agentId, repo: this.options.repo, onEvents: (events) => this.onRollout(agentId, file, events) }));
  }

  private stopFollowingLater(agentId: string): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const tailer = this.tailers.get(agentId);
      if (!tailer) return;
      void tailer.readNow().finally(() => tailer.dispose());
      this.tailers.delete(agentId);
    }, ENDED_TAIL_MS);
    this.timers.add(timer);
  }

  private onRollout(agentId: string, file: string, events: readonly RolloutEvent[]): void {
    this.options.onRolloutEvents?.(agentId, file, events);
    // A log read from its start replays old calls; one that began long before cannot explain a change now.
    const horizon = this.startedAt - ACTIVITY_RETENTION_MS;
    for (const event of events) {
      const activity = activityFromRollout(event);
      if (!activity) continue;
      if (activity.type === 'call-started' && activity.at < horizon) continue;
      this.applyActivity(activity);
    }
  }

  private applyActivity(activity: ActivityEvent): void {
    if (this.isolated.has(activity.agentId)) return;
    this.deliver(this.index.noteActivity(activity));
    this.scheduleTick();
  }

  private onPaths(paths: readonly ObservedPath[]): void {
    for (const observed of paths) {
      const waiting = this.waitingPaths.get(observed.path);
      this.waitingPaths.set(
        observed.path,
        waiting
          ? {
              ...waiting,
              firstEventAt: Math.min(waiting.firstEventAt, observed.firstEventAt),
              lastEventAt: Math.max(waiting.lastEventAt, observed.lastEventAt),
              events: waiting.events + observed.events,
              source: waiting.source === 'event' || observed.source === 'event' ? 'event' : 'rescan',
            }
          : observed,
      );
    }
    if (this.drainQueued) return;
    this.drainQueued = true;
    void this.enqueue(async () => {
      this.drainQueued = false;
      const batch = [...this.waitingPaths.values()];
      this.waitingPaths.clear();
      await this.process(batch);
    });
  }

  private async process(batch: readonly ObservedPath[]): Promise<void> {
    for (const detected of await this.requireDetector().detect(batch)) await this.record(detected);
  }

  /** Journals the change (its verdict still pending), then lets the index judge it. */
  private async record({ change, before, after }: DetectedChange): Promise<void> {
    await this.ensureBase(change.path, before);
    const span = { earliest: change.earliest, latest: change.latest };
    const version = await this.journal.record(change.path, null, { rule: 'pending' }, { attribution: 'pending', content: after, span });
    const delivered = this.index.observe(change, { version: version.version, blob: after.blob });
    if (delivered) this.deliver([delivered]);
    this.scheduleTick();
  }

  /** The first version of a path in the journal is what was there before: HEAD's, the index's, the baseline's or nothing. */
  private async ensureBase(relative: string, before: KnownFile): Promise<void> {
    const latest = this.journal.latest(relative);
    if (latest && sameContent(latest, before.content)) return;
    await this.journal.record(relative, null, { rule: 'base', source: before.source }, { attribution: 'unattributed', content: before.content });
  }

  private requireDetector(): ChangeDetector {
    if (!this.detector) throw new SwitchyardError('unavailable', 'The change tracker has not started.');
    return this.detector;
  }

  private deliver(changes: readonly TrackedChange[], options: { journaled?: boolean } = {}): void {
    for (const change of changes) {
      if (!options.journaled && change.journalVersion !== null && this.journalStore) {
        try {
          this.journalStore.attribute(change.path, change.journalVersion, change.agentId, change.attribution, change.evidence);
        } catch (error) {
          this.report(`Could not record who changed ${change.path}: ${(error as Error).message}`);
        }
      }
      try {
        this.events.emit('change', change);
      } catch (error) {
        this.report(`A change listener failed: ${(error as Error).message}`);
      }
    }
  }

  private scheduleTick(): void {
    const next = this.index.nextDeadline();
    if (next === null || this.disposed || next >= this.tickAt) return;
    if (this.tickTimer) clearTimeout(this.tickTimer);
    this.tickAt = next;
    this.tickTimer = setTimeout(() => {
      this.tickTimer = null;
      this.tickAt = Number.POSITIVE_INFINITY;
      this.deliver(this.index.tick());
      this.scheduleTick();
    }, Math.max(0, next - this.clock()));
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.serial.then(task);
    this.serial = run.catch((error: unknown) => this.report(`Change tracking failed: ${(error as Error).message}`));
    return run;
  }
}
