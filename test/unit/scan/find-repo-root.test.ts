/** Which work tree a folder belongs to, without a git process: a real `.git`, not a leftover mount point. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findRepoRoot } from '../../../src/core/scan/find-repo-root';
import { makeTempRepo, type TempRepo } from '../../harness/temp-repo';

describe('findRepoRoot', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((clean) => clean()));
  const tempDir = (): string => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sy-root-')));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    return dir;
  };

  it('finds the repository of a folder deep inside it', () => {
    const repo: TempRepo = makeTempRepo();
    cleanups.push(() => repo.remove());
    fs.mkdirSync(path.join(repo.dir, 'a/b'), { recursive: true });
    expect(findRepoRoot(path.join(repo.dir, 'a/b'))).toBe(fs.realpathSync(repo.dir));
  });

  it('passes over an empty .git directory (what a killed Codex sandbox leaves in /tmp)', () => {
    const top = tempDir();
    fs.mkdirSync(path.join(top, '.git'));
    fs.mkdirSync(path.join(top, 'work'));
    const found = findRepoRoot(path.join(top, 'work'));
    expect(found === null || !found.startsWith(top)).toBe(true);
  });

  it('takes a gitdir: file (a linked worktree or a submodule) as a work tree, but not any file named .git', () => {
    const worktree = tempDir();
    fs.writeFileSync(path.join(worktree, '.git'), 'gitdir: /elsewhere/.git/worktrees/w\n');
    expect(findRepoRoot(worktree)).toBe(worktree);
    const stray = tempDir();
    fs.writeFileSync(path.join(stray, '.git'), 'not a pointer\n');
    const found = findRepoRoot(stray);
    expect(found === null || !found.startsWith(stray)).toBe(true);
  });
});
