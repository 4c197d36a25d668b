/**
 * The open repository: its registry (agents and settings, saved under `.agents/`), its claims
 * (the lock table, journaled and announced), its change tracking, and the activity log. Opening
 * one reconciles what the previous Switchyard left behind (see restore-repo.ts): agents that
 * outlived it are killed, and the claims of agents that are gone are released.
 *
 * The agents themselves are supervised elsewhere (agents/agent-supervisor.ts); the session sees
 * them through `SessionAgents` and persists and announces each change the supervisor reports.
 */
import type { EventName, EventPayload } from '../../shared/contract';
import { isLive, type Agent } from '../../shared/domain';
import type { ClaimView, WaiterView } from '../../shared/locks';
import { SwitchyardError } from '../../shared/result';
import { GATE_EVENT_RETENTION_MS, RepoChanges, type RepoChangesOptions } from './repo-changes';
import { readLoggedGateEvents } from './logged-gate-events';
import { findCodex } from '../codex/find-codex';
import { describeTarget } from '../locks/claim-target';
import { deltaSize } from '../locks/lock-journal';
import type { LockTableDelta } from '../locks/lock-types';
import type { ClaimOptions, ClaimResult, RepoLocks } from '../locks/repo-locks';
import { RepoSettingsSchema, type RepoSettings } from '../registry/registry-schema';
import { RegistryStore } from '../registry/registry-store';
import { resolveRepo } from '../repo/resolve-repo';
import { AgentsAnnouncer, LocksAnnouncer } from './announcements';
import { reconcileSaved, restoreLocks } from './restore-repo';

/**
 * Agents' status changes (hook events, the terminal's state) are saved at most this often: no
 * request waits on them, and one write per burst instead of one per event keeps a busy agent's
 * hooks cheap. Launches, starts and ends are saved in the next batch.
 */
export const STATUS_SAVE_DELAY_MS = 250;

/** The agents as the session sees them (the supervisor in the app). */
export interface SessionAgents {
  all(): Agent[];
  /** Copies (of these ids only, when given). */
  list(ids?: readonly string[]): Agent[];
  /** The agent's record; throws not-found. */
  require(id: string): Agent;
  /** Another repository was opened: these reconciled agents replace all others. */
  replace(agents: readonly Agent[]): void;
  /** Starts whatever the queue can start now. */
  pump(): void;
  /** Whether the agent works isolated in its own worktree (its claims are advisory); false when absent. */
  isolated?(id: string): boolean;
}

/** The events the session announces. */
export type SessionEventName = Extract<EventName, 'repo.changed' | 'locks.changed' | 'agents.changed' | 'changes.changed' | 'notification'>;
export type SessionEvents = { [K in SessionEventName]: EventPayload<K> };

export interface RepoSessionOptions {
  agents: SessionAgents;
  /** The agents' terminals: they belong to the repository, saved in its `.agents/`, and go with it. */
  terminals: { reopen(agentsDir: string, agents: readonly Agent[]): void };
  /** Where the session announces (the core's event emitter). */
  events: { emit<K extends SessionEventName>(name: K, payload: SessionEvents[K]): void };
  /** Tuning for attribution (tests shorten the grace period); the defaults suit users. */
  changeTracking?: RepoChangesOptions['tracker'] | undefined;
}

/** How a claim on `pattern` would be spelled, or why it would be refused (outside the repository). */
function checkClaim(locks: RepoLocks, pattern: string): { pattern: string; normalized: string | null; reason: string | null } {
  try {
    return { pattern, normalized: describeTarget(locks.target(pattern)), reason: null };
  } catch (error) {
    return { pattern, normalized: null, reason: error instanceof Error ? error.message : String(error) };
  }
}

export class RepoSession {
  private currentRepo: string | null = null;
  private store: RegistryStore | null = null;
  private locks: RepoLocks | null = null;
  private changeTracking: RepoChanges | null = null;
  private currentSettings: RepoSettings = RepoSettingsSchema.parse({});
  private readonly locksAnnouncer: LocksAnnouncer;
  private readonly agentsAnnouncer: AgentsAnnouncer;

  constructor(private readonly options: RepoSessionOptions) {
    this.locksAnnouncer = new LocksAnnouncer(
      (deltas) => (this.locks ? { ...this.locks.viewDelta(deltas), mode: this.currentSettings.gateMode } : null),
      (payload) => options.events.emit('locks.changed', payload),
    );
    this.agentsAnnouncer = new AgentsAnnouncer((ids) => options.agents.list(ids), (payload) => options.events.emit('agents.changed', payload));
  }

  get repo(): string | null {
    return this.currentRepo;
  }

  /** The open repository; no-repository (with `why`) when there is none. */
  requireRepo(why = 'Open a repository before starting an agent.'): string {
    if (!this.currentRepo) throw new SwitchyardError('no-repository', why);
    return this.currentRepo;
  }

  /** The live settings (read afresh each time: they can change). */
  get settings(): RepoSettings {
    return this.currentSettings;
  }

  /** The open repository's claims, or null while none is open. */
  get repoLocks(): RepoLocks | null {
    return this.locks;
  }

  /** Change tracking, or null while it is not running. */
  get tracker(): RepoChanges | null {
    return this.changeTracking;
  }

  /** Opens `folder`'s repository (reconciled) in place of the current one; refused while agents run. */
  async open(folder: string): Promise<string> {
    const repo = await resolveRepo(folder);
    if (repo === this.currentRepo) return repo;
    const running = this.options.agents.all().filter((a) => isLive(a.status)).length;
    if (running > 0) {
      throw new SwitchyardError('invalid-input', `Stop the ${running} running agent(s) in ${this.currentRepo} before switching repository.`);
    }
    const store = new RegistryStore(repo, (file, error) =>
      this.notify({ kind: 'problem', agentId: null, title: 'Could not save the registry', body: `${file}: ${error.message}` }),
    );
    const { registry, locks: savedLocks, problem } = store.load();
    if (problem) {
      store.log('registry-corrupt', { problem });
      this.notify({ kind: 'problem', agentId: null, title: 'Registry was unreadable', body: problem });
    }
    const { agents, notes } = reconcileSaved(registry.agents);
    const locks = restoreLocks(repo, savedLocks, store, (delta) => this.locksChanged(store, delta), (n) => this.notify(n), (id) => this.options.agents.isolated?.(id) ?? false);
    const live = new Set(agents.filter((a) => isLive(a.status)).map((a) => a.id));
    for (const agentId of locks.table.agentHolders()) {
      // Its process is gone, so its claims go now: there are no last writes left to wait for. This
      // also covers an agent whose claims reached the journal before its launch reached the registry.
      if (!live.has(agentId)) locks.table.releaseAgent(agentId, { delayMs: 0 });
    }
    for (const note of notes) store.log('reconciled', { note });

    // The previous repository's files get their last write while this object still describes it.
    await this.store?.flushed();
    this.store?.closeSync();
    this.locks?.dispose();
    this.locks = locks;
    await this.changeTracking?.dispose();
    this.changeTracking = null;
    this.currentRepo = repo;
    this.store = store;
    this.currentSettings = registry.settings;
    this.options.agents.replace(agents);
    this.options.terminals.reopen(store.dir, agents);
    store.attach({
      registry: () => ({ settings: this.currentSettings, agents: this.options.agents.list() }),
      locks: () => this.locks?.toJSON(),
      locksSize: () => this.locks?.table.size ?? 0,
    });
    // One snapshot at opening aligns the files with what was restored (and what reconciling released).
    store.compactLocks();
    this.changeTracking = await this.startChangeTracking(repo, store);
    store.log('opened', { repo, agents: agents.length, reconciled: notes.length });
    this.options.events.emit('repo.changed', { repo });
    this.changed(null);
    this.options.agents.pump();
    return repo;
  }

  getSettings(): RepoSettings {
    return { ...this.currentSettings };
  }

  updateSettings(patch: Partial<RepoSettings>): RepoSettings {
    this.requireRepo();
    // A Codex path that cannot run is refused now, where the user typed it, not at the next launch.
    if (patch.codexPath) findCodex({ searchRoots: [], configured: { path: patch.codexPath.trim(), from: 'setting' } });
    this.currentSettings = RepoSettingsSchema.parse({ ...this.currentSettings, ...patch });
    this.log('settings', { settings: this.currentSettings });
    this.store?.saveRegistry();
    // The gate mode is part of what `locks.changed` says.
    this.locksAnnouncer.schedule();
    this.options.agents.pump();
    return this.getSettings();
  }

  /** The agents and the last `agents.changed` revision the list includes. */
  listAgents(): { agents: Agent[]; revision: number } {
    return { agents: this.options.agents.list(), revision: this.agentsAnnouncer.revision };
  }

  listLocks(): { claims: ClaimView[]; waiting: WaiterView[]; mode: RepoSettings['gateMode']; revision: number } {
    return { ...this.requireLocks().list(), mode: this.currentSettings.gateMode, revision: this.locksAnnouncer.revision };
  }

  /** Answered once the claims it granted (or queued) are on disk, in the batch that holds them. */
  async claimLocks(agentId: string | undefined, patterns: string[], options: ClaimOptions): Promise<ClaimResult> {
    if (agentId) this.options.agents.require(agentId);
    const result = await this.requireLocks().claim(agentId, patterns, options);
    await this.store?.committed();
    return result;
  }

  /** Answered once the release is on disk. */
  async releaseLocks(agentId: string | undefined, patterns: string[], force: boolean): Promise<ClaimView[]> {
    const released = this.requireLocks().release(agentId, patterns, force);
    await this.store?.committed();
    return released;
  }

  whoHolds(path: string): ClaimView[] {
    return this.requireLocks().whoHolds(path);
  }

  /** Each pattern as a claim would spell it, or the reason a claim on it would be refused. */
  checkClaims(patterns: readonly string[]): Array<{ pattern: string; normalized: string | null; reason: string | null }> {
    const locks = this.requireLocks();
    return patterns.map((pattern) => checkClaim(locks, pattern));
  }

  /**
   * A new agent's claims as the lock table will spell them; any that would be refused (outside
   * the repository) refuses the launch with its reason, so no agent keeps a claim it cannot hold.
   */
  launchClaims(patterns: readonly string[]): string[] {
    const checked = this.checkClaims(patterns);
    const refused = checked.filter((c) => c.reason !== null);
    if (refused.length > 0) {
      throw new SwitchyardError('invalid-input', refused.map((c) => `Cannot claim ${c.pattern}: ${c.reason}`).join(' '));
    }
    return [...new Set(checked.map((c) => c.normalized!))];
  }

  /** Who changed what in the open repository; a clear error while it is unavailable. */
  get changes(): RepoChanges {
    const repo = this.requireRepo('Open a repository first.');
    if (!this.changeTracking) throw new SwitchyardError('unavailable', `Change tracking is not running for ${repo}; see the problem notification.`);
    return this.changeTracking;
  }

  /** The agent's process now holds its lease; the claims chosen at launch queue behind any holder. */
  takeLease(agent: Agent, pid: number): void {
    const locks = this.locks;
    if (!locks) return;
    locks.table.attachProcess(agent.id, { pid, startTime: agent.processStartTime });
    if (agent.claims.length === 0) return;
    void locks.claim(agent.id, agent.claims, { wait: true, priority: agent.priority }).then(
      (result) => {
        for (const refused of result.refused) {
          this.notify({ kind: 'problem', agentId: agent.id, title: `${agent.name} could not claim ${refused.pattern}`, body: refused.reason });
        }
        // A claim that can never be held (a symbolic link now leads out of the repository) is not
        // kept as the agent's: duplicate detection and the claims list would count it.
        const invalid = new Set(result.refused.map((r) => r.pattern).filter((pattern) => checkClaim(locks, pattern).reason !== null));
        if (invalid.size > 0) {
          agent.claims = agent.claims.filter((pattern) => !invalid.has(pattern));
          this.changed(agent);
        }
      },
      // Nobody awaits this claim: an error here must become a message, not an unhandled rejection.
      (error: unknown) =>
        this.notify({ kind: 'problem', agentId: agent.id, title: `${agent.name} could not claim its files`, body: error instanceof Error ? error.message : String(error) }),
    );
  }

  /** The agent was forgotten: anything it still holds goes now, and the list is announced (and saved) whole. */
  forget(agent: Agent): void {
    this.locks?.table.releaseAgent(agent.id, { delayMs: 0 });
    this.changed(null);
  }

  /** The agent ended: its claims go after the lock-delay, so its last writes land and are seen as its own first. */
  releaseClaimsOf(agentId: string): void {
    this.locks?.table.releaseAgent(agentId);
  }

  /**
   * Every change of an agent goes through here: saved (status changes coalesced, see
   * STATUS_SAVE_DELAY_MS) and announced with the other agents changed in the same burst.
   * `null`: every agent (another repository was opened).
   */
  changed(agent: Agent | null, kind: 'state' | 'status' = 'state'): void {
    this.store?.saveRegistry(kind === 'status' ? STATUS_SAVE_DELAY_MS : 0);
    this.changeTracking?.noteAgents(agent ? [agent] : this.options.agents.all());
    this.agentsAnnouncer.add(agent ? agent.id : null);
  }

  /** Told to the user and kept in the repository's activity log. */
  notify(notification: EventPayload<'notification'>): void {
    this.log('notification', { ...notification });
    this.options.events.emit('notification', notification);
  }

  log(event: string, data: Record<string, unknown>): void {
    this.store?.log(event, data);
  }

  /** Resolves once what changed so far is on disk (status saves that are still delayed excepted). */
  committed(): Promise<void> {
    return this.store?.committed() ?? Promise.resolve();
  }

  /** Writes what is pending and lets go of the repository's files, claims and tracking. */
  async dispose(): Promise<void> {
    await this.store?.flushed();
    this.store?.closeSync();
    this.locks?.dispose();
    await this.changeTracking?.dispose();
    this.changeTracking = null;
  }

  private requireLocks(): RepoLocks {
    this.requireRepo();
    return this.locks!;
  }

  /**
   * The lock table changed: the change is journaled in the next batch (claimLocks answers once
   * it is on disk) and announced, with the others of its burst, as one delta. Both cost what the
   * change touches, not what the table holds (fencing tokens are reserved on their own, at once).
   */
  private locksChanged(store: RegistryStore, delta: LockTableDelta): void {
    store.appendLocks(delta, deltaSize(delta));
    if (store !== this.store && this.store !== null) return;
    this.locksAnnouncer.add(delta);
  }

  /** Starts attribution for the repository; without it agents still run, and the user is told why. */
  private async startChangeTracking(repo: string, store: RegistryStore): Promise<RepoChanges | null> {
    const problem = (title: string, body: string): void => this.notify({ kind: 'problem', agentId: null, title, body });
    try {
      return await RepoChanges.start({
        repo,
        tracker: this.options.changeTracking,
        gateEvents: readLoggedGateEvents(store.logFile, Date.now() - GATE_EVENT_RETENTION_MS),
        onChanged: (revision) => this.options.events.emit('changes.changed', { revision }),
        onProblem: (message) => {
          store.log('change-tracking-problem', { message });
          problem('Change tracking', message);
        },
        context: () => ({
          agents: this.options.agents.all(),
          claims: this.locks?.list().claims ?? [],
          stuckAfterMinutes: this.currentSettings.stuckAfterMinutes,
        }),
        holders: (path) => this.locks?.whoHolds(path).map((c) => c.agentId) ?? [],
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      store.log('change-tracking-failed', { message });
      problem('Change tracking could not start', `${message} Agents still run, but who changed what is not recorded.`);
      return null;
    }
  }
}
