/** The cost estimate: cached input at its own price, unknown models not priced and named. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_PRICES } from '../../../src/shared/model-prices';
import { estimateCost, priceOf, usageSince } from '../../../src/core/metrics/token-cost';

const usage = (input: number, cachedInput: number, output: number) => ({ input, cachedInput, output, reasoningOutput: 0, total: input + output });

describe('token cost', () => {
  it('bills uncached input, cached input and output at their prices per million tokens', () => {
    expect(priceOf(usage(1_000_000, 400_000, 100_000), { input: 2, cachedInput: 0.5, output: 10 })).toBeCloseTo(0.6 * 2 + 0.4 * 0.5 + 0.1 * 10, 10);
  });

  it('sums the priced models and names the unpriced ones instead of guessing', () => {
    const prices = { a: { input: 1, cachedInput: 0, output: 1 } };
    expect(estimateCost({ a: usage(1_000_000, 0, 0) }, prices)).toEqual({ usd: 1, note: null });
    const mixed = estimateCost({ a: usage(1_000_000, 0, 0), 'my-local-model': usage(5, 0, 5) }, prices);
    expect(mixed.usd).toBe(1);
    expect(mixed.note).toContain('my-local-model');
    expect(estimateCost({ 'my-local-model': usage(5, 0, 5) }, prices)).toEqual({ usd: null, note: expect.stringContaining('No price for my-local-model') });
    expect(estimateCost({}, prices)).toEqual({ usd: 0, note: null });
    expect(estimateCost({ constructor: usage(5, 0, 5) }, prices)).toEqual({ usd: null, note: expect.stringContaining('No price for constructor') });
  });

  it('has default prices for the model Codex runs by default in tests and for gpt-5', () => {
    expect(DEFAULT_MODEL_PRICES['gpt-5.2-codex']).toBeDefined();
    expect(DEFAULT_MODEL_PRICES['gpt-5']).toBeDefined();
  });

  it('never counts a counter that went back as negative spending', () => {
    expect(usageSince(usage(5, 0, 5), usage(10, 0, 1))).toEqual({ input: 0, cachedInput: 0, output: 4, reasoningOutput: 0, total: 0 });
  });
});
