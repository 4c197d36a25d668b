/** An isolated agent's worktree and branch on a real repository: made, read, removed. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { excludeAgentsFolder } from '../../../src/core/registry/git-exclude';
import { createAgentWorktree, removeAgentWorktree } from '../../../src/core/worktrees/agent-worktree';
import { worktreeChanges } from '../../../src/core/worktrees/worktree-changes';
import { readWorktreeStatus } from '../../../src/core/git/worktree-status';
import { makeTempRepo, type TempRepo } from '../../harness/temp-repo';

describe('agent worktrees', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = makeTempRepo();
    repo.write('src/a.ts', 'export const a = 1;\n');
    repo.write('old.txt', 'old\n');
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'base');
    excludeAgentsFolder(repo.dir);
  });
  afterEach(() => repo.remove());

  it('makes <repo>/.agents/worktrees/<id> on switchyard/<name> at HEAD, and the shared tree does not see it', async () => {
    const head = repo.git('rev-parse', 'HEAD').trim();
    const workspace = await createAgentWorktree(repo.dir, { id: 'fix-1a2b', name: 'fix auth' });
    expect(workspace).toEqual({
      kind: 'isolated',
      path: path.join(repo.dir, '.agents', 'worktrees', 'fix-1a2b'),
      branch: 'switchyard/fix-auth',
      base: head,
      baseBranch: 'main',
    });
    expect(fs.readFileSync(path.join(workspace.path, 'src/a.ts'), 'utf8')).toBe('export const a = 1;\n');
    fs.writeFileSync(path.join(workspace.path, 'new.txt'), 'new\n');
    expect(await readWorktreeStatus(repo.dir)).toEqual([]);
  });

  it('gives a second agent of the same name a branch with its id', async () => {
    await createAgentWorktree(repo.dir, { id: 'fix-1111', name: 'fix' });
    const second = await createAgentWorktree(repo.dir, { id: 'fix-2222', name: 'fix' });
    expect(second.branch).toBe('switchyard/fix-fix-2222');
  });

  it('refuses a repository without a commit', async () => {
    const empty = makeTempRepo({ initialCommit: false });
    try {
      await expect(createAgentWorktree(empty.dir, { id: 'a-1', name: 'a' })).rejects.toThrow(/no commit yet/);
    } finally {
      empty.remove();
    }
  });

  it('lists what the agent changed against its base: committed, staged, unstaged, untracked, renamed, deleted', async () => {
    const workspace = await createAgentWorktree(repo.dir, { id: 'w-1', name: 'w' });
    const inTree = (...args: string[]): void => void repo.git('-C', workspace.path, ...args);
    fs.writeFileSync(path.join(workspace.path, 'src/a.ts'), 'export const a = 2;\nexport const b = 3;\n');
    inTree('commit', '-q', '-am', 'agent commit');
    inTree('mv', 'old.txt', 'renamed.txt');
    fs.rmSync(path.join(workspace.path, 'README.md'));
    fs.writeFileSync(path.join(workspace.path, 'fresh.txt'), 'one\ntwo\n');
    // The shared tree moving on does not change what the agent changed.
    repo.write('shared.txt', 'shared\n');
    repo.git('add', 'shared.txt');
    repo.git('commit', '-q', '-m', 'shared moves on');

    const changes = await worktreeChanges(workspace);
    expect(changes.map((c) => [c.path, c.kind, c.oldPath, c.untracked, c.added, c.removed])).toEqual([
      ['README.md', 'deleted', null, false, 0, 1],
      ['fresh.txt', 'added', null, true, 2, 0],
      ['renamed.txt', 'renamed', 'old.txt', false, 0, 0],
      ['src/a.ts', 'modified', null, false, 2, 1],
    ]);
  });

  it('removes a clean worktree and its merged branch; refuses a dirty one without force', async () => {
    const clean = await createAgentWorktree(repo.dir, { id: 'c-1', name: 'clean' });
    expect(await removeAgentWorktree(repo.dir, clean, { force: false })).toEqual({ branchKept: null });
    expect(fs.existsSync(clean.path)).toBe(false);
    expect(repo.git('branch', '--list', clean.branch).trim()).toBe('');

    const dirty = await createAgentWorktree(repo.dir, { id: 'd-1', name: 'dirty' });
    fs.writeFileSync(path.join(dirty.path, 'wip.txt'), 'wip\n');
    await expect(removeAgentWorktree(repo.dir, dirty, { force: false })).rejects.toThrow(/was not removed/);
    expect(fs.existsSync(path.join(dirty.path, 'wip.txt'))).toBe(true);
    expect(await removeAgentWorktree(repo.dir, dirty, { force: true })).toEqual({ branchKept: null });
    expect(fs.existsSync(dirty.path)).toBe(false);
  });

  it('keeps a branch with unmerged commits unless forced', async () => {
    const workspace = await createAgentWorktree(repo.dir, { id: 'k-1', name: 'keep' });
    fs.writeFileSync(path.join(workspace.path, 'work.txt'), 'work\n');
    repo.git('-C', workspace.path, 'add', 'work.txt');
    repo.git('-C', workspace.path, 'commit', '-q', '-m', 'work');
    expect(await removeAgentWorktree(repo.dir, workspace, { force: false })).toEqual({ branchKept: 'switchyard/keep' });
    expect(repo.git('branch', '--list', 'switchyard/keep').trim()).not.toBe('');
    // The folder is gone already; a forced second call still deletes the branch.
    expect(await removeAgentWorktree(repo.dir, workspace, { force: true })).toEqual({ branchKept: null });
    expect(repo.git('branch', '--list', 'switchyard/keep').trim()).toBe('');
  });
});
