/**
 * One snapshot of the working tree for every path a commit run will touch, taken once at the
 * start: each path's blob and mode (hashed with the repository's filters, as `git add` would),
 * or null where the file is gone. Every commit of the run is built from this one moment, so a
 * file an agent keeps editing cannot end up half in one commit and half in the next.
 */
import { indexEnv, type ScratchDir } from './scratch-dir';
import { readIndexEntries, type EntryMap } from './index-entries';
import { gitWrite } from './git-runner';
import { joinNul } from './nul-fields';

export async function snapshotWorktree(repo: string, scratch: ScratchDir, baseTree: string | null, paths: readonly string[]): Promise<EntryMap> {
  const env = indexEnv(scratch.file('snapshot-index'));
  // Start from the base tree, so a path that is gone from the working tree can be seen to be gone.
  await gitWrite(repo, baseTree === null ? ['read-tree', '--empty'] : ['read-tree', baseTree], { env });
  // --replace: a file that became a folder (or the reverse) replaces the old entry, as `git add` does.
  await gitWrite(repo, ['update-index', '-z', '--add', '--remove', '--replace', '--stdin'], { env, input: joinNul(paths) });
  const entries = await readIndexEntries(repo, paths, env);
  const snapshot: EntryMap = new Map();
  for (const path of paths) {
    const entry = entries.get(path);
    snapshot.set(path, entry ? { mode: entry.mode, blob: entry.blob } : null);
  }
  return snapshot;
}
