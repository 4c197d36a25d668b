/**
 * What a command works on when `--repo` is not given: the current folder, unless that is
 * Switchyard's own install folder (see core/repo/app-folder.ts). There a client command asks for a
 * repository instead, and `serve` opens none (the UI asks for one).
 */
import { isInAppFolder } from '../core/repo/app-folder';
import { CliError } from './cli-error';
import { runningRepoOf } from './running-repo';

export const appFolderAdvice = (folder: string): string =>
  `${folder} is Switchyard's own folder, not a repository to work on: pass --repo <path>, or run the command from inside your repository.`;

/** The repository of a client command with no `--repo`; a usage error (exit 2) in the app's folder. */
export function defaultRepo(appRoot: string, cwd: string = process.cwd()): string {
  // A Switchyard someone opened on its own folder on purpose (with --repo) still answers here.
  if (isInAppFolder(cwd, appRoot) && !runningRepoOf(cwd)) throw new CliError(appFolderAdvice(cwd), 2);
  return cwd;
}

/** The folder `serve` opens: `--repo`, none with `--no-repo`, else the current folder but for the app's own. */
export function serveRepo(
  given: string | boolean | undefined,
  appRoot: string,
  cwd: string = process.cwd(),
): { repo: string | null; note?: string } {
  if (typeof given === 'string') return { repo: given };
  if (given === false) return { repo: null };
  if (isInAppFolder(cwd, appRoot)) {
    return { repo: null, note: `Not opening ${cwd}: it is Switchyard's own folder. Choose a repository in the browser, or pass --repo <path>.` };
  }
  return { repo: cwd };
}
