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
import { isEnded, isLive, PENDING_STATUSES, type Agent, type AgentStatus } from '../shared/domain';
import { SwitchyardError } from '../shared/result';
import type { CodexInfo } from '../shared/codex';
import { newAgentId } from './agents/agent-id';
import { buildAgentEnv } from './agents/agent-env';
import { AgentProcess, type StopReport } from './agents/agent-process';
import { isSameProcessAlive, processesOfAgent, processStartTime, signalGroup, signalPids } from './agents/agent-processes';
import { dependencyState, findCycle, liveCount, queueOrder, resolveReferences } from './agents/agent-queue';
import { CodexTerminalStateParser } from './agents/codex-terminal-state';
import { OutputHistory } from './agents/output-history';
import { statusFromTerminalState } from './agents/status-from-terminal';
import { buildCodexArgs } from './codex/codex-args';
import { codexVersion, codexVersionWarning } from './codex/codex-version';
import { configuredCodex, findCodex } from './codex/find-codex';
import { buildHookArgs } from './codex/hook-args';
import { buildMcpArgs } from './codex/mcp-args';
import { TypedEmitter } from './lifecycle/typed-emitter';
import { reconcileAgents } from './registry/reconcile';
import { RegistryStore } from './registry/registry-store';
import { RepoSettingsSchema, type RepoSettings } from './registry/registry-schema';
import { resolveRepo } from './repo/resolve-repo';
import { RepoLocks, type ClaimOptions, type ClaimResult } from './locks/repo-locks';
import { decideWrite, type GateWrite } from './gate/write-gate';
import { RepoChanges, type RepoChangesOptions } from './changes/repo-changes';
import type { GateEvent } from './conflicts/detect-conflicts';
import type { AttributionEntry } from './git/commit-plan';
import type { ClaimView, WaiterView } from '../shared/locks';
import type { TerminalSnapshot } from './terminals/terminal-mirror';
import { TerminalSessions, type TerminalViews } from './terminals/terminal-sessions';
import { AGENT_ID_ENV, CONTROL_SOCKET_ENV } from '../shared/control';

/** Characters of raw output kept per agent (about 2 MB of text); views restore from the headless mirror. */
export const HISTORY_MAX_CHARS = 2_000_000;
/** How often stuck agents and wall-clock timeouts are checked. */
export const WATCHDOG_INTERVAL_MS = 5_000;

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
  /** The argv that runs `switchyard hook`; without it no hooks are injected (status from the terminal only). */
  hookCommand?: readonly string[] | null;
  /** The control socket the hooks report to. */
  controlSocket?: string | null;
  /** The argv that runs `switchyard mcp`; without it agents get no claim tools. */
  mcpCommand?: readonly string[] | null;
  watchdogMs?: number;
  /** Tuning for attribution (tests shorten the grace period); the defaults suit users. */
  changeTracking?: RepoChangesOptions['tracker'];
}

interface ManagedAgent {
  agent: Agent;
  process: AgentProcess | null;
  history: OutputHistory;
  stopping: boolean;
  /** Why the agent is being stopped, kept as its detail once it has stopped. */
  stopReason: string | null;
  /** Set while a resize waits for the agent to finish starting. */
  resizeTimer?: NodeJS.Timeout | undefined;
}

/**
 * Codex 0.169's TUI panics (exit 101, "index outside of buffer") when its terminal is resized
 * while it draws its first screen, which a grid of terminals does at every launch. A starting
 * agent gets its new size once it has started, or after this long at the latest.
 */
const STARTING_RESIZE_DELAY_MS = 4_000;

export interface AgentStopReport {
  id: string;
  status: AgentStatus;
  survivors: number[];
}

export class Orchestrator {
  readonly events = new TypedEmitter<CoreEvents>();
  private currentRepo: string | null = null;
  private store: RegistryStore | null = null;
  private locks: RepoLocks | null = null;
  private changeTracking: RepoChanges | null = null;
  private locksChangePending = false;
  private settings: RepoSettings = RepoSettingsSchema.parse({});
  private readonly agents = new Map<string, ManagedAgent>();
  private readonly terminals = new TerminalSessions();
  private readonly watchdog: NodeJS.Timeout;

  constructor(private readonly options: OrchestratorOptions) {
    this.watchdog = setInterval(() => this.checkWatchdog(), options.watchdogMs ?? WATCHDOG_INTERVAL_MS);
    this.watchdog.unref();
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
    const store = new RegistryStore(repo, (error) =>
      this.notify({ kind: 'problem', agentId: null, title: 'Could not save the registry', body: `${store.file}: ${error.message}` }),
    );
    const { registry, problem } = store.load();
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
    const locks = this.openLocks(repo, registry.locks, store);
    for (const agent of wasLive) {
      // Its process is gone, so its claims go now: there are no last writes left to wait for.
      if (!agents.some((a) => a.id === agent.id && isLive(a.status))) locks.table.releaseAgent(agent.id, { delayMs: 0 });
    }
    for (const note of notes) store.log('reconciled', { note });

    this.locks?.dispose();
    this.locks = locks;
    await this.changeTracking?.dispose();
    this.changeTracking = null;
    this.currentRepo = repo;
    this.store = store;
    this.settings = registry.settings;
    this.agents.clear();
    this.terminals.disposeAll();
    for (const agent of agents) {
      this.agents.set(agent.id, { agent, process: null, history: new OutputHistory(HISTORY_MAX_CHARS), stopping: false, stopReason: null });
    }
    this.changeTracking = await this.startChangeTracking(repo, store);
    store.log('opened', { repo, agents: agents.length, reconciled: notes.length });
    this.events.emit('repo.changed', { repo });
    this.changed();
    this.pump();
    return repo;
  }

  list(): Agent[] {
    return this.all().map((a) => ({ ...a, claims: [...a.claims], after: [...a.after], codexArgs: [...a.codexArgs] }));
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
    this.changed();
    this.locksChanged();
    this.pump();
    return this.getSettings();
  }

  launch(raw: LaunchRequest): { id: string } {
    const request = LaunchInputSchema.parse(raw);
    const repo = this.requireRepo();
    // Fail at launch, not later in the queue, when there is no Codex to run.
    this.codex();
    const after = resolveReferences(request.after, this.all());
    const id = newAgentId(request.name);
    const agent: Agent = {
      id,
      name: request.name,
      task: request.task,
      status: 'queued',
      pid: null,
      repo,
      claims: [...request.claims],
      cols: request.cols,
      rows: request.rows,
      startedAt: new Date().toISOString(),
      endedAt: null,
      exitCode: null,
      detail: null,
      priority: request.priority,
      after,
      sessionId: null,
      rolloutPath: null,
      processStartTime: null,
      completedTurns: 0,
      lastProgressAt: null,
      stuck: false,
      timeoutMs: request.timeoutMinutes ? Math.round(request.timeoutMinutes * 60_000) : null,
      codexArgs: [...request.codexArgs],
      codexHome: request.codexHome ?? null,
    };
    this.rejectCycle(id, after);
    this.agents.set(id, { agent, process: null, history: new OutputHistory(HISTORY_MAX_CHARS), stopping: false, stopReason: null });
    this.store?.log('launched', { id, name: agent.name, after, priority: agent.priority });
    this.changed();
    this.pump();
    return { id };
  }

  /** Changes a queued agent's dependencies or priority. */
  update(id: string, patch: { after?: string[] | undefined; priority?: number | undefined }): Agent {
    const managed = this.get(id);
    if (!PENDING_STATUSES.includes(managed.agent.status)) {
      throw new SwitchyardError('invalid-input', `${id} has already started; only queued agents can be changed.`);
    }
    if (patch.after) {
      const after = resolveReferences(patch.after, this.all());
      this.rejectCycle(id, after);
      managed.agent.after = after;
      if (managed.agent.status === 'blocked') managed.agent.status = 'queued';
      managed.agent.detail = null;
    }
    if (patch.priority !== undefined) managed.agent.priority = patch.priority;
    this.changed();
    this.pump();
    return { ...managed.agent };
  }

  async stop(id: string, force: boolean, reason?: string): Promise<{ id: string; status: AgentStatus; report: StopReport }> {
    const managed = this.get(id);
    if (PENDING_STATUSES.includes(managed.agent.status)) {
      this.end(managed, 'stopped', reason ?? 'Cancelled before it started.');
      this.pump();
      return { id, status: managed.agent.status, report: { via: 'already-exited', survivors: [] } };
    }
    const child = managed.process;
    if (!child || isEnded(managed.agent.status)) {
      return { id, status: managed.agent.status, report: { via: 'already-exited', survivors: [] } };
    }
    managed.stopping = true;
    managed.stopReason = reason ?? null;
    const report = await child.stop(force);
    const detail = report.survivors.length > 0
      ? `Stopped, but processes ${report.survivors.join(', ')} survived SIGKILL.`
      : managed.stopReason;
    if (managed.stopping) this.end(managed, 'stopped', detail);
    this.store?.log('stopped', { id, via: report.via, survivors: report.survivors });
    this.pump();
    return { id, status: managed.agent.status, report };
  }

  /** Stops every agent that runs or waits in the queue; queued ones first, so none starts meanwhile. */
  async stopAll(force: boolean): Promise<AgentStopReport[]> {
    const pending = this.all().filter((a) => PENDING_STATUSES.includes(a.status));
    const reports: AgentStopReport[] = [];
    for (const agent of pending) {
      const { status } = await this.stop(agent.id, force, 'Cancelled by cleanup before it started.');
      reports.push({ id: agent.id, status, survivors: [] });
    }
    const live = this.all().filter((a) => isLive(a.status));
    const stopped = await Promise.all(live.map((a) => this.stop(a.id, force)));
    for (const { id, status, report } of stopped) reports.push({ id, status, survivors: report.survivors });
    return reports;
  }

  /** Continues an ended agent's Codex session in a new terminal (`codex resume <session>`). */
  resume(id: string): Agent {
    const managed = this.get(id);
    if (!isEnded(managed.agent.status)) throw new SwitchyardError('invalid-input', `${id} is still ${managed.agent.status}.`);
    if (!managed.agent.sessionId) {
      throw new SwitchyardError('invalid-input', `${id} has no Codex session to resume (it never reported one).`);
    }
    this.terminalOutput(managed, '\r\n\x1b[2m── resumed ──\x1b[0m\r\n');
    this.start(managed, managed.agent.sessionId);
    return { ...managed.agent };
  }

  handleHook(raw: unknown): HookDecision {
    const { agentId, event, payload } = HookInputSchema.parse(raw);
    const managed = this.agents.get(agentId);
    if (!managed || isEnded(managed.agent.status)) return { decision: 'allow' };
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
    this.changed();
    return event === 'PreToolUse' ? this.gate(agentId, payload) : { decision: 'allow' };
  }

  listLocks(): { claims: ClaimView[]; waiting: WaiterView[]; mode: RepoSettings['gateMode'] } {
    return { ...this.requireLocks().list(), mode: this.settings.gateMode };
  }

  claimLocks(agentId: string | undefined, patterns: string[], options: ClaimOptions): Promise<ClaimResult> {
    if (agentId) this.get(agentId);
    return this.requireLocks().claim(agentId, patterns, options);
  }

  releaseLocks(agentId: string | undefined, patterns: string[], force: boolean): ClaimView[] {
    return this.requireLocks().release(agentId, patterns, force);
  }

  whoHolds(path: string): ClaimView[] {
    return this.requireLocks().whoHolds(path);
  }

  /** The write gate: may this PreToolUse call write what it would write? */
  private gate(agentId: string, payload: Record<string, unknown>): HookDecision {
    const locks = this.locks;
    if (!locks) return { decision: 'allow' };
    const input = payload.tool_input as { command?: unknown } | undefined;
    const decision = decideWrite(locks, {
      agentId,
      command: typeof input?.command === 'string' ? input.command : null,
      cwd: typeof payload.cwd === 'string' ? payload.cwd : null,
      mode: this.settings.gateMode,
      claimOnWrite: this.settings.claimOnWrite,
    });
    if (decision.decision === 'deny') {
      this.store?.log('write-refused', { id: agentId, reason: decision.reason, writes: decision.writes });
      this.noteGateEvent('refused', agentId, decision.writes.filter((w) => w.verdict !== 'allowed'), decision.reason ?? '');
    } else if (decision.violations.length > 0) {
      this.store?.log('write-violation', { id: agentId, mode: this.settings.gateMode, writes: decision.violations });
      this.noteGateEvent('violation', agentId, decision.violations, decision.additionalContext ?? '');
    }
    return {
      decision: decision.decision,
      ...(decision.reason ? { reason: decision.reason } : {}),
      ...(decision.additionalContext ? { additionalContext: decision.additionalContext } : {}),
    };
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
    this.get(id).process?.write(data);
  }

  resize(id: string, cols: number, rows: number): void {
    const managed = this.get(id);
    managed.agent.cols = cols;
    managed.agent.rows = rows;
    if (managed.agent.status === 'starting' && managed.process) {
      managed.resizeTimer ??= setTimeout(() => this.applySize(managed), STARTING_RESIZE_DELAY_MS).unref();
      return;
    }
    this.applySize(managed);
  }

  private applySize(managed: ManagedAgent): void {
    clearTimeout(managed.resizeTimer);
    managed.resizeTimer = undefined;
    const { id, cols, rows } = managed.agent;
    managed.process?.resize(cols, rows);
    this.terminals.get(id)?.resize({ cols, rows });
  }

  history(id: string): string {
    return this.get(id).history.text();
  }

  /** The agent's screen from its headless mirror; `view` (when given) is counted for flow control from now on. */
  terminalSnapshot(id: string, view: string | null): Promise<TerminalSnapshot> {
    const { agent } = this.get(id);
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
    clearInterval(this.watchdog);
    await this.stopAll(force);
    for (const managed of this.agents.values()) managed.process?.dispose();
    this.terminals.disposeAll();
    if (this.store) {
      await this.store.flushed();
      this.store.saveSync(this.snapshot());
    }
    this.locks?.dispose();
    await this.changeTracking?.dispose();
    this.changeTracking = null;
    this.events.clear();
  }

  private start(managed: ManagedAgent, resumeSessionId: string | null = null): void {
    const agent = managed.agent;
    const repo = this.requireRepo();
    const codex = this.codex();
    const hookArgs = this.options.hookCommand ? buildHookArgs(this.options.hookCommand) : [];
    const mcpArgs =
      this.options.mcpCommand && this.options.controlSocket
        ? buildMcpArgs(this.options.mcpCommand, agent.id, this.options.controlSocket)
        : [];
    const env = buildAgentEnv({
      base: this.options.env ?? process.env,
      agentId: agent.id,
      codexHome: agent.codexHome ?? undefined,
      codexEnv: codex.env,
    });
    if (this.options.controlSocket) env[CONTROL_SOCKET_ENV] = this.options.controlSocket;
    env[AGENT_ID_ENV] = agent.id;
    const args = buildCodexArgs({ repo, task: agent.task, extraArgs: [...hookArgs, ...mcpArgs, ...agent.codexArgs], resumeSessionId });
    let child: AgentProcess;
    try {
      child = new AgentProcess({ agentId: agent.id, file: codex.path, args, cwd: repo, env, cols: agent.cols, rows: agent.rows });
    } catch (error) {
      this.end(managed, 'failed', `Could not start Codex (${codex.path}): ${String(error)}`);
      this.notify({ kind: 'failed', agentId: agent.id, title: `${agent.name} could not start`, body: agent.detail ?? '' });
      return;
    }
    Object.assign(agent, {
      status: 'starting',
      pid: child.pid,
      processStartTime: processStartTime(child.pid),
      startedAt: new Date().toISOString(),
      endedAt: null,
      exitCode: null,
      detail: null,
      stuck: false,
      lastProgressAt: new Date().toISOString(),
    });
    managed.process = child;
    managed.stopping = false;
    managed.stopReason = null;
    this.wire(managed, child);
    this.takeLease(agent, child.pid);
    this.store?.log('started', { id: agent.id, pid: child.pid, resume: resumeSessionId });
    this.changed();
  }

  private wire(managed: ManagedAgent, child: AgentProcess): void {
    const parser = new CodexTerminalStateParser();
    this.terminals.open(managed.agent.id, managed.agent).connect(child);
    child.onData((data) => {
      this.terminalOutput(managed, data);
      const state = parser.feed(data);
      if (state && !managed.stopping) this.setStatus(managed, statusFromTerminalState(state));
    });
    child.onExit(({ exitCode, signal }) => {
      const agent = managed.agent;
      agent.exitCode = exitCode;
      if (managed.stopping) {
        // stop() ends the agent once it has also reaped whatever Codex left behind, so
        // "stopped" never shows while a process of the agent still runs.
        this.store?.log('exited', { id: agent.id, exitCode, signal, stopping: true });
        return;
      } else if (exitCode === 0 && !signal) {
        this.end(managed, 'exited', null);
      } else {
        this.end(managed, 'failed', signal ? `Codex was ended by signal ${signal}.` : `Codex exited with code ${exitCode}.`);
        this.notify({ kind: 'failed', agentId: agent.id, title: `${agent.name} failed`, body: agent.detail ?? '' });
      }
      this.store?.log('exited', { id: agent.id, exitCode, signal, status: agent.status });
      this.pump();
    });
  }

  /** One chunk of an agent's terminal: kept raw, numbered and mirrored, then sent to the views. */
  private terminalOutput(managed: ManagedAgent, data: string): void {
    const { agent } = managed;
    managed.history.append(data);
    const seq = this.terminals.open(agent.id, agent).record(data);
    this.events.emit('terminal.data', { id: agent.id, seq, data });
  }

  /** Starts queued agents whose dependencies are met while there is room; blocks the hopeless. */
  private pump(): void {
    if (!this.currentRepo) return;
    const byId = new Map(this.all().map((a) => [a.id, a]));
    let changed = false;
    for (const agent of queueOrder([...byId.values()])) {
      const state = dependencyState(agent, byId);
      if (state.kind === 'blocked') {
        const managed = this.get(agent.id);
        managed.agent.status = 'blocked';
        managed.agent.detail = `Blocked: ${state.reason}.`;
        this.notify({ kind: 'failed', agentId: agent.id, title: `${agent.name} is blocked`, body: managed.agent.detail });
        changed = true;
      } else if (state.kind === 'ready' && liveCount(this.all()) < this.settings.maxConcurrent) {
        this.start(this.get(agent.id));
      }
    }
    if (changed) this.changed();
  }

  private checkWatchdog(): void {
    const now = Date.now();
    const stuckAfterMs = this.settings.stuckAfterMinutes * 60_000;
    for (const managed of this.agents.values()) {
      const agent = managed.agent;
      if (!isLive(agent.status) || managed.stopping) continue;
      if (agent.timeoutMs !== null && now - Date.parse(agent.startedAt) > agent.timeoutMs) {
        const limit = formatMinutes(agent.timeoutMs);
        void this.stop(agent.id, false, `Stopped: it reached its time limit of ${limit}.`);
        continue;
      }
      const quietFor = now - Date.parse(agent.lastProgressAt ?? agent.startedAt);
      if (agent.status === 'working' && !agent.stuck && quietFor > stuckAfterMs) {
        agent.stuck = true;
        const quiet = formatMinutes(quietFor);
        this.notify({ kind: 'stuck', agentId: agent.id, title: `${agent.name} looks stuck`, body: `No progress for ${quiet}.` });
        this.store?.log('stuck', { id: agent.id, quietForMs: quietFor });
        this.changed();
        if (this.settings.autoStopStuck) void this.stop(agent.id, false, `Stopped: no progress for ${quiet}.`);
      }
    }
  }

  private end(managed: ManagedAgent, status: AgentStatus, detail: string | null): void {
    Object.assign(managed.agent, { status, detail: detail ?? managed.agent.detail, endedAt: new Date().toISOString(), stuck: false });
    managed.stopping = false;
    // Released after the lock-delay, so its last writes land and are seen as its own first.
    this.locks?.table.releaseAgent(managed.agent.id);
    this.changed();
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

  private openLocks(repo: string, saved: unknown, store: RegistryStore): RepoLocks {
    const onChange = (): void => this.locksChanged();
    const tokenFile = path.join(store.dir, 'fencing-tokens.json');
    try {
      return new RepoLocks(repo, saved, onChange, tokenFile);
    } catch (error) {
      const problem = `The saved claims could not be restored (${(error as Error).message}); Switchyard started with none.`;
      store.log('locks-corrupt', { problem });
      this.notify({ kind: 'problem', agentId: null, title: 'Claims were unreadable', body: problem });
      return new RepoLocks(repo, undefined, onChange, tokenFile);
    }
  }

  /**
   * The lock table changed: save and announce once per burst. A claim of many patterns changes
   * the table once per pattern, and listing 10,000 claims for each of them made a large claim
   * quadratic; the save was asynchronous already (fencing tokens are saved on their own, at once).
   */
  private locksChanged(): void {
    if (this.locksChangePending) return;
    this.locksChangePending = true;
    queueMicrotask(() => {
      this.locksChangePending = false;
      if (!this.locks || !this.store) return;
      void this.store.save(this.snapshot());
      this.events.emit('locks.changed', this.listLocks());
    });
  }

  private requireLocks(): RepoLocks {
    this.requireRepo();
    return this.locks!;
  }

  private setStatus(managed: ManagedAgent, status: AgentStatus): void {
    const agent = managed.agent;
    if (agent.status === status || isEnded(agent.status) || PENDING_STATUSES.includes(agent.status)) return;
    const wasStarting = agent.status === 'starting';
    agent.status = status;
    if (wasStarting && managed.resizeTimer) this.applySize(managed);
    if (status === 'waiting-for-input') {
      this.notify({ kind: 'waiting', agentId: agent.id, title: `${agent.name} is waiting for input`, body: agent.task.slice(0, 120) });
    }
    this.changed();
  }

  private rejectCycle(id: string, after: readonly string[]): void {
    const edges = new Map<string, readonly string[]>(this.all().map((a) => [a.id, a.after]));
    edges.set(id, after);
    const cycle = findCycle(edges);
    if (cycle) {
      const names = cycle.map((c) => (c === id ? c : (this.agents.get(c)?.agent.name ?? c)));
      throw new SwitchyardError('invalid-input', `These dependencies form a cycle: ${names.join(' → ')}.`);
    }
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
    return [...this.agents.values()].map((m) => m.agent);
  }

  private get(id: string): ManagedAgent {
    const managed = this.agents.get(id);
    if (!managed) throw new SwitchyardError('not-found', `No agent with id ${id} in this repository.`);
    return managed;
  }

  private snapshot() {
    return {
      version: 1 as const,
      repo: this.currentRepo ?? '',
      updatedAt: new Date().toISOString(),
      settings: this.settings,
      agents: this.list(),
      locks: this.locks?.toJSON(),
    };
  }

  /** Every state change goes through here: persisted, then announced. */
  private changed(): void {
    if (this.store) void this.store.save(this.snapshot());
    this.changeTracking?.noteAgents(this.all());
    this.events.emit('agents.changed', { agents: this.list() });
  }
}

function formatMinutes(ms: number): string {
  if (ms < 60_000) {
    const seconds = Math.max(1, Math.round(ms / 1000));
    return `${seconds} second${seconds === 1 ? '' : 's'}`;
  }
  const minutes = Math.round(ms / 60_000);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

function lastMessage(payload: Record<string, unknown>): string {
  const text = payload.last_assistant_message;
  return typeof text === 'string' ? text.slice(0, 200) : '';
}
