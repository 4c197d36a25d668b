/** Batching pty output: a few milliseconds, early for floods, never splitting a string. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutputBatch, OutputBatcher } from '../../../src/core/terminals/output-batcher';

afterEach(() => void vi.useRealTimers());

describe('OutputBatcher', () => {
  it('hands on what arrived within the batch delay as one chunk', () => {
    vi.useFakeTimers();
    const out: string[] = [];
    const batcher = new OutputBatcher((data) => out.push(data));
    batcher.push('a');
    batcher.push('€');
    batcher.push('b');
    expect(out).toEqual([]);
    vi.advanceTimersByTime(OutputBatch.DelayMs);
    expect(out).toEqual(['a€b']);
    batcher.push('c');
    vi.advanceTimersByTime(OutputBatch.DelayMs);
    expect(out).toEqual(['a€b', 'c']);
  });

  it('hands a large batch on at once, so a flood reaches flow control without waiting', () => {
    vi.useFakeTimers();
    const out: string[] = [];
    const batcher = new OutputBatcher((data) => out.push(data));
    const big = 'x'.repeat(OutputBatch.MaxChars);
    batcher.push('😀');
    batcher.push(big);
    expect(out).toEqual(['😀' + big]);
    batcher.flush();
    expect(out).toHaveLength(1);
  });
});
