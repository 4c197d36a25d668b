/**
 * The core's front door: the open repository, its agents (queued, running, ended), their
 * terminals, and the registry that remembers them across restarts. Every process (Electron main,
 * `switchyard serve`) holds one Orchestrator and exposes it through the router.
 */
import path from 'node:path';
import type { z } from 'zod';
import { LaunchInputSchema, type EventName, type EventPayload } from '../shared/contract';
import type { HookDecision } from '../shared/control';
import { HookInputSchema } from '../shared/control';
import { isEnded, isLive, type Agent, type AgentStatus } from '../shared/domain';
import { SwitchyardError } from '../shared/result';
import type { CodexInfo } from '../shared/codex';
import { codexVersion, codexVersionWarning } from './codex/codex-version';
import { buildAgentCommand } from './agents/agent-command';
import { AgentProcess, type StopReport } from './agents/agent-process';
import { isSameProcessAlive, processesOfAgent, signalGroup, signalPids } from './agents/agent-processes';
import { AgentSupervisor } from './agents/agent-supervisor';
import type { AgentStopReport } from './agents/supervisor-ports';
import { configuredCodex, findCodex } from './codex/find-codex';
import type { HookRequest } from './gate/hook-answer';
import { HookTokens } from './gate/hook-tokens';
import { TypedEmitter } from './lifecycle/typed-emitter';
import { systemClock } from './locks/lock-clock';
import { reconcileAgents } from './registry/reconcile';
import { RegistryStore, type RegistrySource } from './registry/registry-store';
import { RepoSettingsSchema, type RepoSettings } from './registry/registry-schema';
import { resolveRepo } from './repo/resolve-repo';
import { RepoLocks, type ClaimOptions, type ClaimResult } from './locks/repo-locks';
import { deltaSize, replayLockJournal } from './locks/lock-journal';
import type { LockTableDelta } from './locks/lock-types';
import { decideWrite, type GateDecision, type GateWrite } from './gate/write-gate';
import { RepoChanges, type RepoChangesOptions } from './changes/repo-changes';
import type { GateEvent } from './conflicts/detect-conflicts';
import type { AttributionEntry } from './changes/attribution-entry';
import type { ClaimView, WaiterView } from '../shared/locks';
import type { TerminalSnapshot } from './terminals/terminal-mirror';
import { TerminalSessions, type TerminalViews } from './terminals/terminal-sessions';

export { HISTORY_MAX_CHARS } from './agents/supervised-agent';
export { WATCHDOG_INTERVAL_MS } from './agents/agent-watchdog';
export type { AgentStopReport } from './agents/supervisor-ports';

/**
 * Agents' status changes (hook events, the terminal's state) are saved at most this often: no
 * request waits on them, and one write per burst instead of one per event keeps a busy agent's
 * hooks cheap. Launches, starts and ends are saved in the next batch.
 */
export const STATUS_SAVE_DELAY_MS = 250;

export type LaunchRequest = z.input<typeof LaunchInputSchema>;

export type NotificationKind = 'waiting' | 'finished' | 'failed' | 'stuck' | 'problem';
export interface CoreNotification {
  kind: NotificationKind;
  agentId: string | null;
  title: string;
  body: string;
}

/** What the core announces: exactly the contract's events, so a new event needs no second list. */
export type CoreEvents = { [K in EventName]: EventPayload<K> };

export interface OrchestratorOptions {
  /** Folders whose node_modules may hold @openai/codex (the app's own root). */
  appRoots: string[];
  /**
   * `--codex-path`: the Codex binary to run, above everything else. Without it,
   * SWITCHYARD_CODEX_PATH in `env`, then the repository's codexPath setting, then PATH, then the
   * bundled @openai/codex (see find-codex.ts).
   */
  codexPath?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** The argv of the hook client (see gate/hook-command-line.ts); without it no hooks are injected (status from the terminal only). */
  hookCommand?: readonly string[] | null;
  /** Why the hooks run on the slower Node client; told the user once, when the first agent starts. */
  hookFallbackReason?: string | null;
  /** The control socket the hooks report to. */
  controlSocket?: string | null;
  /** The argv that runs `switchyard mcp`; without it agents get no claim tools. */
  mcpCommand?: readonly string[] | null;
  watchdogMs?: number;
  /** Tuning for attribution (tests shorten the grace period); the defaults suit users. */
  changeTracking?: RepoChangesOptions['tracker'];
}

export class Orchestrator {
  readonly events = new TypedEmitter<CoreEvents>();
  private currentRepo: string | null = null;
  private store: RegistryStore | null = null;
  private locks: RepoLocks | null = null;
  private changeTracking: RepoChanges | null = null;
  /** Lock-table changes not yet announced; announced once per burst, as one delta. */
  private readonly locksDeltas: LockTableDelta[] = [];
  private locksAnnouncePending = false;
  private locksRevision = 0;
  /** Agents changed since the last announcement (all of them: `null`, as after opening a repository). */
  private changedAgents: Set<string> | null = new Set();
  private agentsAnnouncePending = false;
  private agentsRevision = 0;
  private settings: RepoSettings = RepoSettingsSchema.parse({});
  private readonly terminals = new TerminalSessions();
  private readonly hookTokens = new HookTokens();
  private hookFallbackTold = false;
  /** The queue, the processes, the watchdog; wired to the registry, locks and terminals here. */
  private readonly supervisor: AgentSupervisor;

  constructor(private readonly options: OrchestratorOptions) {
    this.supervisor = new AgentSupervisor({
      spawn: (processOptions) => new AgentProcess(processOptions),
      command: (agent, resumeSessionId) => {
        const command = buildAgentCommand({
          repo: this.requireRepo(),
          agent,
          codex: this.codex(),
          resumeSessionId,
          baseEnv: options.env ?? process.env,
          hookCommand: options.hookCommand ?? null,
          hookToken: this.hookTokens.issue(agent.id),
          mcpCommand: options.mcpCommand ?? null,
          controlSocket: options.controlSocket ?? null,
        });
        this.tellHookFallbackOnce();
        return command;
      },
      settings: () => this.settings,
      clock: systemClock,
      terminals: this.terminals,
      watchdogMs: options.watchdogMs,
      report: {
        changed: (agent, kind) => this.changed(agent, kind),
        notify: (notification) => this.notify(notification),
        log: (event, data) => this.store?.log(event, data),
        output: (id, seq, data) => this.events.emit('terminal.data', { id, seq, data }),
        started: (agent, pid) => this.takeLease(agent, pid),
        // Released after the lock-delay, so its last writes land and are seen as its own first.
        ended: (agent) => this.locks?.table.releaseAgent(agent.id),
      },
    });
  }

  get repo(): string | null {
    return this.currentRepo;
  }

  async openRepo(folder: string): Promise<string> {
    const repo = await resolveRepo(folder);
    if (repo === this.currentRepo) return repo;
    const running = this.all().filter((a) => isLive(a.status)).length;
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
    const wasLive = registry.agents.filter((a) => isLive(a.status));
    const { agents, orphans, notes } = reconcileAgents(registry.agents, isSameProcessAlive, new Date());
    for (const orphan of orphans) {
      // Nobody holds its terminal any more: an unsupervised agent is what Switchyard exists to prevent.
      signalGroup(orphan.pid!, 'SIGKILL');
      Object.assign(orphan, {
        status: 'stopped',
        endedAt: new Date().toISOString(),
        detail: 'Still running after Switchyard ended unexpectedly; stopped when Switchyard restarted.',
      });
      notes.push(`${orphan.id} (pid ${orphan.pid}) outlived its Switchyard; killed its process group.`);
    }
    for (const agent of wasLive) {
      // Codex itself dies with its terminal, but what it started may have left its process group.
      const leftovers = processesOfAgent(agent.id);
      if (leftovers.length === 0) continue;
      signalPids(leftovers, 'SIGKILL');
      notes.push(`${agent.id} left processes ${leftovers.join(', ')} behind; killed them.`);
    }
    const locks = this.openLocks(repo, savedLocks, store);
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
    this.settings = registry.settings;
    this.supervisor.replace(agents);
    this.terminals.disposeAll();
    store.attach(this.registrySource());
    // One snapshot at opening aligns the files with what was restored (and what reconciling released).
    store.compactLocks();
    this.changeTracking = await this.startChangeTracking(repo, store);
    store.log('opened', { repo, agents: agents.length, reconciled: notes.length });
    this.events.emit('repo.changed', { repo });
    this.changed(null);
    this.pump();
    return repo;
  }

  /** Copies of the agents (of these ids only, when given, skipping any that are gone). */
  list(ids?: readonly string[]): Agent[] {
    return this.supervisor.list(ids);
  }

  /** The agents and the last `agents.changed` revision the list includes. */
  listWithRevision(): { agents: Agent[]; revision: number } {
    return { agents: this.list(), revision: this.agentsRevision };
  }

  getSettings(): RepoSettings {
    return { ...this.settings };
  }

  updateSettings(patch: Partial<RepoSettings>): RepoSettings {
    this.requireRepo();
    // A Codex path that cannot run is refused now, where the user typed it, not at the next launch.
    if (patch.codexPath) findCodex({ searchRoots: [], configured: { path: patch.codexPath.trim(), from: 'setting' } });
    this.settings = RepoSettingsSchema.parse({ ...this.settings, ...patch });
    this.store?.log('settings', { settings: this.settings });
    this.store?.saveRegistry();
    // The gate mode is part of what `locks.changed` says.
    this.announceLocks();
    this.pump();
    return this.getSettings();
  }

  launch(raw: LaunchRequest): { id: string } {
    const request = LaunchInputSchema.parse(raw);
    const repo = this.requireRepo();
    // Fail at launch, not later in the queue, when there is no Codex to run.
    this.codex();
    return this.supervisor.enqueue(request, repo);
  }

  /** Changes a queued agent's dependencies or priority. */
  update(id: string, patch: { after?: string[] | undefined; priority?: number | undefined }): Agent {
    return this.supervisor.update(id, patch);
  }

  stop(id: string, force: boolean, reason?: string): Promise<{ id: string; status: AgentStatus; report: StopReport }> {
    return this.supervisor.stop(id, force, reason);
  }

  /** Stops every agent that runs or waits in the queue; queued ones first, so none starts meanwhile. */
  stopAll(force: boolean): Promise<AgentStopReport[]> {
    return this.supervisor.stopAll(force);
  }

  /** Continues an ended agent's Codex session in a new terminal (`codex resume <session>`). */
  resume(id: string): Agent {
    return this.supervisor.resume(id);
  }

  /** `hook.event` through the router (JSON); the same as a hook client's request. */
  handleHook(raw: unknown): HookDecision {
    return this.answerHook(HookInputSchema.parse(raw));
  }

  /**
   * A hook event from an agent's hook client. Only the agent's current, live run may ask (its
   * token). The answer is computed and returned first, and the control server writes it before
   * anything else happens: the agent's tool call waits on it. Everything the event means for the
   * record (status, log, attribution, save and announce) follows on the next turn of the loop.
   */
  answerHook(request: HookRequest): HookDecision {
    const managed = this.agents.get(request.agentId);
    if (!managed || !this.hookTokens.matches(request.agentId, request.token)) {
      throw new SwitchyardError('invalid-input', `this hook is not from the current run of agent "${request.agentId}" in this Switchyard; file changes from it are refused.`);
    }
    if (isEnded(managed.agent.status)) {
      throw new SwitchyardError('invalid-input', `agent "${request.agentId}" has ${managed.agent.status}; a process it left behind may not change files.`);
    }
    const gate = request.event === 'PreToolUse' ? this.gate(request.agentId, request.payload) : null;
    setImmediate(() => this.recordHook(managed, request, gate));
    if (!gate) return { decision: 'allow' };
    return {
      decision: gate.decision,
      ...(gate.reason ? { reason: gate.reason } : {}),
      ...(gate.additionalContext ? { additionalContext: gate.additionalContext } : {}),
    };
  }

  /** What a hook event means for the record, once its answer is on its way. */
  private recordHook(managed: { readonly agent: Agent }, { agentId, event, payload }: HookRequest, gate: GateDecision | null): void {
    if (this.agents.get(agentId) !== managed) return;
    if (gate) this.recordGate(agentId, gate);
    if (isEnded(managed.agent.status)) return;
    const agent = managed.agent;
    if (typeof payload.session_id === 'string') agent.sessionId = payload.session_id;
    if (typeof payload.transcript_path === 'string') agent.rolloutPath = payload.transcript_path;
    agent.lastProgressAt = new Date().toISOString();
    agent.stuck = false;
    switch (event) {
      case 'UserPromptSubmit':
      case 'PreToolUse':
      case 'PostToolUse':
        this.setStatus(managed, 'working');
        break;
      case 'Stop':
        agent.completedTurns += 1;
        this.setStatus(managed, 'idle');
        if (agent.completedTurns === 1) {
          this.notify({ kind: 'finished', agentId, title: `${agent.name} finished its task`, body: lastMessage(payload) });
          this.pump();
        }
        break;
      case 'SessionStart':
      case 'SessionEnd':
        break;
    }
    this.store?.log('hook', { id: agentId, hook: event });
    this.changeTracking?.noteHookEvent(agentId, event, payload);
    this.changed(agent, 'status');
  }

  listLocks(): { claims: ClaimView[]; waiting: WaiterView[]; mode: RepoSettings['gateMode']; revision: number } {
    return { ...this.requireLocks().list(), mode: this.settings.gateMode, revision: this.locksRevision };
  }

  /** Answered once the claims it granted (or queued) are on disk, in the batch that holds them. */
  async claimLocks(agentId: string | undefined, patterns: string[], options: ClaimOptions): Promise<ClaimResult> {
    if (agentId) this.supervisor.require(agentId);
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

  /** The write gate: may this PreToolUse call write what it would write? (Recorded later: recordGate.) */
  private gate(agentId: string, payload: Record<string, unknown>): GateDecision | null {
    const locks = this.locks;
    if (!locks) return null;
    const input = payload.tool_input as { command?: unknown } | undefined;
    return decideWrite(locks, {
      agentId,
      command: typeof input?.command === 'string' ? input.command : null,
      cwd: typeof payload.cwd === 'string' ? payload.cwd : null,
      mode: this.settings.gateMode,
      claimOnWrite: this.settings.claimOnWrite,
    });
  }

  private recordGate(agentId: string, decision: GateDecision): void {
    if (decision.decision === 'deny') {
      this.store?.log('write-refused', { id: agentId, reason: decision.reason, writes: decision.writes });
      this.noteGateEvent('refused', agentId, decision.writes.filter((w) => w.verdict !== 'allowed'), decision.reason ?? '');
    } else if (decision.violations.length > 0) {
      this.store?.log('write-violation', { id: agentId, mode: this.settings.gateMode, writes: decision.violations });
      this.noteGateEvent('violation', agentId, decision.violations, decision.additionalContext ?? '');
    }
  }

  /** The hooks run on the slower Node client (no C compiler at install): say so once, when the first agent starts. */
  private tellHookFallbackOnce(): void {
    const reason = this.options.hookFallbackReason;
    if (!this.options.hookCommand || !reason || this.hookFallbackTold) return;
    this.hookFallbackTold = true;
    this.store?.log('hook-client-fallback', { reason });
    this.notify({ kind: 'problem', agentId: null, title: 'Hooks run on Node', body: reason });
  }

  private noteGateEvent(kind: GateEvent['kind'], agentId: string, writes: readonly GateWrite[], reason: string): void {
    this.changeTracking?.noteGateEvent({
      kind,
      agentId,
      paths: writes.map((w) => w.path),
      holders: writes.map((w) => w.holderAgentId ?? null),
      reason,
      at: Date.now(),
    });
  }

  /** Who changed what in the open repository; a clear error while it is unavailable. */
  get changes(): RepoChanges {
    if (!this.currentRepo) throw new SwitchyardError('no-repository', 'Open a repository first.');
    if (!this.changeTracking) throw new SwitchyardError('unavailable', `Change tracking is not running for ${this.currentRepo}; see the problem notification.`);
    return this.changeTracking;
  }

  /** Who changed which working-tree path since Switchyard started, for the commit plan. */
  attributionEntries(): Promise<AttributionEntry[]> {
    return this.changes.attributionEntries();
  }

  input(id: string, data: string): void {
    this.supervisor.input(id, data);
  }

  /** A starting agent gets its new size once it has started (Codex panics on a resize while it draws). */
  resize(id: string, cols: number, rows: number): void {
    this.supervisor.resize(id, cols, rows);
  }

  history(id: string): string {
    return this.supervisor.history(id);
  }

  /** The agent's screen from its headless mirror; `view` (when given) is counted for flow control from now on. */
  terminalSnapshot(id: string, view: string | null): Promise<TerminalSnapshot> {
    const agent = this.supervisor.require(id);
    return this.terminals.open(id, agent).snapshot(view);
  }

  /** `view` has written `chars` more of the agent's output. */
  acknowledgeTerminal(id: string, view: string | null, chars: number): void {
    // No lookup: acks for an agent that is gone (another repository was opened) are moot.
    if (view !== null) this.terminals.acknowledged(view, id, chars);
  }

  /** For transports: which views show which agents, what they were sent, when they leave. */
  get terminalViews(): TerminalViews {
    return this.terminals;
  }

  /** Stops every agent (gracefully, in parallel), saves the registry, and drops all listeners. */
  async dispose(force = false): Promise<void> {
    await this.supervisor.dispose(force);
    this.terminals.disposeAll();
    if (this.store) {
      await this.store.flushed();
      this.store.closeSync();
    }
    this.locks?.dispose();
    await this.changeTracking?.dispose();
    this.changeTracking = null;
    this.events.clear();
  }

  /** The agent's process now holds its lease; the claims chosen at launch queue behind any holder. */
  private takeLease(agent: Agent, pid: number): void {
    const locks = this.locks;
    if (!locks) return;
    locks.table.attachProcess(agent.id, { pid, startTime: agent.processStartTime });
    if (agent.claims.length === 0) return;
    void locks.claim(agent.id, agent.claims, { wait: true, priority: agent.priority }).then(
      (result) => {
        for (const refused of result.refused) {
          this.notify({ kind: 'problem', agentId: agent.id, title: `${agent.name} could not claim ${refused.pattern}`, body: refused.reason });
        }
      },
      // Nobody awaits this claim: an error here must become a message, not an unhandled rejection.
      (error: unknown) =>
        this.notify({ kind: 'problem', agentId: agent.id, title: `${agent.name} could not claim its files`, body: error instanceof Error ? error.message : String(error) }),
    );
  }

  private openLocks(repo: string, saved: { snapshot: unknown; journal: unknown[] }, store: RegistryStore): RepoLocks {
    // Journaled in this repository's store even while the previous one is still open.
    const onChange = (delta: LockTableDelta): void => this.locksChanged(store, delta);
    const tokenFile = path.join(store.dir, 'fencing-tokens.json');
    const replay = replayLockJournal(saved.snapshot, saved.journal);
    if (replay.problem) {
      const problem = `${store.journalFile}: ${replay.problem}.`;
      store.log('locks-journal-corrupt', { problem });
      this.notify({ kind: 'problem', agentId: null, title: 'Some claim changes were unreadable', body: problem });
    }
    try {
      return new RepoLocks(repo, replay.state, onChange, tokenFile);
    } catch (error) {
      const problem = `The saved claims could not be restored (${(error as Error).message}); Switchyard started with none.`;
      store.log('locks-corrupt', { problem });
      this.notify({ kind: 'problem', agentId: null, title: 'Claims were unreadable', body: problem });
      return new RepoLocks(repo, undefined, onChange, tokenFile);
    }
  }

  /**
   * The lock table changed: the change is journaled in the next batch (claimLocks answers once
   * it is on disk) and announced, with the others of its burst, as one delta. Both cost what the
   * change touches, not what the table holds (fencing tokens are reserved on their own, at once).
   */
  private locksChanged(store: RegistryStore, delta: LockTableDelta): void {
    store.appendLocks(delta, deltaSize(delta));
    if (store !== this.store && this.store !== null) return;
    this.locksDeltas.push(delta);
    this.announceLocks();
  }

  /** Announces the changes of this burst (and the gate mode) once, after the current operation. */
  private announceLocks(): void {
    if (this.locksAnnouncePending) return;
    this.locksAnnouncePending = true;
    queueMicrotask(() => {
      this.locksAnnouncePending = false;
      const deltas = this.locksDeltas.splice(0);
      if (!this.locks) return;
      this.events.emit('locks.changed', { revision: ++this.locksRevision, ...this.locks.viewDelta(deltas), mode: this.settings.gateMode });
    });
  }

  private requireLocks(): RepoLocks {
    this.requireRepo();
    return this.locks!;
  }

  /** handleHook's view of the agents: it notes a hook's progress on the agent's record. */
  private get agents(): ReadonlyMap<string, { readonly agent: Agent }> {
    return this.supervisor.agents;
  }

  private setStatus(managed: { readonly agent: Agent }, status: AgentStatus): void {
    this.supervisor.setStatus(managed.agent.id, status);
  }

  /** Starts whatever the queue can start now (a finished task may have met a dependency). */
  private pump(): void {
    this.supervisor.pump();
  }

  /** Starts attribution for the repository; without it agents still run, and the user is told why. */
  private async startChangeTracking(repo: string, store: RegistryStore): Promise<RepoChanges | null> {
    const problem = (title: string, body: string): void => this.notify({ kind: 'problem', agentId: null, title, body });
    try {
      return await RepoChanges.start({
        repo,
        tracker: this.options.changeTracking,
        onChanged: (revision) => this.events.emit('changes.changed', { revision }),
        onProblem: (message) => {
          store.log('change-tracking-problem', { message });
          problem('Change tracking', message);
        },
        context: () => ({
          agents: this.all(),
          claims: this.locks?.list().claims ?? [],
          stuckAfterMinutes: this.settings.stuckAfterMinutes,
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

  /** Which Codex new agents start, its version, and why that one; or what is wrong. */
  async codexInfo(): Promise<CodexInfo> {
    let codex: ReturnType<typeof findCodex>;
    try {
      codex = this.codex();
    } catch (error) {
      return { path: null, version: null, source: null, reason: null, error: error instanceof Error ? error.message : String(error), warning: null };
    }
    const version = await codexVersion(codex.path, { ...(this.options.env ?? process.env), ...codex.env });
    return { path: codex.path, version, source: codex.source, reason: codex.reason, error: null, warning: codexVersionWarning(version) };
  }

  private codex(): ReturnType<typeof findCodex> {
    const env = this.options.env ?? process.env;
    const configured = configuredCodex({
      flag: this.options.codexPath,
      env: env.SWITCHYARD_CODEX_PATH,
      setting: this.currentRepo ? this.settings.codexPath : null,
    });
    return findCodex({ searchRoots: this.options.appRoots, configured, envPath: env.PATH });
  }

  private notify(notification: CoreNotification): void {
    this.store?.log('notification', { ...notification });
    this.events.emit('notification', notification);
  }

  private requireRepo(): string {
    if (!this.currentRepo) throw new SwitchyardError('no-repository', 'Open a repository before starting an agent.');
    return this.currentRepo;
  }

  private all(): Agent[] {
    return this.supervisor.all();
  }

  /** What the store reads when it writes (after the current repository's store is attached). */
  private registrySource(): RegistrySource {
    return {
      registry: () => ({ settings: this.settings, agents: this.list() }),
      locks: () => this.locks?.toJSON(),
      locksSize: () => this.locks?.table.size ?? 0,
    };
  }

  /**
   * Every change of an agent goes through here: saved (status changes coalesced, see
   * STATUS_SAVE_DELAY_MS) and announced with the other agents changed in the same burst.
   * `null`: every agent (another repository was opened).
   */
  private changed(agent: Agent | null, kind: 'state' | 'status' = 'state'): void {
    this.store?.saveRegistry(kind === 'status' ? STATUS_SAVE_DELAY_MS : 0);
    this.changeTracking?.noteAgents(agent ? [agent] : this.all());
    if (agent === null) this.changedAgents = null;
    else this.changedAgents?.add(agent.id);
    if (this.agentsAnnouncePending) return;
    this.agentsAnnouncePending = true;
    queueMicrotask(() => {
      this.agentsAnnouncePending = false;
      const changed = this.changedAgents;
      this.changedAgents = new Set();
      const agents = changed === null ? this.list() : this.list([...changed]);
      this.events.emit('agents.changed', { revision: ++this.agentsRevision, agents, replace: changed === null });
    });
  }
}

function lastMessage(payload: Record<string, unknown>): string {
  const text = payload.last_assistant_message;
  return typeof text === 'string' ? text.slice(0, 200) : '';
}
