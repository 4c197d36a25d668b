/**
 * Repository-relative paths: POSIX separators, no `.`/`..` segments, never inside `.git/` or
 * Switchyard's own `.agents/`. Everything the journal and the watcher store is in this form.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SwitchyardError } from '../../shared/result';

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
 * symbolic link that points elsewhere.
 */
export function writablePathInRepo(repo: string, relative: string): string {
  const refuse = (why: string): never => {
    throw new SwitchyardError('invalid-input', `Refusing to write ${JSON.stringify(relative)}: ${why}.`);
  };
  if (relative === '' || relative.includes('\0')) refuse('it is not a file path');
  if (path.isAbsolute(relative) || relative.startsWith('/')) refuse('it is absolute');
  const normal = path.posix.normalize(relative);
  if (normal !== relative || normal.split('/').includes('..')) refuse('it is not a normalised path inside the repository');
  if (isPrivatePath(normal)) refuse('it is inside .git/ or .agents/');
  const absolute = path.join(repo, ...normal.split('/'));
  const realRepo = fs.realpathSync(repo);
  // The nearest folder that exists must really be inside the repository (no symlink out of it).
  let folder = path.dirname(absolute);
  while (!fs.existsSync(folder)) folder = path.dirname(folder);
  const realFolder = fs.realpathSync(folder);
  if (realFolder !== realRepo && !realFolder.startsWith(`${realRepo}${path.sep}`)) refuse('a folder on its way is a link out of the repository');
  return absolute;
}
