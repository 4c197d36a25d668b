/** The queue order of contested claims. */
import { describe, expect, it } from 'vitest';
import type { Waiter } from '../../../src/core/locks/lock-types';
import { inQueueOrder } from '../../../src/core/locks/wait-order';

const waiter = (id: string, priority: number, seq: number): { waiter: Waiter } => ({
  waiter: { id, holder: { kind: 'user' }, target: { kind: 'file', pattern: 'a' }, mode: 'exclusive', priority, seq, enqueuedAt: 0, deadline: null },
});

describe('inQueueOrder', () => {
  it('puts higher priority first, then earlier arrival', () => {
    const order = inQueueOrder([waiter('late-low', 0, 3), waiter('early-low', 0, 1), waiter('late-high', 2, 4), waiter('neg', -1, 0)]);
    expect(order.map((e) => e.waiter.id)).toEqual(['late-high', 'early-low', 'late-low', 'neg']);
  });
});
