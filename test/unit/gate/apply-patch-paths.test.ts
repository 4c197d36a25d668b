/** Paths named by an apply_patch envelope. */
import { describe, expect, it } from 'vitest';
import { looksLikePatch, patchPaths } from '../../../src/core/gate/apply-patch-paths';

const PATCH = [
  '*** Begin Patch',
  '*** Add File: src/new.ts',
  '+export const x = 1;',
  '*** Update File: src/old.ts',
  '*** Move to: src/renamed.ts',
  '@@',
  '-a',
  '+b',
  '*** Delete File: src/gone.ts',
  '  *** Update File:   spaced name.ts  \r',
  '*** End Patch',
].join('\n');

describe('patchPaths', () => {
  it('lists every added, updated, moved-to and deleted file', () => {
    expect(patchPaths(PATCH)).toEqual([
      { path: 'src/new.ts', action: 'add' },
      { path: 'src/old.ts', action: 'update' },
      { path: 'src/renamed.ts', action: 'move-to' },
      { path: 'src/gone.ts', action: 'delete' },
      { path: 'spaced name.ts', action: 'update' },
    ]);
  });

  it('ignores content lines that only look similar, and headers without a path', () => {
    expect(patchPaths('*** Begin Patch\n+*** Add File: not/a/header\n*** Add File:\n*** End Patch')).toEqual([]);
  });

  it('recognises a patch by its first line', () => {
    expect(looksLikePatch(`\n  ${PATCH}`)).toBe(true);
    expect(looksLikePatch('echo *** Begin Patch')).toBe(false);
  });
});
