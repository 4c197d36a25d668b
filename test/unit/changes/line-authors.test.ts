import { describe, expect, it } from 'vitest';
import { BASE, replayAuthors, type Authored } from '../../../src/core/changes/line-authors';

describe('replaying line authors over -U0 hunks', () => {
  it('keeps kept lines, gives added and replaced lines to the writer', () => {
    const base: Authored[] = [BASE, BASE, BASE, BASE];
    // Line 2 replaced, one line inserted after line 4.
    const afterA = replayAuthors(base, [{ oldStart: 2, oldLines: 1, newStart: 2, newLines: 1 }, { oldStart: 4, oldLines: 0, newStart: 5, newLines: 1 }], 'a');
    expect(afterA).toEqual([BASE, 'a', BASE, BASE, 'a']);
    // Line 1 deleted, two lines inserted at the top (after line 0).
    const afterB = replayAuthors(afterA, [{ oldStart: 0, oldLines: 0, newStart: 1, newLines: 2 }, { oldStart: 1, oldLines: 1, newStart: 2, newLines: 0 }], 'b');
    expect(afterB).toEqual(['b', 'b', 'a', BASE, BASE, 'a']);
  });

  it('refuses hunks that do not fit the old version', () => {
    expect(() => replayAuthors([BASE], [{ oldStart: 3, oldLines: 1, newStart: 3, newLines: 1 }], 'a')).toThrow();
  });
});
