/** The renderer's acks: batched like VS Code's, small enough that a paused agent always resumes. */
import { describe, expect, it } from 'vitest';
import { FlowControl } from '../../../src/core/terminals/flow-control';
import { ACK_BATCH_CHARS, OutputAcknowledger } from '../../../src/shared/terminal-stream';

describe('OutputAcknowledger', () => {
  it('acks in batches of at least ACK_BATCH_CHARS and never loses a character', () => {
    const acks: number[] = [];
    const acknowledger = new OutputAcknowledger((chars) => acks.push(chars));
    for (let i = 0; i < 100; i++) acknowledger.done(1_234);
    expect(acks.every((chars) => chars >= ACK_BATCH_CHARS)).toBe(true);
    const acked = acks.reduce((sum, chars) => sum + chars, 0);
    expect(100 * 1_234 - acked).toBeLessThan(ACK_BATCH_CHARS);
  });

  it('holds back less than the core needs to see before it resumes a paused agent', () => {
    expect(ACK_BATCH_CHARS).toBeLessThanOrEqual(FlowControl.LowWatermarkChars);
  });

  it('starts from zero after a reset (the core counts a re-attached view from zero)', () => {
    const acks: number[] = [];
    const acknowledger = new OutputAcknowledger((chars) => acks.push(chars));
    acknowledger.done(ACK_BATCH_CHARS - 1);
    acknowledger.reset();
    acknowledger.done(1);
    expect(acks).toEqual([]);
  });
});
