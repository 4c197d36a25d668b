/**
 * One snapshot of the working tree for every path a commit run will touch, taken once at the
 * start: each path's blob and mode (hashed with the repository's filters, as `git add` would),
 * or null where the file is gone. Every commit of the run is built from this one moment, so a
 * file an agent keeps editing cannot end up half in one commit and half in the next.
 */
import { indexEnv, type ScratchDir } from '../git/scratch-dir';
import { readIndexEntries, type EntryMap } from '../git/index-entries';
import { gitWrite } from '../git/git-runner';
import { atLeast, gitVersion } from '../git/git-version';
import { joinNul } from '../git/nul-fields';

/**
 * Blobs of files git stores unconverted go into one pack (git's bulk check-in) instead of one
 * loose object file each: 2,000 files take a fifth of the time. git treats every file above
 * `core.bigFileThreshold` this way, and files with filters or line-ending conversion still take
 * the usual path, so the blobs are exactly those `git add` would write. update-index holds one
 * bulk check-in for all of its stdin only since git 2.37; before, it would make a pack per file.
 */
const BULK_CHECKIN_ARGS = ['-c', 'core.bigFileThreshold=1'];

export async function snapshotWorktree(repo: string, scratch: ScratchDir, baseTree: string | null, paths: readonly string[]): Promise<EntryMap> {
  const env = indexEnv(scratch.file('snapshot-index'));
  // Start from the base tree, so a path that is gone from the working tree can be seen to be gone.
  const [version] = await Promise.all([gitVersion(repo), gitWrite(repo, baseTree === null ? ['read-tree', '--empty'] : ['read-tree', baseTree], { env })]);
  const bulk = atLeast(version, 2, 37) ? BULK_CHECKIN_ARGS : [];
  // --replace: a file that became a folder (or the reverse) replaces the old entry, as `git add` does.
  await gitWrite(repo, [...bulk, 'update-index', '-z', '--add', '--remove', '--replace', '--stdin'], { env, input: joinNul(paths) });
  const entries = await readIndexEntries(repo, paths, env);
  const snapshot: EntryMap = new Map();
  for (const path of paths) {
    const entry = entries.get(path);
    snapshot.set(path, entry ? { mode: entry.mode, blob: entry.blob } : null);
  }
  return snapshot;
}
