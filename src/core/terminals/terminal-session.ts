/**
 * One agent's terminal as the core keeps it: output chunks numbered in order, a headless mirror
 * of the screen, and flow control over the agent's pty on behalf of every view that shows it.
 * It outlives a process: a resumed agent continues in the same terminal.
 */
import { FlowController, type Pausable } from './flow-control';
import { TerminalMirror, type TerminalSize, type TerminalSnapshot } from './terminal-mirror';

/** The mirror counts as a view: its parser can fall behind a flood like any screen. */
export const MIRROR_VIEW = 'core:mirror';

export class TerminalSession {
  private readonly mirror: TerminalMirror;
  private readonly flow: FlowController;
  private target: Pausable | null = null;
  private lastSeq = 0;

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

  /** Numbers one chunk of output and feeds it to the mirror; returns the chunk's number. */
  record(data: string): number {
    const seq = ++this.lastSeq;
    this.flow.sent(MIRROR_VIEW, data.length);
    this.mirror.write(seq, data, () => this.flow.acknowledged(MIRROR_VIEW, data.length));
    return seq;
  }

  resize(size: TerminalSize): void {
    this.mirror.resize(size);
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
    this.mirror.dispose();
  }
}
