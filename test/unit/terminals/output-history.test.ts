/** The raw output history stays within its bound, even during a flood. */
import { describe, expect, it } from 'vitest';
import { OutputHistory } from '../../../src/core/agents/output-history';

describe('OutputHistory', () => {
  it('holds at most the bound plus one chunk while keeping the newest text', () => {
    const bound = 10_000;
    const chunk = 'abcdefghij'.repeat(100);
    const history = new OutputHistory(bound);
    for (let i = 0; i < 1_000; i++) {
      history.append(chunk);
      expect(history.heldChars).toBeLessThan(bound + chunk.length);
    }
    history.append('THE END');
    const text = history.text();
    expect(text).toHaveLength(bound);
    expect(text.endsWith('ghijTHE END')).toBe(true);
  });
});
