import { describe, expect, it } from 'vitest';
import { reviewOf } from '../../../src/core/changes/review-report';
import type { WorktreeChange } from '../../../src/core/git/worktree-status';
import type { Agent } from '../../../src/shared/domain';

const change = (path: string, added: number, removed = 0): WorktreeChange => ({
  path,
  oldPath: null,
  kind: 'modified',
  staged: 'unmodified',
  unstaged: 'modified',
  headMode: '100644',
  worktreeMode: '100644',
  modeChanged: false,
  binary: false,
  added,
  removed,
  untracked: false,
  unmerged: false,
});
const agent = (id: string, name: string): Agent => ({ id, name, task: `${name}'s task` }) as Agent;
const agents = [agent('api-0001', 'api'), agent('ui-0002', 'ui')];

describe('the review report', () => {
  it('groups files by agent in launch order, with line stats, the unattributed rest last', () => {
    const report = reviewOf(
      [change('src/api.ts', 10, 2), change('src/ui.tsx', 5), change('README.md', 1, 1), change('src/api.test.ts', 3)],
      agents,
      [
        { path: 'src/ui.tsx', agentId: 'ui-0002', attribution: 'exact' },
        { path: 'src/api.ts', agentId: 'api-0001', attribution: 'exact' },
        { path: 'src/api.test.ts', agentId: 'api-0001', attribution: 'inferred' },
        { path: 'README.md', agentId: null, attribution: 'unattributed' },
      ],
      [],
    );
    expect(report.groups.map((g) => [g.agentId, g.name, g.added, g.removed])).toEqual([
      ['api-0001', 'api', 13, 2],
      ['ui-0002', 'ui', 5, 0],
      [null, 'unattributed', 1, 1],
    ]);
    expect(report.groups[0]!.files).toEqual([
      { path: 'src/api.test.ts', attribution: 'inferred', added: 3, removed: 0 },
      { path: 'src/api.ts', attribution: 'exact', added: 10, removed: 2 },
    ]);
    expect(report.strategy.suggested).toBe('per-agent');
  });

  it('lists a file two agents changed under both and says so in the strategy', () => {
    const report = reviewOf(
      [change('shared.ts', 4)],
      agents,
      [
        { path: 'shared.ts', agentId: 'api-0001', attribution: 'exact' },
        { path: 'shared.ts', agentId: 'ui-0002', attribution: 'exact' },
      ],
      [],
    );
    expect(report.groups.map((g) => g.agentId)).toEqual(['api-0001', 'ui-0002']);
    expect(report.strategy.reason).toContain('1 file(s) were changed by several');
  });

  it('suggests one commit when nothing or one agent changed the tree', () => {
    expect(reviewOf([change('a.txt', 1)], agents, [], []).strategy).toEqual({ suggested: 'single', reason: 'No change is attributed to an agent.' });
    expect(reviewOf([], agents, [], []).groups).toEqual([]);
  });

  it('shows what changed while Switchyard was not running as its own group, beside the agent whose file it was', () => {
    const report = reviewOf(
      [change('src/api.ts', 4), change('notes.md', 2), change('README.md', 1)],
      agents,
      [
        { path: 'src/api.ts', agentId: 'api-0001', attribution: 'exact' },
        { path: 'src/api.ts', agentId: null, attribution: 'offline' },
        { path: 'notes.md', agentId: null, attribution: 'offline' },
        { path: 'README.md', agentId: null, attribution: 'unattributed' },
      ],
      [],
    );
    expect(report.groups.map((g) => [g.agentId, g.name, g.offline, g.files.map((f) => [f.path, f.attribution])])).toEqual([
      ['api-0001', 'api', false, [['src/api.ts', 'exact']]],
      [null, 'changed while Switchyard was not running', true, [['notes.md', 'offline'], ['src/api.ts', 'offline']]],
      [null, 'unattributed', false, [['README.md', 'unattributed']]],
    ]);
  });
});
