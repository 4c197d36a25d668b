/**
 * What the agent supervisor needs from the rest of the core, and what it reports: narrow
 * interfaces the composition root implements (and unit tests fake).
 */
import type { EventPayload } from '../../shared/contract';
import type { Agent, AgentStatus } from '../../shared/domain';
import type { Clock } from '../lifecycle/clock';
import type { Pausable } from '../terminals/flow-control';
import type { TerminalSize } from '../terminals/terminal-mirror';
import type { AgentCommand } from './agent-command';
import type { AgentProcess, AgentProcessOptions } from './agent-process';

/** The repository's settings the supervisor obeys, read afresh each time (they can change). */
export interface QueueSettings {
  maxConcurrent: number;
  stuckAfterMinutes: number;
  autoStopStuck: boolean;
}

/** Each agent's terminal session: it outlives a process, so a resumed agent continues in it. */
export interface AgentTerminals {
  open(agentId: string, size: TerminalSize): { connect(target: Pausable): void; record(data: string): number };
  get(agentId: string): { resize(size: TerminalSize): void; keptScreen(): Promise<string | null> } | undefined;
}

/** What the rest of the core hears from the supervisor. */
export interface SupervisorReports {
  /**
   * An agent's record changed: persist and announce. `status` marks a change of its working state
   * alone, which nothing waits on (saves of those may be coalesced).
   */
  changed(agent: Agent, kind?: 'state' | 'status'): void;
  notify(notification: EventPayload<'notification'>): void;
  log(event: string, data: Record<string, unknown>): void;
  /** A chunk of an agent's terminal, numbered by its session. */
  output(agentId: string, seq: number, data: string): void;
  /** The agent's process runs as `pid`; it holds the agent's lease from now on. */
  started(agent: Agent, pid: number): void;
  /** The agent ended; its claims go. */
  ended(agent: Agent): void;
  /** The (ended) agent was forgotten: its claims and terminal go, and the list is announced whole. */
  removed(agent: Agent): void;
}

export interface AgentSupervisorOptions {
  /** Starts one agent's process: the real AgentProcess in the app, one on a fake pty in tests. */
  spawn(options: AgentProcessOptions): AgentProcess;
  /** What to run for an agent; may throw (no repository, no Codex) to refuse the start. */
  command(agent: Agent, resumeSessionId: string | null): AgentCommand;
  settings(): QueueSettings;
  clock: Clock;
  terminals: AgentTerminals;
  report: SupervisorReports;
  watchdogMs?: number | undefined;
}

export interface AgentStopReport {
  id: string;
  status: AgentStatus;
  survivors: number[];
}
