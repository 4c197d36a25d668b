/** The user's edits to a plan keep it consistent; edits that would break it are refused. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planCommits, UNATTRIBUTED_GROUP_ID, type CommitPlan } from '../../../src/core/commit/commit-plan';
import { excludeFile, moveFile, moveGroup, moveHunk, reorderGroups, setConventional, setGroupMessage, setSingleMessage } from '../../../src/core/commit/plan-edits';
import { findPlanProblems } from '../../../src/core/commit/plan-validation';
import type { Result } from '../../../src/shared/result';
import { agent, BASE, by, change } from './plan-fixtures';

const agents = [agent('alice', '1'), agent('bob', '2'), agent('carol', '3')];
const h = (oldStart: number) => ({ oldStart, oldLines: 1, newStart: oldStart, newLines: 1 });

function samplePlan(): CommitPlan {
  return planCommits({
    base: BASE,
    changes: [change('a.ts'), change('b.ts'), change('c.ts'), change('shared.ts'), change('both.ts'), change('new.ts', { kind: 'renamed', oldPath: 'old.ts' }), change('x.ts')],
    attribution: [
      by('alice', 'a.ts'),
      by('bob', 'b.ts'),
      by('carol', 'c.ts'),
      { path: 'shared.ts', agentId: null, attribution: 'exact', hunks: [{ ...h(3), agentId: 'alice' }, { ...h(20), agentId: 'bob' }] },
      by('alice', 'both.ts'),
      by('bob', 'both.ts'),
      by('bob', 'new.ts'),
    ],
    agents,
  });
}

const value = (result: Result<CommitPlan>): CommitPlan => {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};
const filesOf = (plan: CommitPlan, id: string) => plan.groups.find((g) => g.id === id)!.files;

/** Where each changed path is: the group ids holding it (with hunk counts), excluded, or undecided. */
function placements(plan: CommitPlan): Map<string, string[]> {
  const places = new Map<string, string[]>(plan.changes.map((c) => [c.path, []]));
  for (const g of plan.groups) {
    for (const f of g.files) places.get(f.path)!.push(f.hunks ? `${g.id}#${f.hunks.length}` : g.id);
    for (const p of g.excluded) places.get(p)!.push(`excluded`);
  }
  for (const u of plan.undecided) places.get(u.path)!.push('undecided');
  return places;
}

describe('plan edits', () => {
  it('moves a file between groups, redrafting both messages', () => {
    const plan = samplePlan();
    const moved = value(moveFile(plan, 'a.ts', 'agent:bob'));
    expect(filesOf(moved, 'agent:alice').map((f) => f.path)).toEqual(['shared.ts']);
    expect(filesOf(moved, 'agent:bob').map((f) => f.path)).toEqual(['b.ts', 'shared.ts', 'new.ts', 'a.ts']);
    expect(moved.groups.find((g) => g.id === 'agent:bob')!.message).toMatch(/^Files: .*\ba\.ts\b/m);
    expect(plan.groups.find((g) => g.id === 'agent:bob')!.message).not.toMatch(/^Files: .*\ba\.ts\b/m); // the old plan is untouched
  });

  it('decides an undecided file by moving it to a group', () => {
    const decided = value(moveFile(samplePlan(), 'both.ts', 'agent:alice'));
    expect(decided.undecided).toEqual([]);
    expect(filesOf(decided, 'agent:alice').map((f) => f.path)).toContain('both.ts');
  });

  it('moves a rename whole, keeping its old path', () => {
    const moved = value(moveFile(samplePlan(), 'new.ts', 'agent:carol'));
    expect(filesOf(moved, 'agent:carol')).toContainEqual({ path: 'new.ts', oldPath: 'old.ts' });
  });

  it('moves a hunk between groups, and gathers a split file whole when the file is moved', () => {
    const plan = samplePlan();
    const moved = value(moveHunk(plan, 'shared.ts', h(20), 'agent:alice'));
    expect(filesOf(moved, 'agent:alice').find((f) => f.path === 'shared.ts')!.hunks).toEqual([h(3), h(20)]);
    expect(filesOf(moved, 'agent:bob').some((f) => f.path === 'shared.ts')).toBe(false);
    const toCarol = value(moveHunk(plan, 'shared.ts', h(3), 'agent:carol'));
    expect(filesOf(toCarol, 'agent:carol')).toContainEqual({ path: 'shared.ts', hunks: [h(3)] });
    const whole = value(moveFile(plan, 'shared.ts', UNATTRIBUTED_GROUP_ID));
    expect(placements(whole).get('shared.ts')).toEqual([UNATTRIBUTED_GROUP_ID]);
  });

  it('refuses to move a hunk that is not in the plan, or into a group that has the file whole', () => {
    const plan = samplePlan();
    expect(moveHunk(plan, 'shared.ts', h(99), 'agent:carol')).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(moveHunk(plan, 'a.ts', h(1), 'agent:bob').ok).toBe(false);
    const whole = value(moveFile(plan, 'shared.ts', 'agent:carol'));
    expect(moveHunk(whole, 'shared.ts', h(3), 'agent:bob').ok).toBe(false);
  });

  it('excludes a file from the group that held it, and an undecided one from the unattributed group', () => {
    const plan = value(excludeFile(value(excludeFile(samplePlan(), 'b.ts')), 'both.ts'));
    expect(plan.groups.find((g) => g.id === 'agent:bob')!.excluded).toEqual(['b.ts']);
    expect(plan.groups.find((g) => g.id === UNATTRIBUTED_GROUP_ID)!.excluded).toEqual(['both.ts']);
    expect(plan.undecided).toEqual([]);
    // Including it again is a move.
    expect(placements(value(moveFile(plan, 'b.ts', 'agent:bob'))).get('b.ts')).toEqual(['agent:bob']);
  });

  it('reorders groups only to a permutation of the groups', () => {
    const plan = samplePlan();
    expect(value(moveGroup(plan, UNATTRIBUTED_GROUP_ID, 0)).order).toEqual([UNATTRIBUTED_GROUP_ID, 'agent:alice', 'agent:bob', 'agent:carol']);
    expect(reorderGroups(plan, ['agent:alice', 'agent:bob']).ok).toBe(false);
    expect(reorderGroups(plan, ['agent:alice', 'agent:alice', 'agent:bob', UNATTRIBUTED_GROUP_ID]).ok).toBe(false);
    expect(reorderGroups(plan, [...plan.order].reverse()).ok).toBe(true);
  });

  it('keeps an edited message through later edits, and brings the draft back when it is cleared', () => {
    const edited = value(setGroupMessage(samplePlan(), 'agent:bob', 'My own words\n'));
    const after = value(setConventional(value(moveFile(edited, 'a.ts', 'agent:bob')), true));
    expect(after.groups.find((g) => g.id === 'agent:bob')!.message).toBe('My own words\n');
    expect(after.groups.find((g) => g.id === 'agent:alice')!.message).toMatch(/^feat: task of alice/);
    const cleared = value(setGroupMessage(after, 'agent:bob', ''));
    expect(cleared.groups.find((g) => g.id === 'agent:bob')!.message).toMatch(/^feat: task of bob/);
    expect(value(setSingleMessage(after, 'All at once\n')).singleMessage).toBe('All at once\n');
  });

  it('keeps every changed file in exactly one place through any sequence of edits', () => {
    const paths = samplePlan().changes.map((c) => c.path);
    const groupIds = samplePlan().order;
    const edit = fc.oneof(
      fc.record({ op: fc.constant('move' as const), path: fc.constantFrom(...paths), to: fc.constantFrom(...groupIds) }),
      fc.record({ op: fc.constant('exclude' as const), path: fc.constantFrom(...paths) }),
      fc.record({ op: fc.constant('hunk' as const), at: fc.constantFrom(3, 20), to: fc.constantFrom(...groupIds) }),
      fc.record({ op: fc.constant('reorder' as const), id: fc.constantFrom(...groupIds), index: fc.nat(4) }),
    );
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 25 }), (edits) => {
        let plan = samplePlan();
        for (const e of edits) {
          const result =
            e.op === 'move' ? moveFile(plan, e.path, e.to) : e.op === 'exclude' ? excludeFile(plan, e.path) : e.op === 'hunk' ? moveHunk(plan, 'shared.ts', h(e.at), e.to) : moveGroup(plan, e.id, e.index);
          if (result.ok) plan = result.value;
          expect(findPlanProblems(plan)).toEqual([]);
          for (const [path, where] of placements(plan)) {
            const split = where.filter((w) => w.includes('#'));
            expect(split.length > 0 ? where.length === split.length : where.length === 1, `${path}: ${where.join(', ')}`).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('findPlanProblems', () => {
  it('names a file that is missing, doubled, unknown, or split with overlapping hunks', () => {
    const plan = samplePlan();
    const broken: CommitPlan = {
      ...plan,
      groups: plan.groups.map((g) =>
        g.id === 'agent:alice'
          ? { ...g, files: [{ path: 'b.ts' }, { path: 'ghost.ts' }, { path: 'shared.ts', hunks: [h(3), h(20)] }] }
          : g.id === 'agent:carol'
            ? { ...g, files: [] }
            : g,
      ),
    };
    const problems = findPlanProblems(broken).join('\n');
    expect(problems).toMatch(/a\.ts is changed but not in any group/);
    expect(problems).toMatch(/c\.ts is changed but not in any group/);
    expect(problems).toMatch(/b\.ts is in more than one place/);
    expect(problems).toMatch(/ghost\.ts is in the plan but is not a change/);
    expect(problems).toMatch(/shared\.ts: hunk -20,1 \+20,1 in Alice overlaps -20,1 \+20,1 in Bob/);
  });
});
