/** Drafting a plan from attribution: groups, order, hunk splits, undecided files. */
import { describe, expect, it } from 'vitest';
import { planCommits, UNATTRIBUTED_GROUP_ID } from '../../../src/core/commit/commit-plan';
import { orderAgents } from '../../../src/core/commit/plan-ordering';
import { findPlanProblems } from '../../../src/core/commit/plan-validation';
import { agent, BASE, by, change } from './plan-fixtures';

const hunk = (agentId: string | null, oldStart: number, newStart = oldStart) => ({ agentId, oldStart, oldLines: 1, newStart, newLines: 1 });

describe('planCommits', () => {
  const agents = [agent('alice', '2025-01-01T10:00:00Z'), agent('bob', '2025-01-01T10:05:00Z'), agent('carol', '2025-01-01T09:00:00Z')];

  it('makes one group per agent in launch order, then the unattributed group, and is consistent', () => {
    const plan = planCommits({
      base: BASE,
      changes: [change('a.ts'), change('b.ts'), change('c.ts'), change('x.ts'), change('y.ts')],
      attribution: [by('alice', 'a.ts'), by('bob', 'b.ts'), by('carol', 'c.ts', 'inferred'), by(null, 'x.ts', 'unattributed')],
      agents,
    });
    expect(plan.order).toEqual(['agent:carol', 'agent:alice', 'agent:bob', UNATTRIBUTED_GROUP_ID]);
    expect(plan.groups.map((g) => [g.id, g.files.map((f) => f.path)])).toEqual([
      ['agent:carol', ['c.ts']],
      ['agent:alice', ['a.ts']],
      ['agent:bob', ['b.ts']],
      [UNATTRIBUTED_GROUP_ID, ['x.ts', 'y.ts']],
    ]);
    expect(plan.groups[0]!.files[0]!.attribution).toBe('inferred');
    expect(findPlanProblems(plan)).toEqual([]);
  });

  it('always has an unattributed group, empty when everything is attributed', () => {
    const plan = planCommits({ base: BASE, changes: [change('a.ts')], attribution: [by('alice', 'a.ts')], agents });
    expect(plan.groups.find((g) => g.id === UNATTRIBUTED_GROUP_ID)?.files).toEqual([]);
  });

  it('puts an agent that waited for another after it, even when it launched first', () => {
    const withDeps = [agent('alice', '2025-01-01T10:00:00Z', { after: ['bob'] }), agent('bob', '2025-01-01T10:05:00Z')];
    const plan = planCommits({ base: BASE, changes: [change('a.ts'), change('b.ts')], attribution: [by('alice', 'a.ts'), by('bob', 'b.ts')], agents: withDeps });
    expect(plan.order).toEqual(['agent:bob', 'agent:alice', UNATTRIBUTED_GROUP_ID]);
  });

  it('splits a file several agents changed by hunk when the journal knows every writer\'s hunks', () => {
    const plan = planCommits({
      base: BASE,
      changes: [change('shared.ts')],
      attribution: [{ path: 'shared.ts', agentId: null, attribution: 'exact', hunks: [hunk('alice', 3), hunk('bob', 20), hunk('alice', 40)] }],
      agents,
    });
    expect(plan.undecided).toEqual([]);
    const files = (id: string) => plan.groups.find((g) => g.id === id)!.files;
    expect(files('agent:alice')).toEqual([{ path: 'shared.ts', hunks: [{ oldStart: 3, oldLines: 1, newStart: 3, newLines: 1 }, { oldStart: 40, oldLines: 1, newStart: 40, newLines: 1 }], attribution: 'exact' }]);
    expect(files('agent:bob')[0]!.hunks).toEqual([{ oldStart: 20, oldLines: 1, newStart: 20, newLines: 1 }]);
    expect(findPlanProblems(plan)).toEqual([]);
  });

  it('gives unattributed hunks of a split file to the unattributed group', () => {
    const plan = planCommits({
      base: BASE,
      changes: [change('shared.ts')],
      attribution: [{ path: 'shared.ts', agentId: 'alice', attribution: 'exact', hunks: [hunk('alice', 3), hunk(null, 9)] }],
      agents,
    });
    expect(plan.groups.find((g) => g.id === UNATTRIBUTED_GROUP_ID)!.files[0]!.hunks).toEqual([{ oldStart: 9, oldLines: 1, newStart: 9, newLines: 1 }]);
  });

  it('lists a file several agents changed as undecided when hunks are unknown, incomplete, or the file cannot be split', () => {
    const plan = planCommits({
      base: BASE,
      changes: [change('both.ts'), change('partial.ts'), change('logo.png', { binary: true }), change('run.sh', { modeChanged: true }), change('gone.ts', { kind: 'deleted' })],
      attribution: [
        by('alice', 'both.ts'),
        by('bob', 'both.ts'),
        { path: 'partial.ts', agentId: 'alice', attribution: 'exact', hunks: [hunk('alice', 1)] },
        by('bob', 'partial.ts'),
        { path: 'logo.png', agentId: null, attribution: 'exact', hunks: [hunk('alice', 1), hunk('bob', 5)] },
        { path: 'run.sh', agentId: null, attribution: 'exact', hunks: [hunk('alice', 1), hunk('bob', 5)] },
        by('alice', 'gone.ts'),
        by('carol', 'gone.ts'),
      ],
      agents,
    });
    expect(plan.undecided.map((u) => [u.path, u.agentIds])).toEqual([
      ['both.ts', ['alice', 'bob']],
      ['partial.ts', ['alice', 'bob']],
      ['logo.png', ['alice', 'bob']],
      ['run.sh', ['alice', 'bob']],
      ['gone.ts', ['alice', 'carol']],
    ]);
    expect(plan.undecided[0]!.reason).toMatch(/does not show who wrote which lines/);
    expect(plan.undecided[1]!.reason).toMatch(/only some of them/);
    expect(plan.undecided[2]!.reason).toMatch(/binary/);
    expect(plan.undecided[3]!.reason).toMatch(/mode changed/);
    expect(plan.undecided[4]!.reason).toMatch(/deleted/);
    expect(plan.groups.every((g) => g.files.length === 0)).toBe(true);
    // Every writer of an undecided file has a group to give it to, even with no file of its own.
    expect(plan.groups.map((g) => g.agentId)).toEqual(expect.arrayContaining(['alice', 'bob', 'carol']));
    expect(findPlanProblems(plan)).toEqual([]);
  });

  it('keeps a rename whole with its old path, even when attribution names the old path', () => {
    const plan = planCommits({ base: BASE, changes: [change('new.ts', { kind: 'renamed', oldPath: 'old.ts' })], attribution: [by('bob', 'old.ts')], agents });
    expect(plan.groups.find((g) => g.id === 'agent:bob')!.files).toEqual([{ path: 'new.ts', oldPath: 'old.ts', attribution: 'exact' }]);
  });

  it('gives an agent the caller did not list a group named by its id, after the known ones', () => {
    const plan = planCommits({ base: BASE, changes: [change('a.ts'), change('z.ts')], attribution: [by('zed', 'z.ts'), by('alice', 'a.ts')], agents });
    expect(plan.order).toEqual(['agent:alice', 'agent:zed', UNATTRIBUTED_GROUP_ID]);
    expect(plan.groups.find((g) => g.id === 'agent:zed')!.title).toBe('zed');
  });

  it('is deterministic: the same input gives the same plan', () => {
    const input = { base: BASE, changes: [change('a.ts'), change('b.ts')], attribution: [by('bob', 'b.ts'), by('alice', 'a.ts')], agents };
    expect(planCommits(input)).toEqual(planCommits(input));
  });
});

describe('orderAgents', () => {
  it('orders by dependencies, then launch time, then id', () => {
    expect(
      orderAgents([
        { id: 'd', after: ['a', 'c'], startedAt: '1' },
        { id: 'c', after: [], startedAt: '3' },
        { id: 'b', after: [], startedAt: '2' },
        { id: 'a', after: ['b'], startedAt: '0' },
        { id: 'e', after: [], startedAt: '2' },
      ]),
    ).toEqual(['b', 'a', 'e', 'c', 'd']);
  });

  it('falls back to launch order for agents on a dependency cycle and ignores unknown dependencies', () => {
    expect(
      orderAgents([
        { id: 'x', after: ['y'], startedAt: '2' },
        { id: 'y', after: ['x'], startedAt: '1' },
        { id: 'z', after: ['ghost'], startedAt: '3' },
      ]),
    ).toEqual(['z', 'y', 'x']);
  });
});
