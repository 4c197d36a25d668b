/** A clock the test moves by hand: timers fire in time order (ties in the order they were set). */
import type { LockClock, TimerHandle } from '../../../src/core/locks/lock-clock';

interface PendingTimer {
  at: number;
  seq: number;
  callback: () => void;
}

export class ManualClock implements LockClock {
  private time: number;
  private seq = 0;
  private readonly timers = new Map<number, PendingTimer>();

  constructor(start = 1_000_000) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimer(callback: () => void, delayMs: number): TimerHandle {
    const seq = this.seq++;
    this.timers.set(seq, { at: this.time + Math.max(0, delayMs), seq, callback });
    return { id: seq };
  }

  clearTimer(handle: TimerHandle): void {
    this.timers.delete(handle.id as number);
  }

  get pending(): number {
    return this.timers.size;
  }

  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const next = [...this.timers.values()].filter((t) => t.at <= until).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.timers.delete(next.seq);
      this.time = next.at;
      next.callback();
    }
    this.time = until;
  }
}
