/** An isolated agent's group in the plan: the user's choices (mode, in or out, message) and when a run refuses it. Pure. */
import { describe, expect, it } from 'vitest';
import { planCommits, redraftMessages, type CommitPlan, type IsolatedGroup } from '../../../src/core/commit/commit-plan';
import { includedIsolated, isolatedRefusal, setIsolatedIncluded, setIsolatedMessage, setIsolatedMode } from '../../../src/core/commit/isolated-groups';
import { applyPlanEdit } from '../../../src/core/commit/plan-edit';
import { CommitPlanSchema } from '../../../src/shared/commit-plan';
import { agent, BASE } from './plan-fixtures';

const ALICE = agent('alice', '2026-01-01T00:00:00Z', { task: 'Add the parser. It reads the config.' });

function isolated(over: Partial<IsolatedGroup> = {}): IsolatedGroup {
  return {
    id: 'isolated:alice',
    agentId: 'alice',
    title: 'Alice — branch switchyard/alice',
    branch: 'switchyard/alice',
    worktree: '/r/.agents/worktrees/alice',
    tip: 'a'.repeat(40),
    uncommitted: [],
    commits: [{ sha: 'b'.repeat(40), title: 'Add the parser' }],
    files: ['parser.ts'],
    mode: 'merge',
    included: true,
    message: "Merge branch 'switchyard/alice' (Alice)\n\nAdd the parser\n",
    messageEdited: false,
    conflicts: [],
    busy: [],
    ...over,
  };
}

function planWith(group: IsolatedGroup): CommitPlan {
  return { ...planCommits({ base: BASE, changes: [], attribution: [], agents: [ALICE] }), isolated: [group] };
}

const value = <T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

describe('isolated groups in the plan', () => {
  it('redrafts the message for the new mode: a merge names the branch, a squash does not', () => {
    const squash = value(setIsolatedMode(planWith(isolated()), 'isolated:alice', 'squash', ALICE)).isolated![0]!;
    expect(squash.mode).toBe('squash');
    expect(squash.message.split('\n', 1)[0]).toBe('Add the parser');
    const merge = value(setIsolatedMode({ ...planWith(squash) }, 'isolated:alice', 'merge', ALICE)).isolated![0]!;
    expect(merge.message.split('\n', 1)[0]).toBe("Merge branch 'switchyard/alice' (Alice)");
  });

  it('keeps a message the user wrote across a mode change, and an empty one brings the draft back', () => {
    const written = value(setIsolatedMessage(planWith(isolated()), 'isolated:alice', 'My words', ALICE));
    expect(written.isolated![0]).toMatchObject({ message: 'My words', messageEdited: true });
    expect(value(setIsolatedMode(written, 'isolated:alice', 'squash', ALICE)).isolated![0]!.message).toBe('My words');
    const drafted = value(setIsolatedMessage(written, 'isolated:alice', '  ', ALICE)).isolated![0]!;
    expect(drafted.messageEdited).toBe(false);
    expect(drafted.message).toMatch(/^Merge branch 'switchyard\/alice'/);
  });

  it('leaves a group out and takes it back; an unknown group is refused', () => {
    const out = value(setIsolatedIncluded(planWith(isolated()), 'isolated:alice', false));
    expect(includedIsolated(out)).toEqual([]);
    expect(includedIsolated(value(setIsolatedIncluded(out, 'isolated:alice', true)))).toHaveLength(1);
    const unknown = setIsolatedIncluded(out, 'isolated:bob', true);
    expect(unknown.ok).toBe(false);
    expect(applyPlanEdit(out, { type: 'set-isolated-mode', groupId: 'isolated:nobody', mode: 'squash' }).ok).toBe(false);
  });

  it('refuses a conflicting group, or one over the user\'s uncommitted files, naming the files', () => {
    expect(isolatedRefusal(isolated())).toBeNull();
    expect(isolatedRefusal(isolated({ conflicts: ['a.ts', 'b.ts'] }))).toEqual({ kind: 'isolated-conflict', message: expect.stringContaining('a.ts, b.ts conflict') });
    expect(isolatedRefusal(isolated({ mode: 'cherry-pick', conflicts: ['a.ts'] }))!.message).toMatch(/does not cherry-pick cleanly/);
    expect(isolatedRefusal(isolated({ busy: ['notes.md'] }))).toEqual({ kind: 'shared-tree-busy', message: expect.stringContaining('notes.md, which has uncommitted changes') });
  });

  it('redrafts unedited isolated messages with the conventional switch', () => {
    const conventional = redraftMessages({ ...planWith(isolated({ mode: 'squash' })), conventional: true });
    expect(conventional.isolated![0]!.message).toMatch(/^feat/);
    const edited = redraftMessages({ ...planWith(isolated({ mode: 'squash', message: 'Mine', messageEdited: true })), conventional: true });
    expect(edited.isolated![0]!.message).toBe('Mine');
  });

  it('crosses the contract', () => {
    const plan = planWith(isolated());
    expect(CommitPlanSchema.parse(plan)).toEqual(plan);
    expect(CommitPlanSchema.safeParse({ ...plan, isolated: [{ ...isolated(), mode: 'rebase' }] }).success).toBe(false);
  });
});
