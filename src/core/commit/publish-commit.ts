/**
 * Makes built commits the new tip and brings the user's index along for exactly the committed
 * paths. With `index.lock` held (so no git writes the index meanwhile): copy the index, set the
 * committed paths in the copy to what was committed, move the branch only if it is still where
 * we expect (compare-and-swap), then put the copy in place. If the branch moved, the copy is
 * dropped and nothing changed. Every other entry of the user's index, staged or not, is untouched.
 *
 * Several commits (a chain, each the parent of the next) are published at once when no hook
 * needs to see each one on the branch: one lock, one index update and one branch move for the
 * run instead of one per commit. The branch's reflog then has one entry for the chain.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { acquireIndexLock } from '../git/index-lock';
import { indexInfoInput, readIndexEntries, type IndexEntry, type TreeChange } from '../git/index-entries';
import { readHeadRef } from '../git/head-state';
import { gitWrite } from '../git/git-runner';
import { indexEnv } from '../git/scratch-dir';
import type { RepoFacts } from '../git/repo-facts';

export interface PublishRequest {
  /** Where HEAD must still point: the branch ref (null when detached) and its commit. */
  expected: { ref: string | null; commit: string | null };
  /** In order: each commit's parent is the one before it (the first's is `expected.commit`). */
  commits: ReadonlyArray<{ sha: string; committed: readonly TreeChange[] }>;
  reflogMessage: string;
  lockWaitMs?: number;
}

/** A path whose staged version differed from what was committed; the committed version won. */
export interface ReplacedStaged {
  path: string;
  /** The blob the user had staged (still in the object store), or null for a staged removal. */
  staged: IndexEntry | null;
}

/** HEAD now points at another branch or commit than the plan expects. */
export class HeadMovedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HeadMovedError';
  }
}

/** The commit is on the branch but the user's index could not be updated afterwards. */
export class IndexInstallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndexInstallError';
  }
}

/** Returns, per commit, the paths whose staged version the commit replaced. */
export async function publishCommits(repo: string, facts: RepoFacts, request: PublishRequest): Promise<ReplacedStaged[][]> {
  const tip = request.commits.at(-1);
  if (!tip) return [];
  const lock = await acquireIndexLock(facts.indexPath, request.lockWaitMs);
  const copy = `${facts.indexPath}.switchyard-${crypto.randomBytes(6).toString('hex')}`;
  try {
    // Beside the real index, so a split index finds its shared part.
    if (fs.existsSync(facts.indexPath)) copyKeepingRaciness(facts.indexPath, copy);
    // What the index holds after the last commit: a path several commits changed ends as the last made it.
    const final = new Map<string, IndexEntry | null>();
    for (const commit of request.commits) for (const change of commit.committed) final.set(change.path, change.after);
    const paths = [...final.keys()];
    // Independent reads and the copy's update, side by side: the lock is held for as short as can be.
    const [ref, before] = await Promise.all([
      // Checked under the lock: `git switch` needs it too, so HEAD cannot change branch from here on.
      readHeadRef(repo),
      // The real index cannot change while we hold its lock.
      readIndexEntries(repo, paths),
      gitWrite(repo, ['update-index', '-z', '--index-info'], { env: indexEnv(copy), input: indexInfoInput(final, facts.zeroId) }),
    ]);
    if (ref !== request.expected.ref) {
      throw new HeadMovedError(`HEAD moved to ${ref ?? 'a detached commit'} while committing; nothing more was committed — make the plan again.`);
    }
    const replaced = replacedPerCommit(request.commits, before, facts.emptyBlob);
    const old = request.expected.commit ?? facts.zeroId;
    const refArgs = ref === null ? ['--no-deref', 'HEAD'] : [ref];
    // The old value makes this a compare-and-swap: git refuses if anyone moved the ref meanwhile.
    await gitWrite(repo, ['update-ref', '-m', request.reflogMessage, ...refArgs, tip.sha, old]);
    try {
      fs.renameSync(copy, facts.indexPath);
    } catch (error) {
      const list = paths.slice(0, 5).join(' ') + (paths.length > 5 ? ' …' : '');
      throw new IndexInstallError(
        `Committed ${tip.sha.slice(0, 12)}, but your index could not be updated (${(error as Error).message}); it still holds the old versions of the committed files. Run \`git reset -q -- ${list}\` for those files to fix it.`,
      );
    }
    return replaced;
  } finally {
    fs.rmSync(copy, { force: true });
    lock.release();
  }
}

/**
 * git trusts an entry's stat data only if the file is older than the index file ("racy git").
 * A copy is newer than the original, which would make entries that were racily clean look clean;
 * giving the copy the original's time (rounded down, so never later) keeps them re-checked.
 */
function copyKeepingRaciness(from: string, to: string): void {
  fs.copyFileSync(from, to);
  const { atime, mtimeMs } = fs.statSync(from);
  fs.utimesSync(to, atime, Math.floor(mtimeMs / 1000));
}

/**
 * Each commit's replaced paths as if the index had followed commit by commit: after a commit,
 * its paths hold what it committed, so a later commit of the same path replaces nothing staged.
 */
function replacedPerCommit(commits: PublishRequest['commits'], before: Map<string, IndexEntry>, emptyBlob: string): ReplacedStaged[][] {
  const index = new Map<string, IndexEntry>(before);
  return commits.map((commit) => {
    const replaced = replacedStaged(commit.committed, index, emptyBlob);
    for (const change of commit.committed) {
      if (change.after) index.set(change.path, change.after);
      else index.delete(change.path);
    }
    return replaced;
  });
}

function sameEntry(a: IndexEntry | null | undefined, b: IndexEntry | null): boolean {
  if (!a || !b) return !a && !b;
  return a.mode === b.mode && a.blob === b.blob;
}

/** Paths the user had staged with other content than both the parent's and the commit's. */
function replacedStaged(committed: readonly TreeChange[], before: Map<string, IndexEntry>, emptyBlob: string): ReplacedStaged[] {
  const replaced: ReplacedStaged[] = [];
  for (const change of committed) {
    const staged = before.get(change.path) ?? null;
    if (sameEntry(staged, change.before) || sameEntry(staged, change.after)) continue;
    // `git add -N` of a new file: an intent, not content; committing the file fulfils it.
    if (change.before === null && staged?.blob === emptyBlob) continue;
    replaced.push({ path: change.path, staged: staged ? { mode: staged.mode, blob: staged.blob } : null });
  }
  return replaced;
}
