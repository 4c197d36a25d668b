/**
 * Puts a commit brought back from an isolated agent on the shared tree's branch and makes the
 * shared working tree hold it, without touching anything of the user's: only the paths the commit
 * changes are written (index and files), and only when none of them has uncommitted changes in
 * the shared tree (otherwise the whole step is refused, naming them). The branch moves with a
 * compare-and-swap and the index is updated on a copy (publish-commit.ts), so a concurrent commit
 * or `git switch` makes the step fail with nothing changed.
 */
import { publishCommits } from '../commit/publish-commit';
import { changesOfChain } from '../commit/unit-commit';
import { gitRead } from '../git/git-runner';
import type { TreeChange } from '../git/index-entries';
import { chunkArgs, splitNul } from '../git/nul-fields';
import { parsePorcelainV2 } from '../git/porcelain-v2';
import type { RepoFacts } from '../git/repo-facts';
import { writeWorkingFiles } from './working-files';

/** A path the step would write that holds the user's uncommitted (or untracked) work. */
export class SharedTreeBusyError extends Error {
  constructor(readonly paths: string[]) {
    super(
      `${paths.length === 1 ? `${paths[0]} has` : `${paths.slice(0, 5).join(', ')}${paths.length > 5 ? ` and ${paths.length - 5} more` : ''} have`} uncommitted changes in the shared tree and the agent's work changes ${paths.length === 1 ? 'it' : 'them'} too; commit or put aside those changes first. Nothing was brought back.`,
    );
    this.name = 'SharedTreeBusyError';
  }
}

export interface SharedTreeUpdate {
  /** Where HEAD must still point. */
  expected: { ref: string | null; commit: string };
  /** The new tip (a commit whose ancestry contains `expected.commit`). */
  tip: string;
  /** Trees of `expected.commit` and of `tip`. */
  fromTree: string;
  toTree: string;
  reflogMessage: string;
}

/** Returns the changes written (path by path, from the old tree to the new). */
export async function updateSharedTree(repo: string, facts: RepoFacts, update: SharedTreeUpdate): Promise<TreeChange[]> {
  const [changes = []] = await changesOfChain(repo, facts.zeroId, [{ from: update.fromTree, to: update.toTree }]);
  const busy = await pathsWithLocalChanges(repo, changes.map((c) => c.path));
  if (busy.length > 0) throw new SharedTreeBusyError(busy);
  await publishCommits(repo, facts, {
    expected: update.expected,
    commits: [{ sha: update.tip, committed: changes }],
    reflogMessage: update.reflogMessage,
  });
  await writeWorkingFiles(repo, facts.top, changes);
  return changes;
}

/** Of `paths`, those whose index or working-tree version differs from HEAD, or that are untracked or ignored files. */
export async function pathsWithLocalChanges(repo: string, paths: readonly string[]): Promise<string[]> {
  const busy = new Set<string>();
  for (const chunk of chunkArgs(paths)) {
    const out = await gitRead(repo, ['status', '--porcelain=v2', '-z', '--untracked-files=all', '--ignored=matching', '--no-renames', '--', ...chunk], { literalPathspecs: true });
    for (const record of parsePorcelainV2(out)) busy.add(record.path);
    // The parser leaves ignored files out; a file here would be overwritten all the same.
    for (const field of splitNul(out)) if (field.startsWith('! ')) busy.add(field.slice(2).replace(/\/$/, ''));
  }
  return [...busy].sort();
}
