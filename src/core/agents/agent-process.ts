/**
 * One Codex process in a pseudo-terminal: batched output, input, resize, pause and resume for
 * flow control, and a stop that escalates from Ctrl-C to SIGTERM to SIGKILL of the whole process
 * group and then verifies that nothing of the agent survived.
 */
import * as pty from 'node-pty';
import { TypedEmitter } from '../lifecycle/typed-emitter';
import type { Clock, TimerHandle } from '../lifecycle/clock';
import { keepAliveClock } from '../lifecycle/keep-alive-clock';
import { OutputBatcher } from '../terminals/output-batcher';
import { systemProcessTable, type ProcessTable } from './agent-processes';

export const StopTiming = {
  /** Codex takes the first Ctrl-C as "interrupt the turn" and the second as "quit". */
  SecondInterruptMs: 200,
  /** Codex exits on a second Ctrl-C; give it this long to save its session. */
  InterruptGraceMs: 2_500,
  /** After SIGTERM, this long before SIGKILL. */
  TermGraceMs: 3_000,
  /** After SIGKILL, this long for the kernel to reap before we call a process a survivor. */
  KillSettleMs: 1_000,
  PollMs: 50,
} as const;

export interface AgentProcessOptions {
  agentId: string;
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  cols: number;
  rows: number;
}

export interface AgentExit {
  exitCode: number;
  signal: number | null;
}

export interface StopReport {
  /** How the stop ended the process: the step that was needed. */
  via: 'interrupt' | 'terminate' | 'kill' | 'already-exited';
  /** Pids of the agent that were still alive after everything was tried. */
  survivors: number[];
}

/** The part of node-pty's IPty an agent uses; a fake stands in for it in unit tests. */
export interface AgentPty {
  readonly pid: number;
  onData(listener: (data: string) => void): unknown;
  onExit(listener: (exit: { exitCode: number; signal?: number | undefined }) => void): unknown;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  pause(): void;
  resume(): void;
}

export type SpawnPty = (
  file: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; cols: number; rows: number },
) => AgentPty;

export const spawnNodePty: SpawnPty = (file, args, options) =>
  pty.spawn(file, args, {
    name: 'xterm-256color',
    ...options,
    // node-pty then decodes with a streaming decoder (the socket's setEncoding), so a
    // character split across two reads arrives whole, never as two halves.
    encoding: 'utf8',
  });

/** What a process runs on: the real pty, clock and process table unless a test gives fakes. */
export interface AgentProcessSystem {
  spawn: SpawnPty;
  clock: Clock;
  processes: ProcessTable;
}

export const realSystem: AgentProcessSystem = { spawn: spawnNodePty, clock: keepAliveClock, processes: systemProcessTable };

type AgentProcessEvents = { data: string; exit: AgentExit };

export class AgentProcess {
  private readonly pty: AgentPty;
  /** When the process started, by the process table: a reused pid is not taken for it later. */
  readonly startTime: number | null;
  private readonly events = new TypedEmitter<AgentProcessEvents>();
  private readonly output: OutputBatcher;
  /** Flow control asked to hold the output back. */
  private pauseRequested = false;
  /** Once stopping, output always flows: a paused pty would hold back Codex's last words and its exit. */
  private stopping = false;
  private exitInfo: AgentExit | null = null;
  private readonly exited: Promise<AgentExit>;

  constructor(
    private readonly options: AgentProcessOptions,
    private readonly system: AgentProcessSystem = realSystem,
  ) {
    this.output = new OutputBatcher((data) => this.events.emit('data', data), system.clock);
    this.pty = system.spawn(options.file, options.args, {
      cwd: options.cwd,
      env: options.env,
      cols: options.cols,
      rows: options.rows,
    });
    this.startTime = system.processes.processStartTime(this.pty.pid);
    this.pty.onData((data) => this.output.push(data));
    this.exited = new Promise((resolve) => {
      this.pty.onExit(({ exitCode, signal }) => {
        this.output.flush();
        this.exitInfo = { exitCode, signal: signal ? signal : null };
        this.events.emit('exit', this.exitInfo);
        resolve(this.exitInfo);
      });
    });
  }

  get pid(): number {
    return this.pty.pid;
  }

  get hasExited(): boolean {
    return this.exitInfo !== null;
  }

  onData(listener: (data: string) => void): () => void {
    return this.events.on('data', listener);
  }

  onExit(listener: (exit: AgentExit) => void): () => void {
    return this.events.on('exit', listener);
  }

  write(data: string): void {
    if (!this.hasExited) this.pty.write(data);
  }

  resize(cols: number, rows: number): void {
    if (!this.hasExited) this.pty.resize(cols, rows);
  }

  /** Stops reading the pty; once its buffer fills, the agent blocks on its next write. */
  pause(): void {
    this.pauseRequested = true;
    if (!this.hasExited && !this.stopping) this.pty.pause();
  }

  resume(): void {
    this.pauseRequested = false;
    if (!this.hasExited) this.pty.resume();
  }

  get isPaused(): boolean {
    return this.pauseRequested && !this.stopping;
  }

  async stop(force: boolean): Promise<StopReport> {
    this.stopping = true;
    if (this.pauseRequested && !this.hasExited) this.pty.resume();
    let via: StopReport['via'] = 'already-exited';
    if (!this.hasExited && !force) {
      via = 'interrupt';
      this.write('\x03');
      await this.sleep(StopTiming.SecondInterruptMs);
      this.write('\x03');
      if (!(await this.waitForExit(StopTiming.InterruptGraceMs))) {
        via = 'terminate';
        this.system.processes.signalGroup(this.pid, 'SIGTERM');
        if (!(await this.waitForExit(StopTiming.TermGraceMs))) via = 'kill';
      }
    } else if (!this.hasExited) {
      via = 'kill';
    }
    if (via === 'kill') {
      this.system.processes.signalGroup(this.pid, 'SIGKILL');
      await this.waitForExit(StopTiming.KillSettleMs);
    }
    return { via, survivors: await this.reapSurvivors() };
  }

  /** Kills whatever of the agent outlived Codex (its group, or anything carrying its id). */
  private async reapSurvivors(): Promise<number[]> {
    const table = this.system.processes;
    const leftovers = (): number[] => {
      const pids = new Set([...table.processesOfAgent(this.options.agentId), ...table.groupProcesses(this.pid)]);
      if (pids.size === 0 && process.platform !== 'linux' && table.isGroupAlive(this.pid)) pids.add(this.pid);
      return [...pids];
    };
    let pids = leftovers();
    if (pids.length === 0) return [];
    table.signalGroup(this.pid, 'SIGKILL');
    table.signalPids(pids, 'SIGKILL');
    const deadline = this.system.clock.now() + StopTiming.KillSettleMs;
    while (this.system.clock.now() < deadline) {
      await this.sleep(StopTiming.PollMs);
      pids = leftovers();
      if (pids.length === 0) return [];
    }
    return pids;
  }

  private async waitForExit(ms: number): Promise<boolean> {
    if (this.hasExited) return true;
    let timer: TimerHandle | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = this.system.clock.setTimer(() => resolve(false), ms);
    });
    const exited = await Promise.race([this.exited.then(() => true), timeout]);
    // The grace timer is moot once the process has exited; a fake clock would still count it.
    if (timer) this.system.clock.clearTimer(timer);
    return exited;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.system.clock.setTimer(resolve, ms));
  }

  /** Releases listeners; the caller stops the process first. */
  dispose(): void {
    this.output.flush();
    this.events.clear();
  }
}
