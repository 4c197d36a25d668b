/**
 * The repository's commit hooks, run through `git hook run` so every git rule for running them
 * applies exactly as for `git commit`. pre-commit and the message hooks see the temporary index
 * (GIT_INDEX_FILE), so they check what is being committed, not the user's staging area.
 */
import fs from 'node:fs';
import path from 'node:path';
import { GitError } from '../git/git-error';
import { gitReadText, gitWrite } from '../git/git-runner';

export type CommitHookName = 'pre-commit' | 'prepare-commit-msg' | 'commit-msg' | 'post-commit';
export const COMMIT_HOOKS: readonly CommitHookName[] = ['pre-commit', 'prepare-commit-msg', 'commit-msg', 'post-commit'];

export interface HookOutcome {
  ok: boolean;
  exitCode: number;
  /** What the hook printed (git sends a hook's stdout to stderr as well). */
  output: string;
}

/**
 * The hooks that exist, found once per run where git looks (`core.hooksPath` included), so a
 * commit does not start a process per absent hook. git runs a hook only if it is executable.
 */
export async function findInstalledHooks(repo: string): Promise<Set<CommitHookName>> {
  const args = COMMIT_HOOKS.flatMap((name) => ['--git-path', `hooks/${name}`]);
  const paths = (await gitReadText(repo, ['rev-parse', ...args])).split('\n');
  const installed = new Set<CommitHookName>();
  COMMIT_HOOKS.forEach((name, i) => {
    try {
      fs.accessSync(path.resolve(repo, paths[i]!), fs.constants.X_OK);
      installed.add(name);
    } catch {
      // Absent or not executable: git would skip it too.
    }
  });
  return installed;
}

export async function runCommitHook(repo: string, name: CommitHookName, args: readonly string[], env: Record<string, string>): Promise<HookOutcome> {
  try {
    const result = await gitWrite(repo, ['hook', 'run', '--ignore-missing', name, '--', ...args], { env, keepLocale: true });
    return { ok: true, exitCode: 0, output: result.stderr + result.stdout.toString('utf8') };
  } catch (error) {
    if (!(error instanceof GitError) || error.exitCode === null) throw error;
    return { ok: false, exitCode: error.exitCode, output: error.stderr };
  }
}
