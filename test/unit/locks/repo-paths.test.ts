/**
 * Path normalisation against a real repository in a temp dir, with real symbolic links: inside
 * paths come back repo-relative, everything that leads outside is refused with a clear message.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import picomatch from 'picomatch';
import { beforeAll, describe, expect, it } from 'vitest';
import { RepoPaths } from '../../../src/core/locks/repo-paths';
import { SwitchyardError } from '../../../src/shared/result';

let base: string;
let repo: string;
let outside: string;
let paths: RepoPaths;

beforeAll(() => {
  base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sy-paths-')));
  repo = path.join(base, 'repo');
  outside = path.join(base, 'outside');
  fs.mkdirSync(path.join(repo, 'src', 'sub'), { recursive: true });
  fs.mkdirSync(path.join(repo, 'app', '[id]'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(repo, 'src', 'a.ts'), 'a');
  fs.writeFileSync(path.join(outside, 'secret.txt'), 's');
  fs.symlinkSync(outside, path.join(repo, 'out'));
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(repo, 'outfile'));
  fs.symlinkSync(path.join(outside, 'not-yet'), path.join(repo, 'dangling'));
  fs.symlinkSync('src', path.join(repo, 'inlink'));
  fs.symlinkSync('../a.ts', path.join(repo, 'src', 'sub', 'alias.ts'));
  fs.symlinkSync('../future.ts', path.join(repo, 'src', 'sub', 'dangling-inside.ts'));
  fs.symlinkSync('loop2', path.join(repo, 'loop1'));
  fs.symlinkSync('loop1', path.join(repo, 'loop2'));
  fs.symlinkSync(repo, path.join(base, 'repo-link'));
  paths = RepoPaths.forRepo(repo, { caseInsensitive: false });
});

const refusal = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SwitchyardError);
    expect((error as SwitchyardError).code).toBe('invalid-input');
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('RepoPaths.toRepoPath', () => {
  it('normalises inside paths to repo-relative POSIX, existing or not', () => {
    expect(paths.toRepoPath('src/a.ts')).toBe('src/a.ts');
    expect(paths.toRepoPath('./src//a.ts')).toBe('src/a.ts');
    expect(paths.toRepoPath('src/../src/a.ts')).toBe('src/a.ts');
    expect(paths.toRepoPath(path.join(repo, 'src', 'a.ts'))).toBe('src/a.ts');
    expect(paths.toRepoPath('src/new.ts')).toBe('src/new.ts');
    expect(paths.toRepoPath('brand/new/dir/x.ts')).toBe('brand/new/dir/x.ts');
    expect(paths.toRepoPath('src/a.ts/under-a-file')).toBe('src/a.ts/under-a-file');
    expect(paths.toRepoPath(repo)).toBe('.');
  });

  it('resolves relative paths from the agent’s cwd', () => {
    expect(paths.toRepoPath('x.ts', { cwd: 'src/sub' })).toBe('src/sub/x.ts');
    expect(paths.toRepoPath('../a.ts', { cwd: path.join(repo, 'src', 'sub') })).toBe('src/a.ts');
  });

  it('follows symbolic links that stay inside to the file they name', () => {
    expect(paths.toRepoPath('inlink/a.ts')).toBe('src/a.ts');
    expect(paths.toRepoPath('inlink/new.ts')).toBe('src/new.ts');
    expect(paths.toRepoPath('src/sub/alias.ts')).toBe('src/a.ts');
    expect(paths.toRepoPath('src/sub/dangling-inside.ts')).toBe('src/future.ts');
  });

  it('accepts the repository through a symlinked root too', () => {
    const viaLink = RepoPaths.forRepo(path.join(base, 'repo-link'), { caseInsensitive: false });
    expect(viaLink.root).toBe(repo);
    expect(viaLink.toRepoPath(path.join(base, 'repo-link', 'src', 'a.ts'))).toBe('src/a.ts');
    expect(viaLink.toRepoPath(path.join(repo, 'src', 'a.ts'))).toBe('src/a.ts');
  });

  it('refuses `..` escapes, naming the problem', () => {
    expect(refusal(() => paths.toRepoPath('../outside/secret.txt'))).toMatch(/outside the repository.*climbs out with "\.\."/);
    expect(refusal(() => paths.toRepoPath('src/../../x'))).toMatch(/\.\./);
    expect(refusal(() => paths.toRepoPath('../../etc', { cwd: 'src' }))).toMatch(/outside the repository/);
  });

  it('refuses absolute paths outside the repository', () => {
    expect(refusal(() => paths.toRepoPath('/etc/passwd'))).toBe(
      `/etc/passwd is outside the repository ${repo}; only paths inside it can be claimed or written.`,
    );
    expect(refusal(() => paths.toRepoPath(`${repo}-sibling/x`))).toMatch(/outside the repository/);
  });

  it('refuses symbolic links that lead outside: to a directory, to a file, and dangling ones', () => {
    expect(refusal(() => paths.toRepoPath('out/new-file.ts'))).toMatch(/leads outside the repository through a symbolic link/);
    expect(refusal(() => paths.toRepoPath('out'))).toMatch(/symbolic link/);
    expect(refusal(() => paths.toRepoPath('outfile'))).toMatch(/resolves to .*secret\.txt/);
    expect(refusal(() => paths.toRepoPath('dangling'))).toMatch(/resolves to .*not-yet/);
  });

  it('refuses symlink loops, empty paths and NUL bytes', () => {
    expect(refusal(() => paths.toRepoPath('loop1/x'))).toMatch(/loop/);
    expect(refusal(() => paths.toRepoPath(''))).toMatch(/empty/);
    expect(refusal(() => paths.toRepoPath('src/a\0.ts'))).toMatch(/NUL/);
    expect(refusal(() => paths.toRepoPath('x'.repeat(5_000)))).toMatch(/longer than/);
  });

  it('refuses a repository that does not exist', () => {
    expect(refusal(() => RepoPaths.forRepo(path.join(base, 'nope')))).toMatch(/does not exist/);
  });

  it('compares case-folded when the file system ignores case', () => {
    const folded = RepoPaths.forRepo(repo, { caseInsensitive: true });
    expect(folded.toRepoPath(path.join(base, 'REPO', 'src', 'b.ts'))).toBe('src/b.ts');
    expect(refusal(() => paths.toRepoPath(path.join(base, 'REPO', 'src', 'b.ts')))).toMatch(/outside/);
  });

  it('reads backslashes as separators only on Windows', () => {
    const windows = RepoPaths.forRepo(repo, { caseInsensitive: false, windows: true });
    expect(windows.toRepoPath('src\\a.ts')).toBe('src/a.ts');
    expect(paths.toRepoPath('src\\a.ts')).toBe('src\\a.ts');
  });
});

describe('RepoPaths.toRepoGlob', () => {
  it('keeps repo-relative globs and roots relative ones at the cwd', () => {
    expect(paths.toRepoGlob('src/**/*.ts')).toBe('src/**/*.ts');
    expect(paths.toRepoGlob('./**/*.md')).toBe('**/*.md');
    expect(paths.toRepoGlob('*.ts', { cwd: 'src/sub' })).toBe('src/sub/*.ts');
    expect(paths.toRepoGlob(`${repo}/src/*.ts`)).toBe('src/*.ts');
  });

  it('escapes glob characters in the cwd so they stay literal', () => {
    const glob = paths.toRepoGlob('*.tsx', { cwd: 'app/[id]' });
    expect(glob).toBe('app/\\[id\\]/*.tsx');
    expect(picomatch(glob, { dot: true })('app/[id]/page.tsx')).toBe(true);
    expect(picomatch(glob, { dot: true })('app/i/page.tsx')).toBe(false);
  });

  it('follows an inside symlink in the literal prefix and refuses one that leads outside', () => {
    expect(paths.toRepoGlob('inlink/*.ts')).toBe('src/*.ts');
    expect(refusal(() => paths.toRepoGlob('out/**'))).toMatch(/symbolic link/);
  });

  it('refuses globs outside the repository or with `..`', () => {
    expect(refusal(() => paths.toRepoGlob('/etc/*'))).toMatch(/outside the repository/);
    expect(refusal(() => paths.toRepoGlob('src/../../*'))).toMatch(/"\.\."/);
    expect(refusal(() => paths.toRepoGlob('**/../x'))).toMatch(/"\.\."/);
    expect(refusal(() => paths.toRepoGlob('src//*.ts'))).toMatch(/empty/);
  });
});

describe('RepoPaths.toClaimTarget', () => {
  it('normalises each kind of target', () => {
    expect(paths.toClaimTarget('src/')).toEqual({ kind: 'directory', pattern: 'src' });
    expect(paths.toClaimTarget('./')).toEqual({ kind: 'directory', pattern: '.' });
    expect(paths.toClaimTarget('inlink/a.ts')).toEqual({ kind: 'file', pattern: 'src/a.ts' });
    expect(paths.toClaimTarget('*.ts', { cwd: 'src' })).toEqual({ kind: 'glob', pattern: 'src/*.ts' });
    expect(paths.toClaimTarget({ kind: 'file', pattern: 'app/[id]/page.tsx' })).toEqual({ kind: 'file', pattern: 'app/[id]/page.tsx' });
  });

  it('refuses to claim the repository itself as a file', () => {
    expect(refusal(() => paths.toClaimTarget({ kind: 'file', pattern: '.' }))).toMatch(/claim it as a directory/);
  });
});
