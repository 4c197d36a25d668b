/**
 * The core's composition root: it builds the services, wires each to the narrow interfaces of the
 * others, and owns their lifetimes. Every process (Electron main, `switchyard serve`) holds one
 * Orchestrator and exposes it through the router; the methods here are the router's and the
 * hosts' view of the core, and each hands the call to the service that does the work:
 * - the repository session (session/repo-session.ts): registry, reconcile, claims, change
 *   tracking, persistence and the agents' and locks' announcements;
 * - the agent supervisor (agents/agent-supervisor.ts): queue, processes, watchdog, status;
 * - the hook gate (gate/hook-gate.ts): the answer to each Codex hook event, the write gate;
 * - the terminal sessions (terminals/terminal-sessions.ts): mirrors, flow control, and the
 *   screens saved under `.agents/terminals/` that come back after a restart;
 * - the message board (messages/message-board.ts): messages between the agents and the user,
 *   delivered on the agents' hook events, and the roster each agent is told at its start.
 */
import { LaunchInputSchema } from '../shared/contract';
import type { HookDecision } from '../shared/control';
import type { Agent, AgentStatus } from '../shared/domain';
import type { CodexInfo } from '../shared/codex';
import { buildAgentCommand } from './agents/agent-command';
import { AgentProcess, type StopReport } from './agents/agent-process';
import { AgentSupervisor } from './agents/agent-supervisor';
import type { ParsedLaunch } from './agents/queued-agent';
import { SwitchyardError } from '../shared/result';
import { createAgentWorktree, removeAgentWorktree } from './worktrees/agent-worktree';
import type { AgentStopReport } from './agents/supervisor-ports';
import type { RepoChanges } from './session/repo-changes';
import type { CoreEvents, LaunchRequest, OrchestratorOptions } from './core-options';
import { CodexChoice } from './codex/codex-choice';
import { CheckService } from './checks/check-service';
import type { HookRequest } from './gate/hook-answer';
import { HookGate } from './gate/hook-gate';
import { HookTokens } from './gate/hook-tokens';
import { MessageBoard, type SendRequest } from './messages/message-board';
import type { RosterEntry } from './messages/agent-roster';
import type { MessageView } from '../shared/messages';
import { AGENTS_DIR } from './registry/registry-store';
import path from 'node:path';
import { RepoMetrics } from './metrics/repo-metrics';
import type { AttributionEntry } from './changes/attribution-entry';
import { DisposableStore } from './lifecycle/disposable-store';
import { TypedEmitter } from './lifecycle/typed-emitter';
import { systemClock } from './lifecycle/clock';
import type { ClaimOptions, ClaimResult } from './locks/repo-locks';
import type { RepoSettings } from './registry/registry-schema';
import { RepoSession } from './session/repo-session';
import type { ClaimView, WaiterView } from '../shared/locks';
import type { TerminalSnapshot } from './terminals/terminal-mirror';
import { TerminalSessions, type TerminalViews } from './terminals/terminal-sessions';
import { ConnectionRegistry } from './connections/connection-registry';
import { LocalInstanceLink } from './connections/local-instance-link';
import { remoteLinkFactory } from './connections/remote-link';

export type { CoreEvents, OrchestratorOptions } from './core-options';

export class Orchestrator {
  readonly events = new TypedEmitter<CoreEvents>();
  private readonly terminals = new TerminalSessions({
    onProblem: (message) => this.session.log('terminal-save-failed', { message }),
  });
  private readonly session: RepoSession;
  private readonly supervisor: AgentSupervisor;
  private readonly hooks: HookGate;
  private readonly codex: CodexChoice;
  private readonly messages: MessageBoard;
  /** Per-agent metrics of the open repository (metrics/), fed from the reports wired below. */
  private readonly repoMetrics = new RepoMetrics({ onProblem: (message) => this.session.log('metrics-problem', { message }) });
  /** The check after each agent (its test run in a temporary worktree) and rolling an agent back. */
  readonly checks: CheckService;
  /** The other Switchyards (on this machine or over SSH) a window of this core can switch to. */
  readonly connections: ConnectionRegistry;
  /** What dispose() lets go of once the agents have stopped and the repository is written. */
  private readonly disposables = new DisposableStore();

  constructor(options: OrchestratorOptions) {
    const env = options.env ?? process.env;
    const tokens = new HookTokens();
    this.supervisor = new AgentSupervisor({
      spawn: (processOptions) => new AgentProcess(processOptions),
      command: (agent, resumeSessionId) => {
        const command = buildAgentCommand({
          repo: this.session.requireRepo(),
          agent,
          codex: this.codex.choose(),
          resumeSessionId,
          baseEnv: env,
          hookCommand: options.hookCommand ?? null,
          hookToken: tokens.issue(agent.id),
          mcpCommand: options.mcpCommand ?? null,
          controlSocket: options.controlSocket ?? null,
          worktreeSetup: this.session.settings.worktreeSetupCommand,
        });
        this.hooks.tellHookFallbackOnce();
        return command;
      },
      settings: () => this.session.settings,
      clock: systemClock,
      terminals: this.terminals,
      watchdogMs: options.watchdogMs,
      report: {
        changed: (agent, kind) => {
          this.repoMetrics.noteAgent(agent);
          this.session.changed(agent, kind);
          this.checks.noteAgent(agent);
        },
        notify: (notification) => this.session.notify(notification),
        log: (event, data) => this.session.log(event, data),
        output: (id, seq, data) => this.events.emit('terminal.data', { id, seq, data }),
        started: (agent, pid) => this.session.takeLease(agent, pid),
        ended: (agent) => this.session.releaseClaimsOf(agent.id),
        removed: (agent) => {
          this.terminals.dispose(agent.id);
          this.session.forget(agent);
        },
      },
    });
    const session = (this.session = new RepoSession({ agents: this.supervisor, terminals: this.terminals, events: this.events, changeTracking: {
      ...options.changeTracking,
      onRolloutEvents: (agentId, file, events) => this.repoMetrics.noteRollout(agentId, file, events),
    } }));
    this.codex = new CodexChoice({ appRoots: options.appRoots, codexPath: options.codexPath, env, setting: () => (session.repo ? session.settings.codexPath : null) });
    this.hooks = new HookGate({
      tokenMatches: (agentId, token) => tokens.matches(agentId, token),
      agents: { record: (id) => this.supervisor.agents.get(id), noteHookEvent: (id, event, payload) => this.supervisor.noteHookEvent(id, event, payload) },
      locks: () => session.repoLocks,
      settings: () => session.settings,
      tracker: () => session.tracker,
      log: (event, data) => {
        if (event === 'write-refused' && typeof data.id === 'string') this.repoMetrics.noteRefusedWrite(data.id);
        session.log(event, data);
      },
      notify: (notification) => session.notify(notification),
      changed: (agent, kind) => {
        this.repoMetrics.noteAgent(agent);
        session.changed(agent, kind);
      },
      fallbackReason: options.hookCommand ? (options.hookFallbackReason ?? null) : null,
      context: (agentId, event) => this.messages.contextFor(agentId, event),
    });
    this.messages = new MessageBoard({
      agents: () => this.supervisor.list(),
      claimsOf: (agentId) => (session.repoLocks ? session.listLocks().claims.filter((c) => c.agentId === agentId && c.releasingAt === null).map((c) => c.pattern) : []),
      settings: () => session.settings,
      type: (agentId, data) => {
        try {
          this.supervisor.input(agentId, data);
        } catch (error) {
          session.log('message-typing-failed', { id: agentId, message: (error as Error).message });
        }
      },
      changed: (payload) => this.events.emit('messages.changed', payload),
      log: (event, data) => session.log(event, data),
    });
    this.disposables.add(this.events.on('agents.changed', ({ agents }) => agents.forEach((agent) => this.messages.agentChanged(agent))));
    this.disposables.add(() => this.messages.dispose());
    // The metrics follow the repository: its records load as it opens, before its agents start.
    this.disposables.add(this.events.on('repo.changed', ({ repo }) => this.openMetrics(repo)));
    this.disposables.add(this.events.on('locks.changed', (delta) => this.repoMetrics.noteLocks(delta)));
    this.checks = new CheckService({
      repo: () => session.repo,
      settings: () => session.settings,
      changes: () => session.changes,
      agent: (id) => this.supervisor.require(id),
      changed: (result) => this.events.emit('checks.changed', result),
      notify: (notification) => session.notify(notification),
      log: (event, data) => session.log(event, data),
    });
    this.disposables.add(() => this.checks.dispose());
    this.connections = new ConnectionRegistry({
      ownRepo: () => session.repo,
      createInstanceLink: (id, repo) => new LocalInstanceLink({ id, repo, env }),
      // SSH links unless the host brings its own (tests); null turns remote connections off.
      createRemoteLink: options.createRemoteLink === undefined ? remoteLinkFactory(options.appRoots[0]) : options.createRemoteLink,
      env,
      onChange: (connections) => this.events.emit('connections.changed', { connections }),
    });
    // The first entry's label is the open repository.
    this.disposables.add(this.events.on('repo.changed', () => this.events.emit('connections.changed', { connections: this.connections.list() })));
    this.disposables.add(() => this.events.clear());
    this.disposables.add(() => this.terminals.disposeAll());
  }

  get repo(): string | null {
    return this.session.repo;
  }

  async openRepo(folder: string): Promise<string> {
    const previous = this.session.repo;
    const repo = await this.session.open(folder);
    if (repo !== previous) this.messages.open(path.join(repo, AGENTS_DIR));
    return repo;
  }

  /** The open repository's metrics (`metrics.get`). */
  get metrics(): RepoMetrics {
    return this.repoMetrics;
  }

  /** Copies of the agents (of these ids only, when given, skipping any that are gone). */
  list(ids?: readonly string[]): Agent[] {
    return this.supervisor.list(ids);
  }

  /** The agents and the last `agents.changed` revision the list includes. */
  listWithRevision(): { agents: Agent[]; revision: number } {
    return this.session.listAgents();
  }

  getSettings(): RepoSettings {
    return this.session.getSettings();
  }

  updateSettings(patch: Partial<RepoSettings>): RepoSettings {
    return this.session.updateSettings(patch);
  }

  /** A shared launch, answered at once (an isolated one must make its worktree first: launchAgent). */
  launch(raw: LaunchRequest): { id: string; name: string; nameNotice: string | null } {
    const { request, repo } = this.checkLaunch(raw);
    if (request.isolated) throw new SwitchyardError('invalid-input', 'An isolated launch makes a worktree first; launch it through agents.launch (launchAgent).');
    return this.supervisor.enqueue(request, repo);
  }

  /** `agents.launch`: shared or isolated (its own worktree and branch, made before it is queued). */
  async launchAgent(raw: LaunchRequest): Promise<{ id: string; name: string; nameNotice: string | null }> {
    const { request, repo } = this.checkLaunch(raw);
    if (!request.isolated) return this.supervisor.enqueue(request, repo);
    const planned = this.supervisor.plan(request);
    const workspace = await createAgentWorktree(repo, planned);
    if (this.session.repo !== repo) {
      // Another repository was opened meanwhile: this launch is void; its worktree is not kept.
      await removeAgentWorktree(repo, workspace, { force: true }).catch(() => undefined);
      throw new SwitchyardError('invalid-input', `${repo} was closed while the agent's worktree was being made; launch it again.`);
    }
    return this.supervisor.enqueue(request, repo, planned, workspace);
  }

  private checkLaunch(raw: LaunchRequest): { request: ParsedLaunch; repo: string } {
    const request = LaunchInputSchema.parse(raw);
    const repo = this.session.requireRepo();
    // A claim outside the repository is refused here, with its reason, never kept on the agent.
    const claims = this.session.launchClaims(request.claims);
    // Fail at launch, not later in the queue, when there is no Codex to run.
    this.codex.choose();
    return { request: { ...request, claims }, repo };
  }

  /** Gives an agent another name (refused when another agent has it). */
  rename(id: string, name: string): Agent {
    return this.supervisor.rename(id, name);
  }

  /** Forgets an ended agent; its activity log and change journal stay. */
  remove(id: string): void {
    this.supervisor.remove(id);
  }

  /** An ended isolated agent now belongs to the shared tree (its work was moved there). */
  makeShared(id: string): Agent {
    return this.supervisor.makeShared(id);
  }

  /** Each pattern as a claim would spell it, or why a claim on it would be refused. */
  checkClaims(patterns: readonly string[]): Array<{ pattern: string; normalized: string | null; reason: string | null }> {
    return this.session.checkClaims(patterns);
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
    return this.hooks.handleHook(raw);
  }

  /** A hook client's request: answered at once, recorded after (see gate/hook-gate.ts). */
  answerHook(request: HookRequest): HookDecision {
    return this.hooks.answerHook(request);
  }

  listLocks(): { claims: ClaimView[]; waiting: WaiterView[]; mode: RepoSettings['gateMode']; revision: number } {
    return this.session.listLocks();
  }

  /** Answered once the claims it granted (or queued) are on disk, in the batch that holds them. */
  claimLocks(agentId: string | undefined, patterns: string[], options: ClaimOptions): Promise<ClaimResult> {
    return this.session.claimLocks(agentId, patterns, options);
  }

  /** Answered once the release is on disk. */
  releaseLocks(agentId: string | undefined, patterns: string[], force: boolean): Promise<ClaimView[]> {
    return this.session.releaseLocks(agentId, patterns, force);
  }

  whoHolds(path: string): ClaimView[] {
    return this.session.whoHolds(path);
  }

  /** The open repository, or a typed error that says to open one first. */
  requireRepo(why?: string): string {
    return this.session.requireRepo(why);
  }

  /** Files each agent wrote, from the journal; null while change tracking is not running. */
  agentWrites(): Map<string, Set<string>> | null {
    return this.session.tracker?.agentWrites() ?? null;
  }

  /** Who changed what in the open repository; a clear error while it is unavailable. */
  get changes(): RepoChanges {
    return this.session.changes;
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

  /** Sends a message from the user or an agent to one agent or all (see messages/message-board.ts). */
  sendMessage(request: SendRequest): MessageView {
    return this.messages.send(request);
  }

  /** One agent's message thread, or every message, and the last `messages.changed` revision. */
  listMessages(agentId?: string): { messages: MessageView[]; revision: number } {
    return { messages: this.messages.list(agentId), revision: this.messages.revision };
  }

  /** An agent reads its messages; the unread ones count as delivered. */
  readMessages(agentId: string, all: boolean): MessageView[] {
    return this.messages.read(agentId, all);
  }

  /** Who works on the repository (but `agentId`), and the text agents are told. */
  roster(agentId?: string): { agents: RosterEntry[]; text: string } {
    return this.messages.roster(agentId);
  }

  /** Which Codex new agents start, its version, and why that one; or what is wrong. */
  codexInfo(): Promise<CodexInfo> {
    return this.codex.info();
  }

  /** Stops every agent (gracefully, in parallel), saves the registry, and drops all listeners. */
  async dispose(force = false): Promise<void> {
    await this.supervisor.dispose(force);
    // The agents' last output (their kept screens) is in their terminals now: save it.
    await this.terminals.flushAll();
    await this.repoMetrics.flush();
    await this.session.dispose();
    await this.connections.dispose();
    this.disposables.dispose();
  }

  private openMetrics(repo: string): void {
    this.repoMetrics.open(repo);
    for (const agent of this.supervisor.all()) this.repoMetrics.noteAgent(agent);
    const waiting = this.session.repoLocks?.list().waiting ?? [];
    this.repoMetrics.noteLocks({ waiting: { set: waiting, removed: [] } });
  }
}
