/**
 * The agent supervisor: the launch queue (priority, `after` dependencies, the concurrency
 * limit over agents on their task, resumes included), starting Codex processes, every way one stops, the watchdog, resume, and each agent's
 * status. It runs on an injected process factory and clock, so all of it is testable on a fake
 * pty; the composition root wires it to the registry, locks and terminals through
 * `SupervisorReports` and `AgentTerminals`.
 */
import fs from 'node:fs';
import type { HookEventName } from '../../shared/control';
import { holdsSlot, isEnded, isLive, PENDING_STATUSES, type Agent, type AgentStatus, type AgentWorkspace } from '../../shared/domain';
import { SwitchyardError } from '../../shared/result';
import type { Clock, TimerHandle } from '../lifecycle/clock';
import { requireFreeName, uniqueAgentName } from './agent-names';
import type { AgentProcess, StopReport } from './agent-process';
import { dependencyState, queueOrder, resolveReferences, waitReason, workingCount } from './agent-queue';
import { WATCHDOG_INTERVAL_MS } from './agent-watchdog';
import { planLaunch, requireNoCycle, requireRemovable, type LaunchPlan } from './launch-plan';
import { CodexTerminalStateParser } from './codex-terminal-state';
import { hookEventEffect } from './hook-event-effect';
import { queuedAgent, type ParsedLaunch } from './queued-agent';
import { statusFromTerminalState } from './status-from-terminal';
import { SupervisedAgent } from './supervised-agent';
import type { AgentStopReport, AgentSupervisorOptions, SupervisorReports } from './supervisor-ports';
import { checkAgents } from './supervisor-watchdog';

export class AgentSupervisor {
  private readonly managed = new Map<string, SupervisedAgent>();
  private watchdog: TimerHandle | null = null;
  /** Shutting down: the queue is kept as it is, nothing starts. */
  private disposing = false;
  /** Ended agents' last screens being put back; dispose waits for them. */
  private readonly keepingScreens = new Set<Promise<void>>();
  private readonly report: SupervisorReports;
  private readonly clock: Clock;

  constructor(private readonly options: AgentSupervisorOptions) {
    this.report = options.report;
    this.clock = options.clock;
    this.scheduleWatchdog();
  }

  /** The live records, by id (the hook gate checks that an event is still about the same record). */
  get agents(): ReadonlyMap<string, { readonly agent: Agent }> {
    return this.managed;
  }

  /** Whether the agent works isolated in its own worktree (its claims are advisory). */
  isolated(id: string): boolean {
    return (this.managed.get(id)?.agent.workspace ?? null) !== null;
  }

  all(): Agent[] {
    return [...this.managed.values()].map((m) => m.agent);
  }

  /** The agent's live record; not-found when there is none. */
  require(id: string): Agent {
    return this.get(id).agent;
  }

  /** Copies, safe to hand out (of these ids only, when given, skipping any that are gone). */
  list(ids?: readonly string[]): Agent[] {
    const agents = ids ? ids.flatMap((id) => this.managed.get(id)?.agent ?? []) : this.all();
    return agents.map((a) => ({ ...a, claims: [...a.claims], after: [...a.after], codexArgs: [...a.codexArgs] }));
  }

  /** Another repository was opened: these (reconciled, processless) agents replace all others. */
  replace(agents: readonly Agent[]): void {
    for (const managed of this.managed.values()) managed.cancelResize();
    this.managed.clear();
    for (const agent of agents) this.add(agent);
  }

  /** The name and id a launch will get, checked but not queued yet (see launch-plan.ts). */
  plan(request: ParsedLaunch): LaunchPlan {
    return planLaunch(request, this.all());
  }

  /** Queues a new agent; under a name another agent has, it gets a " (2)" suffix and says so. */
  enqueue(request: ParsedLaunch, repo: string, planned?: LaunchPlan, workspace: AgentWorkspace | null = null): { id: string; name: string; nameNotice: string | null } {
    const { id, after } = planned ?? this.plan(request);
    // Another launch may have taken the planned name while the worktree was being made.
    const name = planned ? uniqueAgentName(planned.name, this.all()) : uniqueAgentName(request.name, this.all());
    const agent = queuedAgent({ ...request, name }, { id, repo, after, now: this.clock.now(), workspace });
    this.add(agent);
    this.report.log('launched', { id, name, after, priority: agent.priority, ...(workspace ? { branch: workspace.branch, worktree: workspace.path } : {}), ...(name !== request.name ? { asked: request.name } : {}) });
    this.report.changed(agent);
    this.pump();
    const nameNotice = name === request.name ? null : `Another agent is already named "${request.name}", so this one is "${name}".`;
    return { id, name, nameNotice };
  }

  /** Gives an agent another name; refused when another agent has it (a rename is a deliberate choice). */
  rename(id: string, name: string): Agent {
    const managed = this.get(id);
    requireFreeName(id, name, this.all());
    const previous = managed.agent.name;
    managed.agent.name = name;
    this.report.log('renamed', { id, from: previous, to: name });
    this.report.changed(managed.agent);
    return { ...managed.agent };
  }

  /** An ended isolated agent's work was moved into the shared tree: from now on its record names no worktree. */
  makeShared(id: string): Agent {
    const managed = this.get(id);
    if (!isEnded(managed.agent.status)) throw new SwitchyardError('invalid-input', `${managed.agent.name} is ${managed.agent.status}; stop it first.`);
    const previous = managed.agent.workspace;
    managed.agent.workspace = null;
    this.report.log('made-shared', { id, branch: previous?.branch ?? null, worktree: previous?.path ?? null });
    this.report.changed(managed.agent);
    return { ...managed.agent };
  }

  /**
   * Forgets an ended agent: its record leaves the list (and the registry with it). Refused while it
   * runs or waits, and while a queued agent waits for it (that one would be blocked for good).
   */
  remove(id: string): void {
    const managed = this.get(id);
    const agent = managed.agent;
    requireRemovable(agent, this.all());
    managed.cancelResize();
    managed.process?.dispose();
    this.managed.delete(id);
    // The task goes with it into the log: suggestions for later tasks learn from removed agents too.
    this.report.log('removed', { id, name: agent.name, status: agent.status, task: agent.task });
    this.report.removed(agent);
  }

  /** Changes a queued agent's dependencies or priority. */
  update(id: string, patch: { after?: string[] | undefined; priority?: number | undefined }): Agent {
    const managed = this.get(id);
    if (!PENDING_STATUSES.includes(managed.agent.status)) {
      throw new SwitchyardError('invalid-input', `${id} has already started; only queued agents can be changed.`);
    }
    if (patch.after) {
      const after = resolveReferences(patch.after, this.all());
      requireNoCycle(id, after, this.all());
      managed.agent.after = after;
      if (managed.agent.status === 'blocked') managed.agent.status = 'queued';
      managed.agent.detail = null;
    }
    if (patch.priority !== undefined) managed.agent.priority = patch.priority;
    this.report.changed(managed.agent);
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
    this.report.log('stopped', { id, via: report.via, survivors: report.survivors });
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

  /**
   * Continues an ended agent's Codex session in a new process, in the same terminal. It queues like
   * a launch (at the back, by its priority), so a resume cannot exceed the concurrency limit.
   */
  resume(id: string): Agent {
    const managed = this.get(id);
    const agent = managed.agent;
    if (!isEnded(agent.status)) throw new SwitchyardError('invalid-input', `${id} is still ${agent.status}.`);
    if (!agent.sessionId) {
      throw new SwitchyardError('invalid-input', `${id} has no Codex session to resume (it never reported one).`);
    }
    // startedAt is also the place in the queue: a resume waits behind agents queued before it.
    Object.assign(agent, { status: 'queued', pid: null, processStartTime: null, startedAt: this.isoNow(), endedAt: null, exitCode: null, detail: null, stuck: false });
    this.report.log('resume-queued', { id, sessionId: agent.sessionId });
    this.report.changed(agent);
    this.pump();
    return { ...agent };
  }

  /** A running agent's status as its hooks or terminal report it; queued and ended agents keep theirs. */
  setStatus(id: string, status: AgentStatus): void {
    const managed = this.managed.get(id);
    if (managed) this.applyStatus(managed, status);
  }

  private applyStatus(managed: SupervisedAgent, status: AgentStatus): void {
    const agent = managed.agent;
    if (agent.status === status || isEnded(agent.status) || PENDING_STATUSES.includes(agent.status)) return;
    const previous = agent.status;
    agent.status = status;
    if (previous === 'starting') managed.started();
    if (status === 'waiting-for-input') {
      this.report.notify({ kind: 'waiting', agentId: agent.id, title: `${agent.name} is waiting for input`, body: agent.task.slice(0, 120) });
    }
    this.report.changed(agent, 'status');
    // A slot freed (task finished) or taken again (the user gave a finished agent more work).
    if (holdsSlot(previous) !== holdsSlot(status)) this.pump();
  }

  /**
   * What a hook event of the agent's current run means for its record: its Codex session and
   * rollout log, progress (not stuck), and its working state; the first finished turn is told and
   * may let a dependent start. Returns the record to persist, or null when the agent is gone or
   * has ended (a late event changes nothing).
   */
  noteHookEvent(agentId: string, event: HookEventName, payload: Record<string, unknown>): Agent | null {
    const managed = this.managed.get(agentId);
    if (!managed || isEnded(managed.agent.status)) return null;
    const agent = managed.agent;
    const effect = hookEventEffect(event, payload);
    agent.sessionId = effect.sessionId ?? agent.sessionId;
    agent.rolloutPath = effect.rolloutPath ?? agent.rolloutPath;
    agent.lastProgressAt = this.isoNow();
    agent.stuck = false;
    if (effect.turnEnded) agent.completedTurns += 1;
    if (effect.status) this.applyStatus(managed, effect.status);
    if (effect.turnEnded && agent.completedTurns === 1) {
      this.report.notify({ kind: 'finished', agentId, title: `${agent.name} finished its task`, body: effect.lastMessage });
      this.pump();
    }
    return agent;
  }

  /**
   * Starts queued agents whose dependencies are met while fewer than the limit work on their task;
   * blocks the hopeless; tells each one left waiting why (its `detail`).
   */
  pump(): void {
    if (this.disposing) return;
    const byId = new Map(this.all().map((a) => [a.id, a]));
    const limit = this.options.settings().maxConcurrent;
    for (const agent of queueOrder([...byId.values()])) {
      const state = dependencyState(agent, byId);
      if (state.kind === 'blocked') {
        agent.status = 'blocked';
        agent.detail = `Blocked: ${state.reason}.`;
        this.report.notify({ kind: 'failed', agentId: agent.id, title: `${agent.name} is blocked`, body: agent.detail });
        this.report.changed(agent);
        continue;
      }
      const working = workingCount(this.all());
      if (state.kind === 'ready' && working < limit) {
        // An agent with a Codex session was resumed: it continues that session.
        this.start(this.get(agent.id), agent.sessionId);
      } else {
        const reason = waitReason(state, working, limit);
        if (agent.detail !== reason) {
          agent.detail = reason;
          this.report.changed(agent);
        }
      }
    }
  }

  input(id: string, data: string): void {
    this.get(id).process?.write(data);
  }

  /** A starting agent is resized once it has started (see STARTING_RESIZE_DELAY_MS). */
  resize(id: string, cols: number, rows: number): void {
    this.get(id).resize(cols, rows);
  }

  history(id: string): string {
    return this.get(id).history.text();
  }

  /**
   * Stops the watchdog and every running agent (gracefully unless forced), then drops the
   * processes' listeners. Queued agents stay queued, and none starts meanwhile: the queue is the
   * user's plan, saved with the registry, and the next Switchyard to open the repository runs it.
   */
  async dispose(force: boolean): Promise<void> {
    if (this.watchdog) this.clock.clearTimer(this.watchdog);
    this.watchdog = null;
    this.disposing = true;
    await Promise.all(this.all().filter((a) => isLive(a.status)).map((a) => this.stop(a.id, force)));
    await Promise.all([...this.keepingScreens]);
    for (const managed of this.managed.values()) {
      managed.cancelResize();
      managed.process?.dispose();
    }
  }

  private add(agent: Agent): void {
    this.managed.set(agent.id, new SupervisedAgent(agent, this.clock, this.options.terminals));
  }

  private start(managed: SupervisedAgent, resumeSessionId: string | null = null): void {
    const agent = managed.agent;
    if (resumeSessionId) this.output(managed, '\r\n\x1b[2m── resumed ──\x1b[0m\r\n');
    if (agent.workspace && !fs.existsSync(agent.workspace.path)) {
      // Its worktree was removed meanwhile (by hand, or with the agent's work brought back): nowhere to run.
      this.end(managed, 'failed', `Its worktree ${agent.workspace.path} no longer exists, so it cannot run; launch a new agent.`);
      return;
    }
    const command = this.options.command(agent, resumeSessionId);
    let child: AgentProcess;
    try {
      child = this.options.spawn({ agentId: agent.id, ...command, cols: agent.cols, rows: agent.rows });
    } catch (error) {
      this.end(managed, 'failed', `Could not start Codex (${command.file}): ${String(error)}`);
      this.report.notify({ kind: 'failed', agentId: agent.id, title: `${agent.name} could not start`, body: agent.detail ?? '' });
      return;
    }
    const now = this.isoNow();
    Object.assign(agent, {
      status: 'starting',
      pid: child.pid,
      processStartTime: child.startTime,
      startedAt: now,
      endedAt: null,
      exitCode: null,
      detail: null,
      stuck: false,
      lastProgressAt: now,
    });
    managed.stopping = false;
    managed.stopReason = null;
    this.wire(managed, child);
    this.report.started(agent, child.pid);
    this.report.log('started', { id: agent.id, pid: child.pid, resume: resumeSessionId });
    this.report.changed(agent);
  }

  private wire(managed: SupervisedAgent, child: AgentProcess): void {
    const parser = new CodexTerminalStateParser();
    managed.connect(child);
    child.onData((data) => {
      this.output(managed, data);
      const state = parser.feed(data);
      if (state && !managed.stopping) this.applyStatus(managed, statusFromTerminalState(state, managed.agent.completedTurns));
    });
    child.onExit(({ exitCode, signal }) => {
      const agent = managed.agent;
      agent.exitCode = exitCode;
      if (managed.stopping) {
        // stop() ends the agent once it has also reaped whatever Codex left behind, so
        // "stopped" never shows while a process of the agent still runs.
        this.report.log('exited', { id: agent.id, exitCode, signal, stopping: true });
        return;
      } else if (exitCode === 0 && !signal) {
        this.end(managed, 'exited', null);
      } else {
        this.end(managed, 'failed', signal ? `Codex was ended by signal ${signal}.` : `Codex exited with code ${exitCode}.`);
        this.report.notify({ kind: 'failed', agentId: agent.id, title: `${agent.name} failed`, body: agent.detail ?? '' });
      }
      this.report.log('exited', { id: agent.id, exitCode, signal, status: agent.status });
      this.pump();
    });
  }

  /** One chunk of an agent's terminal: kept raw, numbered and mirrored, then handed on. */
  private output(managed: SupervisedAgent, data: string): void {
    this.report.output(managed.agent.id, managed.record(data), data);
  }

  private end(managed: SupervisedAgent, status: AgentStatus, detail: string | null): void {
    Object.assign(managed.agent, { status, detail: detail ?? managed.agent.detail, endedAt: this.isoNow(), stuck: false });
    managed.stopping = false;
    managed.cancelResize();
    this.keepScreen(managed);
    this.report.ended(managed.agent);
    this.report.changed(managed.agent);
  }

  /**
   * Puts the ended process's last full screen back in its terminal: Codex clears its screen on
   * exit, and its conversation would be gone from view.
   */
  private keepScreen(managed: SupervisedAgent): void {
    const ended = managed.process;
    if (!ended) return;
    const keeping = managed.keptScreen().then(
      (screen) => {
        // Not after a resume (the new run draws there now), nor once another repository replaced the agents.
        const current = this.managed.get(managed.agent.id) === managed && managed.process === ended;
        if (screen && current && isEnded(managed.agent.status)) this.output(managed, screen);
      },
      (error: unknown) => this.report.log('kept-screen-failed', { id: managed.agent.id, message: String(error) }),
    );
    this.keepingScreens.add(keeping);
    void keeping.finally(() => this.keepingScreens.delete(keeping));
  }

  private scheduleWatchdog(): void {
    this.watchdog = this.clock.setTimer(() => {
      // The next check is set first: one that throws must not end the watchdog.
      this.scheduleWatchdog();
      checkAgents(this.managed.values(), this.clock.now(), this.options.settings(), this.report, (id, reason) => void this.stop(id, false, reason));
    }, this.options.watchdogMs ?? WATCHDOG_INTERVAL_MS);
  }

  private get(id: string): SupervisedAgent {
    const managed = this.managed.get(id);
    if (!managed) throw new SwitchyardError('not-found', `No agent with id ${id} in this repository.`);
    return managed;
  }

  private isoNow(): string {
    return new Date(this.clock.now()).toISOString();
  }
}

