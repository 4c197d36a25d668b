/**
 * One queue per repository for Switchyard's own git writes (commits, index updates), so two
 * of them never interleave, whichever part of the app starts them. It orders our own work only;
 * other processes' git is kept out by git's lock files.
 */
import fs from 'node:fs';
import path from 'node:path';

const tails = new Map<string, Promise<unknown>>();

/** One key per repository however it was named (relative, through a symbolic link). */
function keyOf(repo: string): string {
  try {
    return fs.realpathSync(repo);
  } catch {
    return path.resolve(repo);
  }
}

/** Runs `work` after every earlier call for the same repository has settled. */
export function withRepoMutex<T>(repo: string, work: () => Promise<T>): Promise<T> {
  const key = keyOf(repo);
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(work, work);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(key, tail);
  // Forget a repository once its queue drains, so the map does not grow with every repo opened.
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}

/** Whether Switchyard itself has a git write queued or running for `repo`. */
export function isRepoBusy(repo: string): boolean {
  return tails.has(keyOf(repo));
}
