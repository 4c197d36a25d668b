/** An agent's Gantt strip and time per state, from its status marks and claim waits. */
import { describe, expect, it } from 'vitest';
import { stateDurations, stateTimeline, wallTime } from '../../../src/core/metrics/state-timeline';

describe('stateTimeline', () => {
  it('turns status marks into merged spans up to now, queued and blocked counted as queued, ready and finished as idle', () => {
    const spans = stateTimeline(
      [
        { at: 0, status: 'queued' },
        { at: 10, status: 'blocked' },
        { at: 20, status: 'starting' },
        { at: 25, status: 'working' },
        { at: 60, status: 'waiting-for-input' },
        { at: 70, status: 'working' },
        { at: 90, status: 'finished' },
      ],
      [],
      100,
    );
    expect(spans).toEqual([
      { state: 'queued', from: 0, to: 20 },
      { state: 'starting', from: 20, to: 25 },
      { state: 'working', from: 25, to: 60 },
      { state: 'waiting-for-input', from: 60, to: 70 },
      { state: 'working', from: 70, to: 90 },
      { state: 'ready-idle', from: 90, to: 100 },
    ]);
    const durations = stateDurations(spans);
    expect(durations).toMatchObject({ queued: 20, starting: 5, working: 55, 'waiting-for-input': 10, 'ready-idle': 10, 'waiting-on-claim': 0, ended: 0 });
    expect(wallTime(durations)).toBe(100);
  });

  it('counts a claim wait while the agent is live as waiting-on-claim, an open one up to now', () => {
    const marks = [
      { at: 0, status: 'starting' as const },
      { at: 5, status: 'working' as const },
    ];
    const spans = stateTimeline(marks, [{ id: 'w1', pattern: 'src/a.ts', from: 10, to: 30 }, { id: 'w2', pattern: 'b', from: 50, to: null }], 80);
    expect(spans).toEqual([
      { state: 'starting', from: 0, to: 5 },
      { state: 'working', from: 5, to: 10 },
      { state: 'waiting-on-claim', from: 10, to: 30 },
      { state: 'working', from: 30, to: 50 },
      { state: 'waiting-on-claim', from: 50, to: 80 },
    ]);
    expect(stateDurations(spans)['waiting-on-claim']).toBe(50);
  });

  it('leaves the final ended stretch out of the wall time but keeps the ended time between a run and its resume', () => {
    const spans = stateTimeline(
      [
        { at: 0, status: 'working' },
        { at: 10, status: 'exited' },
        { at: 40, status: 'queued' },
        { at: 45, status: 'working' },
        { at: 60, status: 'stopped' },
      ],
      [{ id: 'w', pattern: 'x', from: 12, to: 20 }],
      1_000,
    );
    expect(spans.map((s) => s.state)).toEqual(['working', 'ended', 'queued', 'working']);
    const durations = stateDurations(spans);
    expect(durations.ended).toBe(30);
    // A wait while ended does not count as waiting on a claim.
    expect(durations['waiting-on-claim']).toBe(0);
    expect(wallTime(durations)).toBe(10 + 5 + 15);
  });

  it('has no spans before the first mark', () => {
    expect(stateTimeline([], [], 100)).toEqual([]);
  });
});
