/** The pure parts of isolation: git's answers read back, a move's per-file refusal, and what discarding would lose in words. */
import { describe, expect, it } from 'vitest';
import { parseLogRecord } from '../../../src/core/isolation/branch-commits';
import { refusalOf } from '../../../src/core/isolation/move-to-shared';
import { parseMergeTree } from '../../../src/core/isolation/tree-merge';
import { describeLoss, losesNothing, type WorktreeLoss } from '../../../src/core/isolation/worktree-loss';

const TREE = 't'.repeat(40);
const loss = (over: Partial<WorktreeLoss> = {}): WorktreeLoss => ({ uncommitted: [], commits: [], files: [], ignored: [], worktreeExists: true, branchExists: true, contentMerged: false, ...over });

describe('merge-tree output', () => {
  it('reads a clean merge and a conflicted one (each path once)', () => {
    expect(parseMergeTree(`${TREE}\0`)).toEqual({ tree: TREE, conflicts: [] });
    expect(parseMergeTree(`${TREE}\0a.ts\0a.ts\0dir/b c.ts\0`)).toEqual({ tree: TREE, conflicts: ['a.ts', 'dir/b c.ts'] });
  });
});

describe('git log records', () => {
  it('reads the commit, whether it is a merge, and a subject with spaces and separators', () => {
    expect(parseLogRecord(`${'a'.repeat(40)} ${'b'.repeat(40)}\x1fAdd the parser: step 1`)).toEqual({ sha: 'a'.repeat(40), title: 'Add the parser: step 1', merge: false });
    expect(parseLogRecord(`${'a'.repeat(40)} ${'b'.repeat(40)} ${'c'.repeat(40)}\x1fMerge x`).merge).toBe(true);
    expect(parseLogRecord(`${'a'.repeat(40)} \x1fRoot`)).toEqual({ sha: 'a'.repeat(40), title: 'Root', merge: false });
  });
});

describe('moving a file into the shared tree', () => {
  const entry = (blob: string) => ({ mode: '100644', blob });
  it('is allowed only while the shared file is still the base\'s', () => {
    expect(refusalOf({ path: 'a.ts', before: entry('1'), after: entry('2') }, '1')).toBeNull();
    expect(refusalOf({ path: 'new.ts', before: null, after: entry('2') }, null)).toBeNull();
    expect(refusalOf({ path: 'a.ts', before: entry('1'), after: entry('2') }, '3')).toBe('a.ts changed in the shared tree since the agent started.');
    expect(refusalOf({ path: 'a.ts', before: entry('1'), after: null }, null)).toBe('a.ts was deleted in the shared tree since the agent started.');
    expect(refusalOf({ path: 'new.ts', before: null, after: entry('2') }, '9')).toBe('new.ts exists in the shared tree now; the agent added it too.');
  });
});

describe('what discarding would lose', () => {
  it('says nothing is lost for a branch that is merged, or whose changes came back by squash or cherry-pick', () => {
    expect(losesNothing(loss())).toBe(true);
    expect(describeLoss(loss(), 'switchyard/a')).toMatch(/^Nothing would be lost/);
    const squashed = loss({ commits: [{ sha: 'a'.repeat(40), title: 'x', merge: false }], contentMerged: true });
    expect(losesNothing(squashed)).toBe(true);
    expect(describeLoss(squashed, 'switchyard/a')).toMatch(/not in its history/);
  });

  it('names the files, the unmerged commits and the never-committed files', () => {
    const lost = loss({ files: ['a.ts', 'b.ts'], commits: [{ sha: 'abcdef1234', title: 'Add a', merge: false }], uncommitted: ['b.ts'] });
    expect(losesNothing(lost)).toBe(false);
    expect(describeLoss(lost, 'switchyard/a')).toBe(
      'Discarding switchyard/a would lose 2 files changed (a.ts, b.ts); 1 commit not merged into the current branch (abcdef1 Add a); 1 file never committed (b.ts).',
    );
    expect(losesNothing(loss({ uncommitted: ['x'] }))).toBe(false);
  });

  it('says what git ignores there goes too, without counting it as work', () => {
    const withDeps = loss({ ignored: ['.env', 'node_modules/'] });
    expect(losesNothing(withDeps)).toBe(true);
    expect(describeLoss(withDeps, 'switchyard/a')).toBe(
      'Nothing would be lost: every change of switchyard/a is on the current branch. Removing the worktree also deletes what git ignores there (.env, node_modules/).',
    );
  });
});
