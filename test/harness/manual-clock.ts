/** A clock the test moves by hand: timers fire in time order (ties in the order they were set). */
import type { Clock, TimerHandle } from '../../src/core/lifecycle/clock';

interface PendingTimer {
  at: number;
  seq: number;
  callback: () => void;
}

export class ManualClock implements Clock {
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
    for (let next = this.nextDue(until); next; next = this.nextDue(until)) this.fire(next);
    this.time = until;
  }

  /**
   * Like advance, but lets promises settle before and after each timer: code that awaits one
   * timer and then sets the next (a stop escalating step by step) moves on as it would in real time.
   */
  async advanceAsync(ms: number): Promise<void> {
    const until = this.time + ms;
    await settle();
    for (let next = this.nextDue(until); next; next = this.nextDue(until)) {
      this.fire(next);
      await settle();
    }
    this.time = until;
  }

  private nextDue(until: number): PendingTimer | undefined {
    return [...this.timers.values()].filter((t) => t.at <= until).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
  }

  private fire(timer: PendingTimer): void {
    this.timers.delete(timer.seq);
    this.time = timer.at;
    timer.callback();
  }
}

/** Resolves once every promise reaction queued so far (and those they queue) has run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
