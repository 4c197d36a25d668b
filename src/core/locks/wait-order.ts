/** The order in which contested claims are granted: higher priority first, then earlier arrival. */
import type { Waiter } from './lock-types';

export const compareWaiters = (a: Waiter, b: Waiter): number => b.priority - a.priority || a.seq - b.seq;

export const inQueueOrder = <T extends { waiter: Waiter }>(entries: Iterable<T>): T[] =>
  [...entries].sort((a, b) => compareWaiters(a.waiter, b.waiter));
