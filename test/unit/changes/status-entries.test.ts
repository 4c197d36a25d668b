/** Change detection's view of `git status`: one entry per file, from the engine's porcelain v2 parser. */
import { describe, expect, it } from 'vitest';
import { statusEntriesOf } from '../../../src/core/changes/status-entries';
import { parsePorcelainV2 } from '../../../src/core/git/porcelain-v2';

const A = 'a'.repeat(40);
const Z = '0'.repeat(40);

describe('statusEntriesOf', () => {
  it('reads every record shape as add, modify or delete, and a rename as its new path plus its old path deleted', () => {
    const out =
      [
        `1 .M N... 100644 100644 100644 ${A} ${A} edited.ts`,
        `1 A. N... 000000 100644 100644 ${Z} ${A} staged new.ts`,
        `1 AM N... 000000 100644 100644 ${Z} ${A} staged-then-edited.ts`,
        `1 .D N... 100644 100644 000000 ${A} ${A} gone.ts`,
        `1 MD N... 100644 100644 000000 ${A} ${A} staged-then-gone.ts`,
        `2 R. N... 100644 100644 100644 ${A} ${A} R100 to.ts`,
        'from.ts',
        `u UD N... 100644 100644 000000 100644 ${A} ${Z} ${A} theirs-deleted.ts`,
        `u AA N... 000000 100644 100644 100644 ${Z} ${A} ${A} both-added.ts`,
        `u UU N... 100644 100644 100644 100644 ${A} ${A} ${A} conflict.ts`,
        '? untracked file.ts',
        '? nested-repo/',
        '! ignored.log',
      ].join('\0') + '\0';
    expect(statusEntriesOf(parsePorcelainV2(out))).toEqual([
      { path: 'edited.ts', kind: 'modify' },
      { path: 'staged new.ts', kind: 'add' },
      { path: 'staged-then-edited.ts', kind: 'add' },
      { path: 'gone.ts', kind: 'delete' },
      { path: 'staged-then-gone.ts', kind: 'delete' },
      { path: 'to.ts', kind: 'modify' },
      { path: 'from.ts', kind: 'delete' },
      { path: 'theirs-deleted.ts', kind: 'delete' },
      { path: 'both-added.ts', kind: 'add' },
      { path: 'conflict.ts', kind: 'modify' },
      { path: 'untracked file.ts', kind: 'add' },
    ]);
  });
});
