/**
 * Flow control for one terminal: counts the characters each view was sent but has not yet
 * acknowledged (a view acks once xterm has parsed them) and pauses the pty while any view is too
 * far behind, so a flood cannot pile up in memory anywhere between the pty and the screen.
 */

export const FlowControl = {
  /**
   * Pause the pty once a view has this many characters unacknowledged. VS Code's 100,000 keeps
   * too little in flight for a round trip through the core, the WebSocket and a loaded browser:
   * xterm then sat idle between the pause and the resume, and a flood reached the screen at
   * about half the rate (bench/terminal-bench.ts). 1 MB in flight is still bounded, and drains in
   * well under the 0.5 s a Ctrl-C may take to stop a flood on screen (the bench measures it;
   * 2 MB measured no faster and drains twice as long).
   */
  HighWatermarkChars: 1_000_000,
  /**
   * Resume once every view is below this: half the high mark, so the pty runs again while xterm
   * still has half a megabyte to parse, and the pipe never runs dry. A view acks in batches, so it may
   * hold back up to one batch unacknowledged: its batch (ACK_BATCH_CHARS in
   * shared/terminal-stream.ts) must not exceed this mark, or a paused pty would never resume.
   */
  LowWatermarkChars: 500_000,
} as const;

/** What flow control pauses: the agent's pty. */
export interface Pausable {
  pause(): void;
  resume(): void;
}

export class FlowController {
  private readonly unacked = new Map<string, number>();
  private paused = false;

  constructor(private readonly onPausedChange: (paused: boolean) => void) {}

  get isPaused(): boolean {
    return this.paused;
  }

  /** Starts counting for `view`, from zero: a view that (re)attaches starts over from a snapshot. */
  attach(view: string): void {
    this.unacked.set(view, 0);
    this.update();
  }

  /** Stops counting for `view` (it went away): it can no longer hold the pty paused. */
  detach(view: string): void {
    if (this.unacked.delete(view)) this.update();
  }

  isAttached(view: string): boolean {
    return this.unacked.has(view);
  }

  /** Characters sent to `view`; ignored for views not attached (nobody counts on their acks). */
  sent(view: string, chars: number): void {
    const count = this.unacked.get(view);
    if (count === undefined) return;
    this.unacked.set(view, count + chars);
    this.update();
  }

  acknowledged(view: string, chars: number): void {
    const count = this.unacked.get(view);
    if (count === undefined) return;
    // A view that re-attached may ack what it was sent before; never count below zero.
    this.unacked.set(view, Math.max(0, count - chars));
    this.update();
  }

  /** The largest unacknowledged count among the views (0 with none). */
  get furthestBehind(): number {
    let worst = 0;
    for (const count of this.unacked.values()) worst = Math.max(worst, count);
    return worst;
  }

  private update(): void {
    const worst = this.furthestBehind;
    if (!this.paused && worst > FlowControl.HighWatermarkChars) {
      this.paused = true;
      this.onPausedChange(true);
    } else if (this.paused && worst < FlowControl.LowWatermarkChars) {
      this.paused = false;
      this.onPausedChange(false);
    }
  }
}
