/**
 * Holds the user's `index.lock` the way git itself does (create it exclusively, remove it when
 * done), so that while Switchyard swaps in an updated index and moves the branch no other git
 * can write the index. Held for milliseconds: never across hooks or tests.
 */
import fs from 'node:fs';
import { indexLockedMessage } from './git-error';

/** An agent's `git add` holds the lock for a moment; waiting this long rides over it. */
export const INDEX_LOCK_WAIT_MS = 3_000;
const INDEX_LOCK_POLL_MS = 25;

export class IndexLockHeldError extends Error {
  constructor(readonly lockPath: string) {
    super(indexLockedMessage(lockPath));
    this.name = 'IndexLockHeldError';
  }
}

export interface IndexLock {
  readonly lockPath: string;
  /** Removes the lock file, once. */
  release(): void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function acquireIndexLock(indexPath: string, waitMs: number = INDEX_LOCK_WAIT_MS): Promise<IndexLock> {
  const lockPath = `${indexPath}.lock`;
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      fs.closeSync(fs.openSync(lockPath, 'wx'));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (Date.now() >= deadline) throw new IndexLockHeldError(lockPath);
      await sleep(INDEX_LOCK_POLL_MS);
    }
  }
  let held = true;
  return {
    lockPath,
    release: () => {
      if (!held) return;
      held = false;
      fs.rmSync(lockPath, { force: true });
    },
  };
}

/** Waits for another git's `index.lock` to go away without taking it (taking it would block that git). */
export async function waitUntilIndexFree(indexPath: string, waitMs: number = INDEX_LOCK_WAIT_MS): Promise<void> {
  const lockPath = `${indexPath}.lock`;
  const deadline = Date.now() + waitMs;
  while (fs.existsSync(lockPath)) {
    if (Date.now() >= deadline) throw new IndexLockHeldError(lockPath);
    await sleep(INDEX_LOCK_POLL_MS);
  }
}
