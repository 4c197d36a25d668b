/**
 * The core's front door: the open repository, its agents, and their terminals. Every process
 * (Electron main, `switchyard serve`) holds one Orchestrator and exposes it through the router.
 */
import type { z } from 'zod';
import type { LaunchInputSchema } from '../shared/contract';
import { ENDED_STATUSES, type Agent, type AgentStatus } from '../shared/domain';
import { SwitchyardError } from '../shared/result';
import { newAgentId } from './agents/agent-id';
import { buildAgentEnv } from './agents/agent-env';
import { AgentProcess, type StopReport } from './agents/agent-process';
import { CodexTerminalStateParser } from './agents/codex-terminal-state';
import { OutputHistory } from './agents/output-history';
import { statusFromTerminalState } from './agents/status-from-terminal';
import { buildCodexArgs } from './codex/codex-args';
import { findCodex } from './codex/find-codex';
import { TypedEmitter } from './lifecycle/typed-emitter';
import { resolveRepo } from './repo/resolve-repo';

/** Characters of output kept per agent for views that attach late (about 2 MB of text). */
export const HISTORY_MAX_CHARS = 2_000_000;

export type LaunchRequest = z.output<typeof LaunchInputSchema>;

export type CoreEvents = {
  'repo.changed': { repo: string };
  'agents.changed': { agents: Agent[] };
  'terminal.data': { id: string; data: string };
};

export interface OrchestratorOptions {
  /** Folders whose node_modules may hold @openai/codex (the app's own root). */
  appRoots: string[];
  /** A configured Codex binary, used when the dependency is missing. */
  codexPath?: string | undefined;
  env?: NodeJS.ProcessEnv;
}

interface ManagedAgent {
  agent: Agent;
  process: AgentProcess | null;
  history: OutputHistory;
  stopping: boolean;
}

export class Orchestrator {
  readonly events = new TypedEmitter<CoreEvents>();
  private currentRepo: string | null = null;
  private readonly agents = new Map<string, ManagedAgent>();

  constructor(private readonly options: OrchestratorOptions) {}

  get repo(): string | null {
    return this.currentRepo;
  }

  async openRepo(folder: string): Promise<string> {
    const repo = await resolveRepo(folder);
    if (repo === this.currentRepo) return repo;
    if (this.liveAgents().length > 0) {
      throw new SwitchyardError(
        'invalid-input',
        `Stop the ${this.liveAgents().length} running agent(s) in ${this.currentRepo} before switching repository.`,
      );
    }
    this.currentRepo = repo;
    this.agents.clear();
    this.events.emit('repo.changed', { repo });
    this.emitAgents();
    return repo;
  }

  list(): Agent[] {
    return [...this.agents.values()].map((m) => ({ ...m.agent, claims: [...m.agent.claims] }));
  }

  launch(request: LaunchRequest): { id: string } {
    const repo = this.currentRepo;
    if (!repo) throw new SwitchyardError('no-repository', 'Open a repository before starting an agent.');
    const codex = findCodex({
      searchRoots: this.options.appRoots,
      configuredPath: this.options.codexPath,
      envPath: (this.options.env ?? process.env).PATH,
    });
    const id = newAgentId(request.name);
    const env = buildAgentEnv({
      base: this.options.env ?? process.env,
      agentId: id,
      codexHome: request.codexHome,
      codexEnv: codex.env,
    });
    const args = buildCodexArgs({ repo, task: request.task, extraArgs: request.codexArgs });
    let child: AgentProcess;
    try {
      child = new AgentProcess({
        agentId: id,
        file: codex.path,
        args,
        cwd: repo,
        env,
        cols: request.cols,
        rows: request.rows,
      });
    } catch (error) {
      throw new SwitchyardError('spawn-failed', `Could not start Codex (${codex.path}): ${String(error)}`);
    }
    const managed: ManagedAgent = {
      agent: {
        id,
        name: request.name,
        task: request.task,
        status: 'starting',
        pid: child.pid,
        repo,
        claims: [...request.claims],
        cols: request.cols,
        rows: request.rows,
        startedAt: new Date().toISOString(),
        endedAt: null,
        exitCode: null,
        detail: null,
      },
      process: child,
      history: new OutputHistory(HISTORY_MAX_CHARS),
      stopping: false,
    };
    this.agents.set(id, managed);
    this.wire(managed, child);
    this.emitAgents();
    return { id };
  }

  async stop(id: string, force: boolean): Promise<{ id: string; status: AgentStatus; report: StopReport }> {
    const managed = this.get(id);
    const child = managed.process;
    if (!child || ENDED_STATUSES.includes(managed.agent.status)) {
      return { id, status: managed.agent.status, report: { via: 'already-exited', survivors: [] } };
    }
    managed.stopping = true;
    const report = await child.stop(force);
    if (report.survivors.length > 0) {
      managed.agent.detail = `Stopped, but processes ${report.survivors.join(', ')} survived SIGKILL.`;
      this.emitAgents();
    }
    return { id, status: managed.agent.status, report };
  }

  input(id: string, data: string): void {
    this.get(id).process?.write(data);
  }

  resize(id: string, cols: number, rows: number): void {
    const managed = this.get(id);
    managed.process?.resize(cols, rows);
    managed.agent.cols = cols;
    managed.agent.rows = rows;
  }

  history(id: string): string {
    return this.get(id).history.text();
  }

  /** Stops every live agent (forcefully: the host is going away) and drops all listeners. */
  async dispose(): Promise<void> {
    await Promise.all(this.liveAgents().map((m) => this.stop(m.agent.id, true)));
    for (const managed of this.agents.values()) managed.process?.dispose();
    this.events.clear();
  }

  private wire(managed: ManagedAgent, child: AgentProcess): void {
    const parser = new CodexTerminalStateParser();
    child.onData((data) => {
      managed.history.append(data);
      this.events.emit('terminal.data', { id: managed.agent.id, data });
      const state = parser.feed(data);
      if (state && !managed.stopping) this.setStatus(managed, statusFromTerminalState(state));
    });
    child.onExit(({ exitCode, signal }) => {
      const agent = managed.agent;
      agent.exitCode = exitCode;
      agent.endedAt = new Date().toISOString();
      if (managed.stopping) {
        agent.status = 'stopped';
      } else if (exitCode === 0 && !signal) {
        agent.status = 'exited';
      } else {
        agent.status = 'failed';
        agent.detail = signal
          ? `Codex was ended by signal ${signal}.`
          : `Codex exited with code ${exitCode}.`;
      }
      this.emitAgents();
    });
  }

  private setStatus(managed: ManagedAgent, status: AgentStatus): void {
    if (managed.agent.status === status || ENDED_STATUSES.includes(managed.agent.status)) return;
    managed.agent.status = status;
    this.emitAgents();
  }

  private liveAgents(): ManagedAgent[] {
    return [...this.agents.values()].filter((m) => !ENDED_STATUSES.includes(m.agent.status));
  }

  private get(id: string): ManagedAgent {
    const managed = this.agents.get(id);
    if (!managed) throw new SwitchyardError('not-found', `No agent with id ${id} in this repository.`);
    return managed;
  }

  private emitAgents(): void {
    this.events.emit('agents.changed', { agents: this.list() });
  }
}
