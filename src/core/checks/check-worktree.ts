/**
 * A throwaway git worktree of HEAD, outside the repository (under the OS temp folder), for running
 * the test command on one agent's changes without touching the working tree the agents share:
 * `git worktree add` writes only its own folder and `.git/worktrees/<name>`, never the main index.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SwitchyardError } from '../../shared/result';
import { gitReadText, gitWrite } from '../git/git-runner';
import { readBlob } from '../journal/blob-store';
import type { JournalVersion } from '../journal/journal-types';

/** Folders at the repository root that are never committed but that test commands need (installed dependencies). */
const LINKED_FOLDERS = ['node_modules'];

export interface CheckWorktree {
  /** The worktree's root: HEAD's files, then the overlay. */
  readonly dir: string;
  /** How long `git worktree add` took, in ms. */
  readonly createdMs: number;
  /** Removes the worktree and its registration; never throws. */
  remove(): Promise<void>;
}

export async function createCheckWorktree(repo: string): Promise<CheckWorktree> {
  const head = (await gitReadText(repo, ['rev-parse', '--verify', '--quiet', 'HEAD'], { okExitCodes: [1, 128] })).trim();
  if (head === '') throw new SwitchyardError('invalid-input', 'The repository has no commit yet: a check runs on HEAD plus the agent\'s changes.');
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-check-'));
  const dir = path.join(parent, 'tree');
  const started = performance.now();
  try {
    await gitWrite(repo, ['worktree', 'add', '--detach', '--quiet', dir, head]);
  } catch (error) {
    fs.rmSync(parent, { recursive: true, force: true });
    throw error;
  }
  const createdMs = performance.now() - started;
  for (const name of LINKED_FOLDERS) {
    const source = path.join(repo, name);
    const target = path.join(dir, name);
    // A link, not a copy: installing dependencies per check would cost more than the tests.
    if (fs.existsSync(source) && !fs.existsSync(target)) fs.symlinkSync(source, target);
  }
  return {
    dir,
    createdMs,
    remove: async () => {
      await gitWrite(repo, ['worktree', 'remove', '--force', '--force', dir]).catch(() => undefined);
      fs.rmSync(parent, { recursive: true, force: true });
      // Drops the registration if the remove above failed (the folder is gone now either way).
      await gitWrite(repo, ['worktree', 'prune']).catch(() => undefined);
    },
  };
}

/** Lays the agent's versions of its files over the worktree: kept bytes written, deleted files removed. */
export async function overlayVersions(repo: string, dir: string, versions: readonly JournalVersion[], fromWorkingTree: (relative: string) => string): Promise<void> {
  for (const version of versions) {
    const target = path.join(dir, ...version.path.split('/'));
    await fs.promises.rm(target, { force: true, recursive: false }).catch(() => undefined);
    if (version.state === 'deleted') continue;
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    if (version.state !== 'kept') {
      // Too large for the journal (or unreadable then): the working tree's copy is the best there is.
      await fs.promises.copyFile(fromWorkingTree(version.path), target).catch(() => undefined);
      continue;
    }
    const content = await readBlob(repo, version.blob!);
    if (version.mode === '120000') await fs.promises.symlink(content.toString('utf8'), target);
    else await fs.promises.writeFile(target, content, { mode: version.mode === '100755' ? 0o755 : 0o644 });
  }
}
