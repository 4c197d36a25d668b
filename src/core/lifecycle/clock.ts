/** Time, injectable so leases, wait timeouts, watchdogs and output batching can be tested step by step. */
export type TimerHandle = { readonly id: unknown };

export interface Clock {
  /** Milliseconds; only differences and comparisons matter, but persisted deadlines use it too. */
  now(): number;
  setTimer(callback: () => void, delayMs: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (callback, delayMs) => {
    const timer = setTimeout(callback, delayMs);
    // A pending timer (a lease release, a watchdog) must not keep a CLI or a test process alive on its own.
    timer.unref();
    return { id: timer };
  },
  clearTimer: (handle) => clearTimeout(handle.id as NodeJS.Timeout),
};
