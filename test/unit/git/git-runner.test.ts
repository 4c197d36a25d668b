/** Running git: clean environment, lock-free reads, typed errors with messages a person can act on, one writer per repository. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classifyGitFailure, GitError } from '../../../src/core/git/git-error';
import { gitEnv, gitRead, gitReadText, gitWrite } from '../../../src/core/git/git-runner';
import { acquireIndexLock, IndexLockHeldError, waitUntilIndexFree } from '../../../src/core/git/index-lock';
import { withRepoMutex } from '../../../src/core/git/repo-mutex';
import { makeTempRepo, type TempRepo } from '../../harness/temp-repo';

describe('git runner', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = makeTempRepo();
  });
  afterEach(() => repo.remove());

  it('ignores inherited variables that would point git at another index or repository', async () => {
    const saved = process.env.GIT_INDEX_FILE;
    process.env.GIT_INDEX_FILE = path.join(repo.dir, 'nowhere-index');
    try {
      expect(gitEnv().GIT_INDEX_FILE).toBeUndefined();
      expect(await gitReadText(repo.dir, ['ls-files'])).toBe('README.md\n');
      expect(gitEnv({ env: { GIT_INDEX_FILE: '/tmp/x' } }).GIT_INDEX_FILE).toBe('/tmp/x');
    } finally {
      if (saved === undefined) delete process.env.GIT_INDEX_FILE;
      else process.env.GIT_INDEX_FILE = saved;
    }
  });

  it('reads without taking index.lock, even while another git holds it', async () => {
    repo.write('README.md', 'changed\n');
    fs.writeFileSync(path.join(repo.dir, '.git', 'index.lock'), '');
    const status = await gitReadText(repo.dir, ['status', '--porcelain']);
    expect(status).toBe(' M README.md\n');
  });

  it('passes stdin and treats listed exit codes as answers', async () => {
    const blob = (await gitWrite(repo.dir, ['hash-object', '-w', '--stdin'], { input: 'hello\n' })).stdout.toString().trim();
    expect(await gitReadText(repo.dir, ['cat-file', 'blob', blob])).toBe('hello\n');
    repo.write('README.md', 'changed\n');
    const out = await gitWrite(repo.dir, ['diff', '--quiet', 'HEAD'], { okExitCodes: [1] });
    expect(out.exitCode).toBe(1);
  });

  it('rejects with a typed error saying what to do when index.lock is held', async () => {
    repo.write('new.txt', 'x');
    fs.writeFileSync(path.join(repo.dir, '.git', 'index.lock'), '');
    const error = await gitWrite(repo.dir, ['add', 'new.txt']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect(error).toMatchObject({ kind: 'index-locked', exitCode: 128 });
    expect((error as GitError).message).toBe(
      `index.lock is held by another git process (${path.join(repo.dir, '.git', 'index.lock')}); wait for it to finish, or remove the file if no git is running.`,
    );
  });

  it('tells a moved branch, a missing identity and other failures apart', async () => {
    const head = (await gitReadText(repo.dir, ['rev-parse', 'HEAD'])).trim();
    const moved = await gitWrite(repo.dir, ['update-ref', 'refs/heads/main', head, '1'.repeat(40)]).catch((e: unknown) => e);
    expect(moved).toMatchObject({ kind: 'ref-moved' });
    expect((moved as GitError).message).toMatch(/refs\/heads\/main was moved by someone else/);
    expect(classifyGitFailure(['commit-tree'], 128, '*** Please tell me who you are.\n')).toMatchObject({ kind: 'identity-unknown' });
    const other = await gitRead(repo.dir, ['cat-file', 'blob', 'nope']).catch((e: unknown) => e);
    expect(other).toMatchObject({ kind: 'failed' });
    expect((other as GitError).message).toMatch(/^git cat-file blob nope failed \(exit 128\): fatal: /);
  });
});

describe('index lock', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = makeTempRepo();
  });
  afterEach(() => repo.remove());

  it('takes index.lock exclusively, makes git wait for it, and releases it once', async () => {
    const index = path.join(repo.dir, '.git', 'index');
    const lock = await acquireIndexLock(index, 0);
    await expect(acquireIndexLock(index, 50)).rejects.toBeInstanceOf(IndexLockHeldError);
    await expect(gitWrite(repo.dir, ['add', 'README.md'])).rejects.toMatchObject({ kind: 'index-locked' });
    lock.release();
    lock.release();
    expect(fs.existsSync(`${index}.lock`)).toBe(false);
  });

  it('waits for another process to let go of it', async () => {
    const index = path.join(repo.dir, '.git', 'index');
    fs.writeFileSync(`${index}.lock`, '');
    setTimeout(() => fs.rmSync(`${index}.lock`), 100);
    await expect(waitUntilIndexFree(index, 2_000)).resolves.toBeUndefined();
    fs.writeFileSync(`${index}.lock`, '');
    await expect(waitUntilIndexFree(index, 50)).rejects.toBeInstanceOf(IndexLockHeldError);
  });
});

describe('withRepoMutex', () => {
  it('runs one repository\'s work one at a time, in order, even after a failure; other repositories run alongside', async () => {
    const log: string[] = [];
    const task = (name: string, ms: number, fail = false) => async () => {
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([
      withRepoMutex('/repo/a', task('a1', 30, true)),
      withRepoMutex('/repo/a/', task('a2', 5)),
      withRepoMutex('/repo/b', task('b1', 10)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(log.indexOf('end a1')).toBeLessThan(log.indexOf('start a2'));
    expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'));
  });
});
