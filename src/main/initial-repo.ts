/**
 * The repository the window opens at start: `--repo PATH`, none with `--no-repo`, else
 * SWITCHYARD_REPO, else where `npm start` was run (INIT_CWD) or the current folder, unless that is
 * Switchyard's own folder: then none, and the window asks for one.
 */
import path from 'node:path';
import { isInAppFolder } from '../core';

export function initialRepo(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string, appRoot: string): string | null {
  const flag = argv.indexOf('--repo');
  if (flag >= 0 && argv[flag + 1]) return path.resolve(argv[flag + 1]!);
  if (argv.includes('--no-repo')) return null;
  if (env.SWITCHYARD_REPO) return path.resolve(env.SWITCHYARD_REPO);
  const folder = env.INIT_CWD ?? cwd;
  return isInAppFolder(folder, appRoot) ? null : folder;
}
