/** Isolated agents' changes in the review and the map: theirs, flagged isolated, never shared files. */
import { describe, expect, it } from 'vitest';
import { reviewOf } from '../../../src/core/changes/review-report';
import { isolatedTouchedFiles, sameIsolatedChanges } from '../../../src/core/worktrees/isolated-files';
import type { IsolatedChange } from '../../../src/core/worktrees/worktree-changes';
import type { WorktreeChange } from '../../../src/core/git/worktree-status';
import type { Agent } from '../../../src/shared/domain';

const change = (path: string, kind: IsolatedChange['kind'] = 'modified'): IsolatedChange => ({ path, oldPath: null, kind, added: 2, removed: 1, binary: false, untracked: false });
const agent = (id: string, isolated: boolean): Agent =>
  ({ id, name: id, task: `task of ${id}`, workspace: isolated ? { kind: 'isolated', path: `/repo/.agents/worktrees/${id}`, branch: `switchyard/${id}`, base: 'abc', baseBranch: 'main' } : null }) as Agent;
const shared = (path: string): WorktreeChange => ({ path, added: 5, removed: 0 }) as WorktreeChange;

describe('isolated agents in the review', () => {
  it('lists the worktree files in the agent’s group, flagged isolated, beside a shared agent’s change of the same path', () => {
    const report = reviewOf(
      [shared('src/a.ts')],
      [agent('shared-1', false), agent('iso-1', true)],
      [{ path: 'src/a.ts', agentId: 'shared-1', attribution: 'exact' }],
      [],
      new Map([['iso-1', [change('src/a.ts'), change('new.txt', 'added')]]]),
    );
    expect(report.groups.map((g) => [g.agentId, g.files])).toEqual([
      ['shared-1', [{ path: 'src/a.ts', attribution: 'exact', added: 5, removed: 0 }]],
      ['iso-1', [
        { path: 'new.txt', attribution: 'exact', added: 2, removed: 1, isolated: true },
        { path: 'src/a.ts', attribution: 'exact', added: 2, removed: 1, isolated: true },
      ]],
    ]);
    // Only the shared agent's work is committed from the shared tree.
    expect(report.strategy).toEqual({ suggested: 'single', reason: 'One agent made the changes.' });
  });

  it('lists the files in the map under their own place on disk, exactly the agent’s and isolated', () => {
    const files = isolatedTouchedFiles(new Map([['iso-1', [change('src/a.ts', 'deleted')]]]), 0);
    expect(files).toEqual([
      expect.objectContaining({ path: '.agents/worktrees/iso-1/src/a.ts', lastAgentId: 'iso-1', lastKind: 'delete', isolated: true, claimedBy: [] }),
    ]);
    expect(files[0]!.touches).toEqual([{ agentId: 'iso-1', attribution: 'exact', changes: 1, lastAt: new Date(0).toISOString() }]);
  });

  it('tells a read that found the same files from one that did not', () => {
    const a = new Map([['iso-1', [change('x')]]]);
    expect(sameIsolatedChanges(a, new Map([['iso-1', [change('x')]]]))).toBe(true);
    expect(sameIsolatedChanges(a, new Map([['iso-1', [change('x', 'added')]]]))).toBe(false);
    expect(sameIsolatedChanges(a, new Map())).toBe(false);
  });
});
