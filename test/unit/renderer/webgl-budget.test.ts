/**
 * Which terminals hold a WebGL context: never more than the budget, the selected agent's first,
 * thumbnails and terminals that lost a context never.
 */
import { describe, expect, it } from 'vitest';
import { WEBGL_BUDGET, webglHolders, type ShownTerminal } from '../../../src/renderer/terminals/webgl-budget';

const fitted = (count: number): ShownTerminal[] =>
  Array.from({ length: count }, (_, index) => ({ agentId: `a${index}`, display: 'fit', shownAt: index + 1, webglLost: false }));

describe('webglHolders', () => {
  it('keeps the budget below Chromium’s cap of about 16 live contexts, with room for a full grid page', () => {
    expect(WEBGL_BUDGET).toBeLessThan(16);
    expect(WEBGL_BUDGET).toBeGreaterThanOrEqual(9);
  });

  it('gives every terminal WebGL while they fit in the budget', () => {
    expect(webglHolders(fitted(3), null, 9)).toEqual(new Set(['a0', 'a1', 'a2']));
  });

  it('past the budget, the focused terminal first, then the most recently shown', () => {
    const holders = webglHolders(fitted(20), 'a0', 9);
    expect(holders.size).toBe(9);
    expect(holders.has('a0')).toBe(true);
    expect([...holders].filter((id) => id !== 'a0').sort()).toEqual(['a12', 'a13', 'a14', 'a15', 'a16', 'a17', 'a18', 'a19']);
  });

  it('leaves thumbnails and terminals that lost their context on the DOM renderer', () => {
    const shown: ShownTerminal[] = [
      { agentId: 'big', display: 'fit', shownAt: 1, webglLost: false },
      { agentId: 'small', display: 'thumbnail', shownAt: 2, webglLost: false },
      { agentId: 'lost', display: 'fit', shownAt: 3, webglLost: true },
    ];
    expect(webglHolders(shown, 'small', 9)).toEqual(new Set(['big']));
  });

  it('gives nothing with no budget', () => {
    expect(webglHolders(fitted(2), 'a0', 0).size).toBe(0);
  });
});
