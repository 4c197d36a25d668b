/**
 * Runs an async refresh at most once per interval, one at a time, and always once more after the
 * last request (trailing): a burst of events costs a few fetches, and the final state is never
 * missed. The first request after a quiet spell runs at once.
 */
export interface RefreshThrottle {
  request(): void;
  dispose(): void;
}

export function createRefreshThrottle(refresh: () => Promise<void>, intervalMs: number, now: () => number = Date.now): RefreshThrottle {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;
  let pending = false;
  let disposed = false;
  let lastStart = Number.NEGATIVE_INFINITY;

  const schedule = (): void => {
    if (timer !== null || running || disposed || !pending) return;
    timer = setTimeout(fire, Math.max(0, lastStart + intervalMs - now()));
  };
  const fire = (): void => {
    timer = null;
    if (disposed || !pending) return;
    pending = false;
    running = true;
    lastStart = now();
    refresh()
      // The refresh reports its own failures; a rejection must not stop later refreshes.
      .catch(() => undefined)
      .finally(() => {
        running = false;
        schedule();
      });
  };

  return {
    request: () => {
      pending = true;
      schedule();
    },
    dispose: () => {
      disposed = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
