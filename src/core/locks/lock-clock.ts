/** Time for the lock table, injectable so leases and wait timeouts can be tested step by step. */
export type TimerHandle = { readonly id: unknown };

export interface LockClock {
  /** Milliseconds; only differences and comparisons matter, but persisted deadlines use it too. */
  now(): number;
  setTimer(callback: () => void, delayMs: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}

export const systemClock: LockClock = {
  now: () => Date.now(),
  setTimer: (callback, delayMs) => {
    const timer = setTimeout(callback, delayMs);
    // A pending lease release must not keep a CLI or a test process alive on its own.
    timer.unref();
    return { id: timer };
  },
  clearTimer: (handle) => clearTimeout(handle.id as NodeJS.Timeout),
};
