/**
 * Real time whose timers keep Node running (the lock table's `systemClock` unrefs its timers).
 * A stop in progress or a batch of output not yet handed on must finish even when nothing else
 * is left on the event loop, as when `switchyard serve` shuts down.
 */
import type { Clock } from './clock';

export const keepAliveClock: Clock = {
  now: () => Date.now(),
  setTimer: (callback, delayMs) => ({ id: setTimeout(callback, delayMs) }),
  clearTimer: (handle) => clearTimeout(handle.id as NodeJS.Timeout),
};
