/**
 * One agent's terminal as the core keeps it: output chunks numbered in order, a headless mirror
 * of the screen, flow control over the agent's pty on behalf of every view that shows it, and
 * (in a repository) the saved copy that brings the screen back after a restart. It outlives a
 * process: a resumed agent continues in the same terminal.
 */
import { FlowController, type Pausable } from './flow-control';
import type { TerminalLogRecord } from './terminal-log';
import type { TerminalLogWriter } from './terminal-log-writer';
import { TerminalMirror, type TerminalSize, type TerminalSnapshot } from './terminal-mirror';

/** The mirror counts as a view: its parser can fall behind a flood like any screen. */
export const MIRROR_VIEW = 'core:mirror';

export class TerminalSession {
  private readonly mirror: TerminalMirror;
  private readonly flow: FlowController;
  private target: Pausable | null = null;
  private lastSeq = 0;
  private log: TerminalLogWriter | null = null;

  constructor(size: TerminalSize) {
    this.mirror = new TerminalMirror(size);
    this.flow = new FlowController((paused) => (paused ? this.target?.pause() : this.target?.resume()));
    this.flow.attach(MIRROR_VIEW);
  }

  /** Whether the pty is held back because a view (or the mirror) is too far behind. */
  get isPaused(): boolean {
    return this.flow.isPaused;
  }

  /** The most characters any view (or the mirror) has not acknowledged yet. */
  get unacknowledgedChars(): number {
    return this.flow.furthestBehind;
  }

  /** The number of the last chunk recorded (0 before any output). */
  get seq(): number {
    return this.lastSeq;
  }

  /** The process whose output this terminal shows from now on. */
  connect(target: Pausable): void {
    this.target = target;
    if (this.flow.isPaused) target.pause();
  }

  /** Saves what the terminal shows from now on through `log`. */
  keepLog(log: TerminalLogWriter): void {
    this.log = log;
  }

  /**
   * Puts back a terminal saved by an earlier run (not saved again: it is in the file already),
   * with `note` (why part or all of it is missing) shown first.
   */
  replay(records: readonly TerminalLogRecord[], note: string | null): void {
    if (note) this.mirror.write(++this.lastSeq, note, () => {});
    for (const record of records) {
      if (record.kind === 'size') this.mirror.resize(record.size);
      else this.mirror.write(++this.lastSeq, record.data, () => {});
    }
    // A screen the earlier run left behind was put back then (it is in the records); the next
    // process's end must not put it back again.
    void this.mirror.keptScreen();
  }

  /** Numbers one chunk of output and feeds it to the mirror; returns the chunk's number. */
  record(data: string): number {
    const seq = ++this.lastSeq;
    this.flow.sent(MIRROR_VIEW, data.length);
    this.mirror.write(seq, data, () => this.flow.acknowledged(MIRROR_VIEW, data.length));
    this.log?.output(data);
    return seq;
  }

  resize(size: TerminalSize): void {
    this.mirror.resize(size);
    this.log?.size(size);
  }

  /**
   * Once the process has ended, the output that shows its last full screen above its exit lines
   * (Codex clears its alternate screen on exit); null when there is nothing to put back.
   */
  keptScreen(): Promise<string | null> {
    return this.mirror.keptScreen();
  }

  /** The screen for the saved copy: null once the terminal is gone (it has nothing to say then). */
  async savedSnapshot(scrollbackLines: number): Promise<TerminalSnapshot | null> {
    const snapshot = await this.mirror.snapshot(scrollbackLines);
    return this.mirror.isDisposed ? null : snapshot;
  }

  /** Writes what the saved copy has not got yet. */
  flush(): Promise<void> {
    return this.log?.flush() ?? Promise.resolve();
  }

  /** The current screen; when `view` is given it is counted for flow control from now on. */
  snapshot(view: string | null): Promise<TerminalSnapshot> {
    if (view !== null) this.flow.attach(view);
    return this.mirror.snapshot();
  }

  isShowing(view: string): boolean {
    return this.flow.isAttached(view);
  }

  sent(view: string, chars: number): void {
    this.flow.sent(view, chars);
  }

  acknowledged(view: string, chars: number): void {
    this.flow.acknowledged(view, chars);
  }

  detach(view: string): void {
    this.flow.detach(view);
  }

  dispose(): void {
    // Nothing will ack any more; a process still attached must not stay paused.
    if (this.flow.isPaused) this.target?.resume();
    this.target = null;
    this.log?.closeSync();
    this.mirror.dispose();
  }
}
