/**
 * The check every command path goes through before git or the file system sees it: a path a
 * client names (a file to diff, a journal timeline, a plan's files) must be repository-relative
 * in the form git prints (POSIX, normalised, no `..`), inside the repository and outside its
 * `.git/`. Refused paths are bad input (`invalid-input`) with a reason a person can act on,
 * never git's exit 128 ("is outside repository") surfacing as an internal error.
 *
 * Callers that go on to read or write the path through the file system also ask for
 * `throughFileSystem`: then a symbolic link on the way must not lead outside the repository.
 * git itself never follows such a link (a tracked `dir/f` whose `dir` became a link is simply
 * deleted to git), so paths only git will see are not refused for it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SwitchyardError } from '../../shared/result';

/** Linux's PATH_MAX; nothing longer can be a path on disk. */
const MAX_PATH_LENGTH = 4_096;
/** The repository's own git data: never part of the working tree (in any case: `.GIT` is it on macOS). */
const GIT_DIR = '.git';

export interface RepoPathGuardOptions {
  /** The caller reads or writes the path itself: a link on the way must stay inside the repository. */
  throughFileSystem?: boolean;
}

/**
 * What is wrong with `relative` as a path inside `repo` (the working tree's top folder), as a
 * phrase to follow the path ("is outside the repository /r"); null when it is fine.
 */
export function repoPathProblem(repo: string, relative: string, options: RepoPathGuardOptions = {}): string | null {
  if (typeof relative !== 'string' || relative.length === 0) return 'is empty';
  if (relative.length > MAX_PATH_LENGTH) return `is longer than ${MAX_PATH_LENGTH} characters`;
  if (relative.includes('\0')) return 'contains a NUL byte';
  if (relative.startsWith('/') || path.isAbsolute(relative)) {
    const inside = insideRelative(repo, relative);
    if (inside === null) return `is outside the repository ${repo}`;
    return `is absolute; give it relative to the repository root, as git prints it${inside ? ` ("${inside}")` : ''}`;
  }
  const segments = relative.split('/');
  if (segments.includes('..')) return 'contains "..", which could lead out of the repository';
  if (segments.some((s) => s === '' || s === '.')) return 'is not normalised (it has empty or "." segments)';
  if (segments[0]!.toLowerCase() === GIT_DIR) return "is inside .git/, git's own data and never part of the working tree";
  return options.throughFileSystem ? linkProblem(repo, segments) : null;
}

/**
 * Returns `relative` unchanged when it names a path inside `repo` as git prints it; throws an
 * `invalid-input` SwitchyardError saying why otherwise. `what` names the path in the message.
 */
export function checkRepoPath(repo: string, relative: string, options: RepoPathGuardOptions & { what?: string } = {}): string {
  const problem = repoPathProblem(repo, relative, options);
  if (problem === null) return relative;
  // An empty or overlong path is not worth quoting back.
  const shown = relative.length === 0 || relative.length > MAX_PATH_LENGTH ? '' : ` ${JSON.stringify(relative)}`;
  throw new SwitchyardError('invalid-input', `The ${options.what ?? 'path'}${shown} ${problem}.`);
}

/** The repo-relative form of an absolute path inside `repo` ('' for the root), or null when outside. */
function insideRelative(repo: string, absolute: string): string | null {
  for (const root of new Set([path.resolve(repo), realOrSelf(repo)])) {
    const rel = path.relative(root, path.resolve(absolute));
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
  }
  return null;
}

/** The nearest folder on the way that exists must really be inside the repository (no link out of it). */
function linkProblem(repo: string, segments: readonly string[]): string | null {
  const realRepo = realOrSelf(repo);
  let folder = path.join(repo, ...segments.slice(0, -1));
  for (;;) {
    try {
      const real = fs.realpathSync.native(folder);
      return real === realRepo || real.startsWith(`${realRepo}${path.sep}`) ? null : `leads outside the repository through a symbolic link (to ${real})`;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') return 'goes through a loop of symbolic links';
      // Missing, or a file where a folder was: the folder above decides. A dangling link does
      // not: writing through it would create its target, wherever that is.
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return `cannot be inspected (${code ?? 'error'})`;
      if (isLink(folder)) return 'goes through a symbolic link that points nowhere';
    }
    const parent = path.dirname(folder);
    if (parent === folder) return null;
    folder = parent;
  }
}

function isLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function realOrSelf(folder: string): string {
  try {
    return fs.realpathSync.native(folder);
  } catch {
    return path.resolve(folder);
  }
}
