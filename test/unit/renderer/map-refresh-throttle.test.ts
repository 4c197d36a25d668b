/** The map refetch throttle: the first request runs at once, a burst costs one more run after the interval, never two at a time. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRefreshThrottle } from '../../../src/renderer/components/map/refresh-throttle';

describe('the map refresh throttle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs at most once per interval, trailing, and one at a time', async () => {
    const finishes: Array<() => void> = [];
    const refresh = vi.fn(() => new Promise<void>((resolve) => finishes.push(resolve)));
    const throttle = createRefreshThrottle(refresh, 250, () => Date.now());

    throttle.request();
    await vi.advanceTimersByTimeAsync(0);
    expect(refresh).toHaveBeenCalledTimes(1);

    // A burst while the first fetch is in flight: nothing runs until it finishes and the interval passes.
    for (let i = 0; i < 20; i++) throttle.request();
    await vi.advanceTimersByTimeAsync(400);
    expect(refresh).toHaveBeenCalledTimes(1);
    finishes.shift()!();
    await vi.advanceTimersByTimeAsync(0);
    expect(refresh).toHaveBeenCalledTimes(2);
    finishes.shift()!();

    // Steady requests for a second: no more than four runs (plus the trailing one).
    const before = refresh.mock.calls.length;
    for (let t = 0; t < 1_000; t += 20) {
      throttle.request();
      await vi.advanceTimersByTimeAsync(20);
      while (finishes.length > 0) finishes.shift()!();
    }
    expect(refresh.mock.calls.length - before).toBeLessThanOrEqual(5);
    expect(refresh.mock.calls.length - before).toBeGreaterThanOrEqual(3);

    // After a quiet spell, nothing is pending; dispose cancels a scheduled run.
    await vi.advanceTimersByTimeAsync(1_000);
    while (finishes.length > 0) finishes.shift()!();
    const settled = refresh.mock.calls.length;
    throttle.request();
    throttle.request();
    await vi.advanceTimersByTimeAsync(0);
    expect(refresh).toHaveBeenCalledTimes(settled + 1);
    finishes.shift()!();
    throttle.request();
    throttle.dispose();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(refresh).toHaveBeenCalledTimes(settled + 1);
  });
});
