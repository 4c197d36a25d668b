/** The working tree's changes against HEAD on a real repository, with stats, modes and odd names. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readHead } from '../../../src/core/git/head-state';
import { readWorktreeState, readWorktreeStatus, type WorktreeChange } from '../../../src/core/git/worktree-status';
import { makeTempRepo, type TempRepo } from '../../harness/temp-repo';

describe('readWorktreeStatus', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = makeTempRepo();
  });
  afterEach(() => repo.remove());

  const byPath = async (): Promise<Map<string, WorktreeChange>> => new Map((await readWorktreeStatus(repo.dir)).map((c) => [c.path, c]));

  it('reports staged and unstaged states, line counts, binary files, modes and renames', async () => {
    repo.write('edit.txt', 'one\ntwo\nthree\n');
    repo.write('gone.txt', 'a\nb\n');
    repo.write('old.txt', 'renamed content\nline 2\n');
    repo.write('tool.sh', 'echo\n');
    repo.write('blob.bin', 'x');
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'base');

    repo.write('edit.txt', 'one\n2\nthree\nfour\n');
    repo.git('add', 'edit.txt');
    repo.write('edit.txt', 'one\n2\nthree\nfour\nfive\n');
    fs.rmSync(path.join(repo.dir, 'gone.txt'));
    repo.git('mv', 'old.txt', 'new.txt');
    fs.chmodSync(path.join(repo.dir, 'tool.sh'), 0o755);
    fs.writeFileSync(path.join(repo.dir, 'blob.bin'), Buffer.from([0, 1, 2]));
    repo.write('fresh/ünïcode name.txt', 'l1\nl2\nno newline');
    fs.writeFileSync(path.join(repo.dir, 'fresh', 'data.bin'), Buffer.from([1, 0, 2]));

    const changes = await byPath();
    // Asked from a subfolder, the answer is the same: paths from the top.
    expect(await readWorktreeStatus(path.join(repo.dir, 'fresh'))).toEqual([...changes.values()]);
    expect([...changes.keys()].sort()).toEqual(['blob.bin', 'edit.txt', 'fresh/data.bin', 'fresh/ünïcode name.txt', 'gone.txt', 'new.txt', 'tool.sh']);
    expect(changes.get('edit.txt')).toMatchObject({ kind: 'modified', staged: 'modified', unstaged: 'modified', added: 3, removed: 1, binary: false });
    expect(changes.get('gone.txt')).toMatchObject({ kind: 'deleted', staged: 'unmodified', unstaged: 'deleted', added: 0, removed: 2, worktreeMode: null });
    expect(changes.get('new.txt')).toMatchObject({ kind: 'renamed', oldPath: 'old.txt', staged: 'renamed', added: 0, removed: 0 });
    expect(changes.get('tool.sh')).toMatchObject({ kind: 'modified', modeChanged: true, headMode: '100644', worktreeMode: '100755', added: 0, removed: 0 });
    expect(changes.get('blob.bin')).toMatchObject({ kind: 'modified', binary: true });
    expect(changes.get('fresh/ünïcode name.txt')).toMatchObject({ kind: 'added', untracked: true, added: 3, removed: 0, binary: false, worktreeMode: '100644' });
    expect(changes.get('fresh/data.bin')).toMatchObject({ kind: 'added', untracked: true, binary: true });
  });

  it('names HEAD as git does: a branch, a branch with no commits yet, a detached HEAD, from any folder', async () => {
    repo.write('sub/a.txt', 'a\n');
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'a');
    repo.git('checkout', '-q', '-b', 'feature/x');
    expect((await readWorktreeState(path.join(repo.dir, 'sub'))).head).toEqual(await readHead(repo.dir));
    expect((await readWorktreeState(repo.dir)).head).toMatchObject({ kind: 'branch', ref: 'refs/heads/feature/x' });
    repo.git('checkout', '-q', '--detach');
    expect((await readWorktreeState(repo.dir)).head).toEqual({ kind: 'detached', commit: repo.git('rev-parse', 'HEAD').trim() });
    const fresh = makeTempRepo({ initialCommit: false });
    try {
      expect((await readWorktreeState(fresh.dir)).head).toEqual(await readHead(fresh.dir));
      expect((await readWorktreeState(fresh.dir)).head).toMatchObject({ kind: 'branch', commit: null });
    } finally {
      fresh.remove();
    }
  });

  it('does not call a rename whose source came back a rename', async () => {
    repo.write('a.txt', 'content\n');
    repo.git('add', 'a.txt');
    repo.git('commit', '-q', '-m', 'a');
    repo.git('mv', 'a.txt', 'b.txt');
    repo.write('a.txt', 'a new a\n');
    const changes = await byPath();
    expect(changes.get('b.txt')).toMatchObject({ kind: 'added', oldPath: null });
    expect(changes.get('a.txt')).toMatchObject({ kind: 'modified' });
  });

  it('works on a repository with no commits, and flags merge conflicts', async () => {
    const fresh = makeTempRepo({ initialCommit: false });
    try {
      fresh.write('first.txt', 'x\ny\n');
      fresh.write('staged.txt', 'z\n');
      fresh.git('add', 'staged.txt');
      const changes = new Map((await readWorktreeStatus(fresh.dir)).map((c) => [c.path, c]));
      expect(changes.get('first.txt')).toMatchObject({ kind: 'added', untracked: true, added: 2 });
      expect(changes.get('staged.txt')).toMatchObject({ kind: 'added', staged: 'added', added: 1 });
    } finally {
      fresh.remove();
    }

    repo.write('c.txt', 'base\n');
    repo.git('add', 'c.txt');
    repo.git('commit', '-q', '-m', 'c');
    repo.git('checkout', '-q', '-b', 'other');
    repo.write('c.txt', 'theirs\n');
    repo.git('commit', '-q', '-am', 'theirs');
    repo.git('checkout', '-q', 'main');
    repo.write('c.txt', 'ours\n');
    repo.git('commit', '-q', '-am', 'ours');
    try {
      repo.git('merge', '-q', 'other');
    } catch {
      // The conflict is the point.
    }
    expect((await byPath()).get('c.txt')).toMatchObject({ unmerged: true });
  });
});
