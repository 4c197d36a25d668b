/**
 * Finds the repository a running Switchyard serves for a folder without starting git. Starting
 * `git rev-parse` (a process, plus loading child_process) is the largest cost of a client call
 * after Node's own start-up, and agents call `switchyard status` and `locks` often.
 *
 * Git's discovery, for the common case: the nearest folder at or above the given one that holds
 * `.git` (a directory, or the file of a linked worktree or submodule) is the work tree's root. The
 * answer is used only when a live Switchyard's instance file names exactly that root, which that
 * Switchyard already checked is a repository; otherwise (no Switchyard, a folder inside `.git`,
 * git's discovery steered by its environment) the caller asks git, so every message and error
 * stays git's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readInstance } from '../core/instances/instance-registry';

/** Environment variables that change which repository git finds for a folder. */
const GIT_DISCOVERY_ENV = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_CEILING_DIRECTORIES', 'GIT_DISCOVERY_ACROSS_FILESYSTEM', 'GIT_COMMON_DIR'];

/** The work tree root of `folder` when a live Switchyard serves it; null when git must decide. */
export function runningRepoOf(folder: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (GIT_DISCOVERY_ENV.some((name) => env[name] !== undefined)) return null;
  let dir: string;
  try {
    dir = fs.realpathSync(path.resolve(folder));
    if (!fs.statSync(dir).isDirectory()) return null;
  } catch {
    return null;
  }
  if (dir.split(path.sep).includes('.git')) return null;
  for (;;) {
    if (fs.existsSync(path.join(dir, '.git'))) return readInstance(dir, env) ? dir : null;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
