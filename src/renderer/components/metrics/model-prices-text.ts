/**
 * The price table as the Settings dialog edits it: one model a line, `model input cached output`
 * in USD per million tokens. Plain text reads and edits better than JSON in a small field.
 */
import type { ModelPrice } from '../../../shared/model-prices';

export function formatModelPrices(prices: Readonly<Record<string, ModelPrice>>): string {
  return Object.entries(prices)
    .map(([model, p]) => `${model} ${p.input} ${p.cachedInput} ${p.output}`)
    .join('\n');
}

/** The table, or what is wrong with the first bad line. */
export function parseModelPrices(text: string): Record<string, ModelPrice> | string {
  const prices: Record<string, ModelPrice> = {};
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const words = line.split(/\s+/);
    const numbers = words.slice(1).map(Number);
    if (words.length !== 4 || numbers.some((n) => !Number.isFinite(n) || n < 0)) {
      return `Model prices, line ${index + 1}: write "model input cached-input output" (USD per million tokens, numbers of 0 or more).`;
    }
    const [input, cachedInput, output] = numbers as [number, number, number];
    prices[words[0]!] = { input, cachedInput, output };
  }
  return prices;
}
