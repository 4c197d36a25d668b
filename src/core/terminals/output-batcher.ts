/**
 * Gathers a pty's output for a few milliseconds before handing it on: fewer, larger messages to
 * the views. It only ever joins whole strings, so a character node-pty decoded stays whole.
 */
import type { Clock, TimerHandle } from '../lifecycle/clock';
import { keepAliveClock } from '../lifecycle/keep-alive-clock';

export const OutputBatch = {
  /** How long output is gathered. Within the 5–16 ms terminals use (VS Code: 5). */
  DelayMs: 8,
  /**
   * A batch this large is handed on at once, so a flood reaches flow control (and pauses the
   * pty) without waiting for the timer; node reads a pty 64 KiB at a time.
   */
  MaxChars: 64 * 1024,
} as const;

export class OutputBatcher {
  private pending = '';
  private timer: TimerHandle | null = null;

  constructor(
    private readonly emit: (data: string) => void,
    private readonly clock: Clock = keepAliveClock,
  ) {}

  push(data: string): void {
    this.pending += data;
    if (this.pending.length >= OutputBatch.MaxChars) this.flush();
    else this.timer ??= this.clock.setTimer(() => this.flush(), OutputBatch.DelayMs);
  }

  flush(): void {
    if (this.timer) this.clock.clearTimer(this.timer);
    this.timer = null;
    if (!this.pending) return;
    const data = this.pending;
    this.pending = '';
    this.emit(data);
  }
}
