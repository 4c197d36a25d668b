/**
 * Switchyard's own install folder is never a repository to work on by default: run from there
 * (`npm start` in the clone, `npx switchyard` beside it), "the current folder" would put `.agents/`
 * and agents into Switchyard itself. Only an explicit `--repo` opens it.
 */
import fs from 'node:fs';
import path from 'node:path';

function realPath(folder: string): string {
  try {
    return fs.realpathSync(path.resolve(folder));
  } catch {
    return path.resolve(folder);
  }
}

/** Whether `folder` is `appRoot` or inside it (symlinks resolved). */
export function isInAppFolder(folder: string, appRoot: string): boolean {
  const relative = path.relative(realPath(appRoot), realPath(folder));
  return relative === '' || !(relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative));
}
