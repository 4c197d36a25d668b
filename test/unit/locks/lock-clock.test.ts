/** The system clock behind the lock table. */
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/core/lifecycle/clock';

describe('systemClock', () => {
  it('runs a timer, can cancel one, and does not keep the process alive', async () => {
    const fired: string[] = [];
    const cancelled = systemClock.setTimer(() => fired.push('cancelled'), 5);
    systemClock.clearTimer(cancelled);
    const handle = systemClock.setTimer(() => fired.push('ran'), 5);
    expect((handle.id as NodeJS.Timeout).hasRef()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fired).toEqual(['ran']);
    expect(Math.abs(systemClock.now() - Date.now())).toBeLessThan(1_000);
  });
});
