/**
 * Repository-relative paths: POSIX separators, no `.`/`..` segments, never inside `.git/` or
 * Switchyard's own `.agents/`. Everything the journal and the watcher store is in this form.
 */
import path from 'node:path';
import { SwitchyardError } from '../../shared/result';
import { repoPathProblem } from '../repo/repo-path-guard';

/** Top-level folders that are never a working-tree change: git's own, and Switchyard's. */
export const PRIVATE_FOLDERS: readonly string[] = ['.git', '.agents'];

export function isPrivatePath(relative: string): boolean {
  const first = relative.split('/', 1)[0]!;
  return PRIVATE_FOLDERS.includes(first);
}

/** The repo-relative form of `target` (absolute, or relative to `from`), or null when it is outside the repository. */
export function toRepoRelative(repo: string, target: string, from: string = repo): string | null {
  const absolute = path.resolve(from, target);
  const relative = path.relative(repo, absolute);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return relative.split(path.sep).join('/');
}

/**
 * The absolute path for a repo-relative path that Switchyard may write, or an error when it
 * could lead outside the working tree: absolute, `..`, inside `.git/` or `.agents/`, or under a
 * symbolic link that points elsewhere (the command path guard, as for a file read).
 */
export function writablePathInRepo(repo: string, relative: string): string {
  const refuse = (why: string): never => {
    throw new SwitchyardError('invalid-input', `Refusing to write ${JSON.stringify(relative)}: it ${why}.`);
  };
  const problem = repoPathProblem(repo, relative, { throughFileSystem: true });
  if (problem !== null) refuse(problem);
  if (isPrivatePath(relative)) refuse("is inside .agents/, Switchyard's own folder");
  return path.join(repo, ...relative.split('/'));
}
