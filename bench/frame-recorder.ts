/** Frame timing in a Playwright page, shared by the terminal and scale benches. */
import type { Page } from 'playwright-core';

/** Starts recording requestAnimationFrame timestamps in the page; the returned function stops and reads them. */
export async function recordFrames(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(() => {
    const state = window as unknown as { benchFrames: number[]; benchRecording: number };
    // Each recording has its own number, so a loop left from the previous one stops at once.
    const recording = (state.benchRecording ?? 0) + 1;
    state.benchRecording = recording;
    state.benchFrames = [];
    const tick = (time: number): void => {
      if (state.benchRecording !== recording) return;
      state.benchFrames.push(time);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  return () =>
    page.evaluate(() => {
      const state = window as unknown as { benchFrames: number[]; benchRecording: number };
      state.benchRecording += 1;
      return state.benchFrames;
    });
}

/** Intervals between consecutive frames (ms), from the timestamps recordFrames returns. */
export const frameIntervals = (times: readonly number[]): number[] => times.slice(1).map((time, i) => time - times[i]!);
