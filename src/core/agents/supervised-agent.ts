/**
 * One agent as the supervisor holds it: its record, its current process, its raw output, and
 * the resize held back while Codex draws its first screen.
 */
import type { Agent } from '../../shared/domain';
import type { Clock, TimerHandle } from '../lifecycle/clock';
import type { AgentProcess } from './agent-process';
import { OutputHistory } from './output-history';
import type { AgentTerminals } from './supervisor-ports';

/** Characters of raw output kept per agent (about 2 MB of text); views restore from the headless mirror. */
export const HISTORY_MAX_CHARS = 2_000_000;

/**
 * Codex 0.169's TUI panics (exit 101, "index outside of buffer") when its terminal is resized
 * while it draws its first screen, which a grid of terminals does at every launch. A starting
 * agent gets its new size once it has started, or after this long at the latest.
 */
export const STARTING_RESIZE_DELAY_MS = 4_000;

export class SupervisedAgent {
  process: AgentProcess | null = null;
  readonly history = new OutputHistory(HISTORY_MAX_CHARS);
  stopping = false;
  /** Why the agent is being stopped, kept as its detail once it has stopped. */
  stopReason: string | null = null;
  /** Set while a resize waits for the agent to finish starting. */
  private resizeTimer: TimerHandle | null = null;

  constructor(
    readonly agent: Agent,
    private readonly clock: Clock,
    private readonly terminals: AgentTerminals,
  ) {}

  /** Records one chunk of output in the history and the terminal; returns its number there. */
  record(data: string): number {
    this.history.append(data);
    return this.terminals.open(this.agent.id, this.agent).record(data);
  }

  /** Connects a new process to the agent's terminal (which flow control pauses and resumes). */
  connect(child: AgentProcess): void {
    this.process = child;
    this.terminals.open(this.agent.id, this.agent).connect(child);
  }

  /**
   * Once the process has ended: the output that puts its last full screen back above its exit
   * lines (Codex clears its screen on exit), or null.
   */
  keptScreen(): Promise<string | null> {
    return this.terminals.get(this.agent.id)?.keptScreen() ?? Promise.resolve(null);
  }

  resize(cols: number, rows: number): void {
    this.agent.cols = cols;
    this.agent.rows = rows;
    if (this.agent.status === 'starting' && this.process) {
      this.resizeTimer ??= this.clock.setTimer(() => this.applySize(), STARTING_RESIZE_DELAY_MS);
      return;
    }
    this.applySize();
  }

  /** The agent has finished starting: a held-back resize applies now. */
  started(): void {
    if (this.resizeTimer) this.applySize();
  }

  /** Drops a held-back resize (the agent ended, or the supervisor is disposed). */
  cancelResize(): void {
    if (this.resizeTimer) this.clock.clearTimer(this.resizeTimer);
    this.resizeTimer = null;
  }

  private applySize(): void {
    this.cancelResize();
    const { id, cols, rows } = this.agent;
    this.process?.resize(cols, rows);
    this.terminals.get(id)?.resize({ cols, rows });
  }
}
