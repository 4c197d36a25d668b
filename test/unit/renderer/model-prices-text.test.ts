/** The Settings dialog's price table text: it round-trips, and a bad line is named. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_PRICES } from '../../../src/shared/model-prices';
import { formatModelPrices, parseModelPrices } from '../../../src/renderer/components/metrics/model-prices-text';

describe('model prices text', () => {
  it('round-trips the default table', () => {
    expect(parseModelPrices(formatModelPrices(DEFAULT_MODEL_PRICES))).toEqual(DEFAULT_MODEL_PRICES);
  });

  it('skips blank and # lines and names the first bad line', () => {
    expect(parseModelPrices('# mine\n\n  local-7b 0 0 0  \n')).toEqual({ 'local-7b': { input: 0, cachedInput: 0, output: 0 } });
    expect(parseModelPrices('a 1 1 1\nb 1 x 1')).toMatch(/^Model prices, line 2:/);
    expect(parseModelPrices('a 1 1')).toMatch(/line 1/);
    expect(parseModelPrices('a 1 -1 1')).toMatch(/line 1/);
  });
});
