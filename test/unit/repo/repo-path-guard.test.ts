/**
 * The command path guard against a real folder with real symbolic links: paths as git prints
 * them pass unchanged; absolute, climbing, unnormalised and `.git/` paths are refused as
 * invalid input with the reason; links out of the repository are refused only for callers that
 * go through the file system.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRepoPath, repoPathProblem } from '../../../src/core/repo/repo-path-guard';
import { SwitchyardError } from '../../../src/shared/result';

let base: string;
let repo: string;
let outside: string;

beforeAll(() => {
  base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sy-guard-')));
  repo = path.join(base, 'repo');
  outside = path.join(base, 'outside');
  fs.mkdirSync(path.join(repo, 'src'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(repo, 'src', 'a.ts'), 'a');
  fs.writeFileSync(path.join(outside, 'secret.txt'), 's');
  fs.symlinkSync(outside, path.join(repo, 'out'));
  fs.symlinkSync('src', path.join(repo, 'inlink'));
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(repo, 'outfile'));
  fs.symlinkSync(path.join(outside, 'not-yet'), path.join(repo, 'dangling'));
  fs.symlinkSync('loop2', path.join(repo, 'loop1'));
  fs.symlinkSync('loop1', path.join(repo, 'loop2'));
});
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

const refusal = (relative: string, throughFileSystem = false): string => {
  try {
    checkRepoPath(repo, relative, { throughFileSystem });
  } catch (error) {
    expect(error).toBeInstanceOf(SwitchyardError);
    expect((error as SwitchyardError).code).toBe('invalid-input');
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(relative)} to be refused`);
};

describe('checkRepoPath', () => {
  it('passes paths as git prints them unchanged, existing or not, on both levels', () => {
    for (const ok of ['src/a.ts', 'src/new.ts', 'brand/new/x.ts', 'src/a.ts/under-a-file', '.gitignore', 'sub/.git/config', 'a\\b', 'line\nbreak', '-n']) {
      expect(checkRepoPath(repo, ok), ok).toBe(ok);
      expect(checkRepoPath(repo, ok, { throughFileSystem: true }), ok).toBe(ok);
    }
  });

  it('refuses an absolute path outside the repository, saying so', () => {
    expect(refusal('/etc/passwd')).toBe(`The path "/etc/passwd" is outside the repository ${repo}.`);
    expect(refusal(path.join(outside, 'secret.txt'))).toMatch(/is outside the repository/);
  });

  it('refuses an absolute path inside the repository, naming the relative form to give', () => {
    expect(refusal(path.join(repo, 'src', 'a.ts'))).toMatch(/is absolute; give it relative to the repository root, as git prints it \("src\/a.ts"\)/);
    expect(refusal(repo)).toMatch(/is absolute/);
  });

  it('refuses "..", unnormalised spellings, .git/ and NUL', () => {
    for (const bad of ['..', '../x', '../../../etc/passwd', 'src/../../x', 'src/..']) expect(refusal(bad), bad).toMatch(/contains "\.\."/);
    for (const bad of ['.', './src/a.ts', 'src//a.ts', 'src/', 'src/./a.ts']) expect(refusal(bad), bad).toMatch(/not normalised/);
    for (const bad of ['.git', '.git/config', '.GIT/config']) expect(refusal(bad), bad).toMatch(/inside \.git\//);
    expect(refusal('a\0b')).toMatch(/NUL byte/);
    expect(refusal('')).toBe('The path is empty.');
    expect(refusal('x'.repeat(4_097))).toMatch(/longer than 4096/);
  });

  it('lets git see a path under a link (git never follows it), but not the file system when the link leads out', () => {
    expect(checkRepoPath(repo, 'out/secret.txt')).toBe('out/secret.txt');
    expect(refusal('out/secret.txt', true)).toMatch(new RegExp(`leads outside the repository through a symbolic link \\(to ${outside}\\)`));
    expect(refusal('out/new/deeper.txt', true)).toMatch(/leads outside the repository/);
    expect(refusal('dangling/x.txt', true)).toMatch(/symbolic link that points nowhere/);
    expect(refusal('loop1/x', true)).toMatch(/loop of symbolic links/);
  });

  it('allows links that stay inside, and a link as the last segment (it is read as a link, not followed)', () => {
    expect(checkRepoPath(repo, 'inlink/a.ts', { throughFileSystem: true })).toBe('inlink/a.ts');
    expect(checkRepoPath(repo, 'outfile', { throughFileSystem: true })).toBe('outfile');
  });

  it('answers the problem as a phrase for callers with their own wording', () => {
    expect(repoPathProblem(repo, 'src/a.ts')).toBeNull();
    expect(repoPathProblem(repo, '../x')).toBe('contains "..", which could lead out of the repository');
  });
});
