/**
 * A pseudo-terminal without a process, for unit tests of what runs above a pty: flow control,
 * an AgentProcess and its stop, the agent supervisor. It behaves like Codex where that matters
 * (a second Ctrl-C quits) unless told to ignore interrupts or SIGTERM, and its process table
 * records signals instead of sending them, so no real pid is ever touched.
 */
import type { AgentPty, AgentProcessSystem, SpawnPty } from '../../src/core/agents/agent-process';
import type { ProcessTable } from '../../src/core/agents/agent-processes';
import type { Clock } from '../../src/core/lifecycle/clock';
import type { Pausable } from '../../src/core/terminals/flow-control';

export interface FakePtyBehaviour {
  /** Ctrl-Cs it takes to quit (Codex: 2); Infinity ignores interrupts. */
  interruptsToQuit: number;
  /** Whether SIGTERM of its process group ends it. */
  exitsOnTerminate: boolean;
  /** Pids of the agent that outlive even SIGKILL (as a process table would report them). */
  survivors: number[];
}

const CODEX_LIKE: FakePtyBehaviour = { interruptsToQuit: 2, exitsOnTerminate: true, survivors: [] };

const SIGNAL_NUMBERS: Partial<Record<NodeJS.Signals, number>> = { SIGTERM: 15, SIGKILL: 9 };

type ExitListener = (exit: { exitCode: number; signal?: number }) => void;

export class FakePty implements AgentPty, Pausable {
  paused = false;
  /** Every call made on it, in order: 'pause', 'resume', 'resize 100x40', 'signal SIGTERM'. */
  readonly calls: string[] = [];
  /** What was typed into it. */
  readonly written: string[] = [];
  readonly behaviour: FakePtyBehaviour;
  exitInfo: { exitCode: number; signal: number | undefined } | null = null;
  private interrupts = 0;
  private readonly dataListeners: Array<(data: string) => void> = [];
  private readonly exitListeners: ExitListener[] = [];

  constructor(
    readonly pid = 4242,
    behaviour: Partial<FakePtyBehaviour> = {},
    /** What it was spawned with, when a spawner made it. */
    readonly spawnedWith: { file: string; args: string[]; cols: number; rows: number } | null = null,
  ) {
    this.behaviour = { ...CODEX_LIKE, ...behaviour };
  }

  get hasExited(): boolean {
    return this.exitInfo !== null;
  }

  onData(listener: (data: string) => void): void {
    this.dataListeners.push(listener);
  }

  onExit(listener: ExitListener): void {
    this.exitListeners.push(listener);
  }

  write(data: string): void {
    this.written.push(data);
    if (data === '\x03' && ++this.interrupts >= this.behaviour.interruptsToQuit) this.exitSoon(0);
  }

  resize(cols: number, rows: number): void {
    this.calls.push(`resize ${cols}x${rows}`);
  }

  pause(): void {
    this.paused = true;
    this.calls.push('pause');
  }

  resume(): void {
    this.paused = false;
    this.calls.push('resume');
  }

  /** The program printed this. */
  emit(data: string): void {
    for (const listener of this.dataListeners) listener(data);
  }

  /** The program ended (a signal number when a signal ended it). */
  exit(exitCode: number, signal?: number): void {
    if (this.exitInfo) return;
    this.exitInfo = { exitCode, signal };
    for (const listener of this.exitListeners) listener(signal === undefined ? { exitCode } : { exitCode, signal });
  }

  /** A signal to its process group, as the fake process table delivers it. */
  signal(signal: NodeJS.Signals): void {
    this.calls.push(`signal ${signal}`);
    if (signal === 'SIGKILL' || (signal === 'SIGTERM' && this.behaviour.exitsOnTerminate)) {
      this.exitSoon(0, SIGNAL_NUMBERS[signal]);
    }
  }

  /** A real pty reports an exit a little later, never inside the call that caused it. */
  private exitSoon(exitCode: number, signal?: number): void {
    queueMicrotask(() => this.exit(exitCode, signal));
  }
}

/** Records every signal and delivers group signals to the fake pty that leads the group. */
export class FakeProcessTable implements ProcessTable {
  readonly signals: Array<{ target: 'group' | 'pid'; pid: number; signal: NodeJS.Signals }> = [];
  private readonly ptys = new Map<number, FakePty>();

  add(pty: FakePty): void {
    this.ptys.set(pty.pid, pty);
  }

  signalGroup(pgid: number, signal: NodeJS.Signals): void {
    this.signals.push({ target: 'group', pid: pgid, signal });
    this.ptys.get(pgid)?.signal(signal);
  }

  signalPids(pids: readonly number[], signal: NodeJS.Signals): void {
    for (const pid of pids) this.signals.push({ target: 'pid', pid, signal });
  }

  processesOfAgent(): number[] {
    return [];
  }

  groupProcesses(pgid: number): number[] {
    const pty = this.ptys.get(pgid);
    if (!pty) return [];
    return [...(pty.hasExited ? [] : [pty.pid]), ...pty.behaviour.survivors];
  }

  isGroupAlive(pgid: number): boolean {
    return this.groupProcesses(pgid).length > 0;
  }

  processStartTime(pid: number): number {
    return 100_000 + pid;
  }
}

/** Spawns fake ptys with consecutive pids; `failNext` makes the next spawn throw as node-pty does. */
export class FakePtySpawner {
  readonly spawned: FakePty[] = [];
  readonly processes = new FakeProcessTable();
  /** How the ptys spawned from now on behave. */
  behaviour: Partial<FakePtyBehaviour> = {};
  private failure: Error | null = null;
  private nextPid = 5000;

  readonly spawn: SpawnPty = (file, args, options) => {
    const failure = this.failure;
    this.failure = null;
    if (failure) throw failure;
    const pty = new FakePty(this.nextPid++, this.behaviour, { file, args, cols: options.cols, rows: options.rows });
    this.spawned.push(pty);
    this.processes.add(pty);
    return pty;
  };

  failNext(error: Error): void {
    this.failure = error;
  }

  /** What an AgentProcess runs on in a unit test: these ptys and process table, and the given clock. */
  system(clock: Clock): AgentProcessSystem {
    return { spawn: this.spawn, clock, processes: this.processes };
  }

  get last(): FakePty {
    const pty = this.spawned.at(-1);
    if (!pty) throw new Error('No pty was spawned.');
    return pty;
  }
}
