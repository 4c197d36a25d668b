/** The flow-control state machine: when a terminal's pty is paused and resumed. */
import { describe, expect, it } from 'vitest';
import { FlowControl, FlowController } from '../../../src/core/terminals/flow-control';

const { HighWatermarkChars: HIGH, LowWatermarkChars: LOW } = FlowControl;

function controller(): { flow: FlowController; changes: boolean[] } {
  const changes: boolean[] = [];
  return { flow: new FlowController((paused) => changes.push(paused)), changes };
}

describe('FlowController', () => {
  it('pauses once a view passes the high-water mark and resumes only below the low-water mark', () => {
    const { flow, changes } = controller();
    flow.attach('tab');
    flow.sent('tab', HIGH);
    expect(flow.isPaused).toBe(false);
    flow.sent('tab', 1);
    expect(changes).toEqual([true]);

    // Hysteresis: acking back under the high mark is not enough.
    flow.acknowledged('tab', HIGH - LOW);
    expect(flow.isPaused).toBe(true);
    flow.acknowledged('tab', 1);
    expect(flow.furthestBehind).toBe(LOW);
    expect(flow.isPaused).toBe(true);
    flow.acknowledged('tab', 1);
    expect(changes).toEqual([true, false]);
  });

  it('pauses when any one view is behind, and resumes when the slowest catches up', () => {
    const { flow, changes } = controller();
    flow.attach('fast');
    flow.attach('slow');
    flow.sent('fast', HIGH + 10);
    flow.sent('slow', HIGH + 10);
    flow.acknowledged('fast', HIGH + 10);
    expect(changes).toEqual([true]);
    flow.acknowledged('slow', HIGH + 10);
    expect(changes).toEqual([true, false]);
  });

  it('releases the pty when the view that held it paused goes away', () => {
    const { flow, changes } = controller();
    flow.attach('live');
    flow.attach('closed-tab');
    flow.sent('live', 1_000);
    flow.sent('closed-tab', HIGH * 3);
    expect(flow.isPaused).toBe(true);
    flow.detach('closed-tab');
    expect(changes).toEqual([true, false]);
    expect(flow.furthestBehind).toBe(1_000);
  });

  it('ignores views that never attached: nobody waits for acks they will never send', () => {
    const { flow, changes } = controller();
    flow.sent('cli', HIGH * 10);
    flow.acknowledged('cli', 5);
    expect(flow.isAttached('cli')).toBe(false);
    expect(flow.furthestBehind).toBe(0);
    expect(changes).toEqual([]);
  });

  it('starts a view that re-attaches from zero, and never counts below zero', () => {
    const { flow, changes } = controller();
    flow.attach('tab');
    flow.sent('tab', HIGH * 2);
    flow.attach('tab');
    expect(changes).toEqual([true, false]);
    // Acks for output sent before the re-attach arrive late; they must not build credit.
    flow.acknowledged('tab', HIGH * 2);
    expect(flow.furthestBehind).toBe(0);
    flow.sent('tab', HIGH + 1);
    expect(flow.isPaused).toBe(true);
  });
});
