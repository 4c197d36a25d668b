/** Token arithmetic and the cost estimate from the repository's price table. Pure. */
import type { ModelPrice } from '../../shared/model-prices';
import type { TokenUsage } from '../../shared/metrics';

export const NO_TOKENS: TokenUsage = { input: 0, cachedInput: 0, output: 0, reasoningOutput: 0, total: 0 };
/** The key for tokens spent before Codex said which model it runs. */
export const UNKNOWN_MODEL = '(unknown model)';
const PER_MILLION = 1_000_000;

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    input: a.input + b.input,
    cachedInput: a.cachedInput + b.cachedInput,
    output: a.output + b.output,
    reasoningOutput: a.reasoningOutput + b.reasoningOutput,
    total: a.total + b.total,
  };
}

/** `later - earlier`, never below zero (a counter that went back counts as nothing spent). */
export function usageSince(later: TokenUsage, earlier: TokenUsage): TokenUsage {
  return {
    input: Math.max(0, later.input - earlier.input),
    cachedInput: Math.max(0, later.cachedInput - earlier.cachedInput),
    output: Math.max(0, later.output - earlier.output),
    reasoningOutput: Math.max(0, later.reasoningOutput - earlier.reasoningOutput),
    total: Math.max(0, later.total - earlier.total),
  };
}

/** Cached input is billed at its own price; the rest of the input at the input price. */
export function priceOf(usage: TokenUsage, price: ModelPrice): number {
  const cached = Math.min(usage.cachedInput, usage.input);
  return ((usage.input - cached) * price.input + cached * price.cachedInput + usage.output * price.output) / PER_MILLION;
}

/**
 * The estimate over tokens by model. A model the table does not price adds nothing, and the note
 * names it; with no priced tokens at all the figure is null rather than a misleading zero.
 */
export function estimateCost(byModel: Readonly<Record<string, TokenUsage>>, prices: Readonly<Record<string, ModelPrice>>): { usd: number | null; note: string | null } {
  let usd = 0;
  let priced = 0;
  const unpriced: string[] = [];
  for (const [model, usage] of Object.entries(byModel)) {
    if (usage.total === 0 && usage.input === 0 && usage.output === 0) continue;
    // Own keys only: a model named like an Object.prototype member ("constructor") has no price.
    const price = Object.hasOwn(prices, model) ? prices[model] : undefined;
    if (price) {
      usd += priceOf(usage, price);
      priced++;
    } else unpriced.push(model);
  }
  if (unpriced.length === 0) return { usd: priced > 0 ? usd : 0, note: null };
  const names = unpriced.sort().join(', ');
  const note = `No price for ${names} in settings (modelPrices): ${unpriced.length === 1 ? 'its' : 'their'} tokens are not in the cost.`;
  return { usd: priced > 0 ? usd : null, note };
}
