/** Every edit of the contract's union reaches its plan edit; include-file takes excluded and undecided files back. */
import { describe, expect, it } from 'vitest';
import { planCommits, type CommitPlan } from '../../../src/core/commit/commit-plan';
import { applyPlanEdit } from '../../../src/core/commit/plan-edit';
import { PlanEditSchema, type PlanEdit } from '../../../src/shared/commit';
import type { Result } from '../../../src/shared/result';
import { agent, BASE, by, change } from './plan-fixtures';

const h = (oldStart: number) => ({ oldStart, oldLines: 1, newStart: oldStart, newLines: 1 });

function samplePlan(): CommitPlan {
  return planCommits({
    base: BASE,
    changes: [change('a.ts'), change('b.ts'), change('shared.ts'), change('both.ts')],
    attribution: [
      by('alice', 'a.ts'),
      by('bob', 'b.ts'),
      { path: 'shared.ts', agentId: null, attribution: 'exact', hunks: [{ ...h(3), agentId: 'alice' }, { ...h(20), agentId: 'bob' }] },
      by('alice', 'both.ts'),
      by('bob', 'both.ts'),
    ],
    agents: [agent('alice', '1'), agent('bob', '2')],
  });
}

const value = (result: Result<CommitPlan>): CommitPlan => {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};
const edit = (plan: CommitPlan, e: PlanEdit) => applyPlanEdit(plan, PlanEditSchema.parse(e));
const pathsOf = (plan: CommitPlan, id: string) => plan.groups.find((g) => g.id === id)!.files.map((f) => f.path);

describe('applyPlanEdit', () => {
  it('applies each kind of edit', () => {
    const plan = samplePlan();
    expect(pathsOf(value(edit(plan, { type: 'move-file', path: 'a.ts', toGroupId: 'agent:bob' })), 'agent:bob')).toContain('a.ts');
    const hunkMoved = value(edit(plan, { type: 'move-hunk', path: 'shared.ts', hunk: h(3), toGroupId: 'agent:bob' }));
    expect(hunkMoved.groups.find((g) => g.id === 'agent:bob')!.files.find((f) => f.path === 'shared.ts')!.hunks).toHaveLength(2);
    expect(value(edit(plan, { type: 'exclude-file', path: 'a.ts' })).groups.find((g) => g.id === 'agent:alice')!.excluded).toEqual(['a.ts']);
    expect(value(edit(plan, { type: 'reorder', order: ['agent:bob', 'agent:alice', 'unattributed'] })).order[0]).toBe('agent:bob');
    expect(value(edit(plan, { type: 'move-group', groupId: 'agent:bob', index: 0 })).order[0]).toBe('agent:bob');
    const messaged = value(edit(plan, { type: 'set-message', groupId: 'agent:alice', message: 'Mine\n' }));
    expect(messaged.groups.find((g) => g.id === 'agent:alice')).toMatchObject({ message: 'Mine\n', messageEdited: true });
    expect(value(edit(plan, { type: 'set-single-message', message: 'All\n' }))).toMatchObject({ singleMessage: 'All\n', singleMessageEdited: true });
    expect(value(edit(plan, { type: 'set-strategy', strategy: 'single' })).strategy).toBe('single');
    expect(value(edit(plan, { type: 'set-conventional', conventional: true })).groups[0]!.message).toMatch(/^\w+(\(.+\))?: /);
  });

  it('include-file takes an excluded file back, into any group', () => {
    const excluded = value(edit(samplePlan(), { type: 'exclude-file', path: 'a.ts' }));
    const included = value(edit(excluded, { type: 'include-file', path: 'a.ts', groupId: 'unattributed' }));
    expect(pathsOf(included, 'unattributed')).toEqual(['a.ts']);
    expect(included.groups.every((g) => !g.excluded.includes('a.ts'))).toBe(true);
  });

  it('include-file decides an undecided file', () => {
    const plan = samplePlan();
    expect(plan.undecided.map((u) => u.path)).toEqual(['both.ts']);
    const decided = value(edit(plan, { type: 'include-file', path: 'both.ts', groupId: 'agent:bob' }));
    expect(decided.undecided).toEqual([]);
    expect(pathsOf(decided, 'agent:bob')).toContain('both.ts');
  });

  it('refuses an edit that cannot be made, saying why', () => {
    const plan = samplePlan();
    const notExcluded = edit(plan, { type: 'include-file', path: 'a.ts', groupId: 'agent:bob' });
    expect(notExcluded).toMatchObject({ ok: false, error: { message: expect.stringContaining('a.ts is not excluded') } });
    expect(edit(plan, { type: 'move-file', path: 'a.ts', toGroupId: 'agent:nobody' }).ok).toBe(false);
    expect(edit(plan, { type: 'reorder', order: ['agent:bob'] }).ok).toBe(false);
    expect(edit(plan, { type: 'include-file', path: 'missing.ts', groupId: 'agent:bob' }).ok).toBe(false);
  });

  it('the contract refuses an unknown edit type or a missing field', () => {
    expect(PlanEditSchema.safeParse({ type: 'delete-file', path: 'a.ts' }).success).toBe(false);
    expect(PlanEditSchema.safeParse({ type: 'move-file', path: 'a.ts' }).success).toBe(false);
    expect(PlanEditSchema.safeParse({ type: 'move-group', groupId: 'agent:bob', index: -1 }).success).toBe(false);
  });
});
