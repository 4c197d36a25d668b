/**
 * Three-way merges of commits without a working tree or an index: `git merge-tree --write-tree`
 * (git 2.38 and later) writes the merged tree, conflicted files with git's conflict markers in
 * it, and names the conflicted paths. Nothing in any working tree, index or ref changes.
 */
import { firstLine, gitRead, gitReadText, gitWrite } from '../git/git-runner';
import { splitNul } from '../git/nul-fields';

export interface TreeMerge {
  /** The merged tree; a conflicted file holds both sides between conflict markers. */
  tree: string;
  /** Paths that did not merge cleanly (empty for a clean merge). */
  conflicts: string[];
}

/** `merge-tree --write-tree -z --name-only --no-messages`: `<tree>\0<path>\0…`; exit 1 means conflicts. */
export function parseMergeTree(output: Buffer | string): TreeMerge {
  const [tree = '', ...paths] = splitNul(output);
  return { tree, conflicts: [...new Set(paths)] };
}

/** Merges two commits on their merge base, as `git merge` would. */
export async function mergeCommits(repo: string, ours: string, theirs: string): Promise<TreeMerge> {
  const out = await gitRead(repo, ['merge-tree', '--write-tree', '-z', '--name-only', '--no-messages', ours, theirs], { okExitCodes: [1] });
  return parseMergeTree(out);
}

/**
 * Cherry-picks a commit's change (against its first parent) onto `ours`. git 2.38–2.39 have no
 * `merge-tree --merge-base`, so the base is made explicit with throwaway commits: a root commit
 * holding the parent's tree, with the picked tree and `ours`'s tree each as its only child. Their
 * only merge base is that root, so the merge is exactly a cherry-pick. The extra commits are
 * unreachable objects that git's garbage collection removes.
 */
export async function pickCommit(repo: string, ours: string, commit: string): Promise<TreeMerge> {
  const [parentTree, pickedTree, oursTree] = await Promise.all([
    treeOfCommit(repo, `${commit}^`).catch(() => emptyTree(repo)),
    treeOfCommit(repo, commit),
    treeOfCommit(repo, ours),
  ]);
  const base = await commitTree(repo, parentTree, []);
  const [picked, onto] = await Promise.all([commitTree(repo, pickedTree, [base]), commitTree(repo, oursTree, [base])]);
  return mergeCommits(repo, onto, picked);
}

async function treeOfCommit(repo: string, commit: string): Promise<string> {
  return firstLine(await gitRead(repo, ['rev-parse', '--verify', '-q', `${commit}^{tree}`]));
}

async function emptyTree(repo: string): Promise<string> {
  return (await gitReadText(repo, ['hash-object', '-t', 'tree', '--stdin'])).trim();
}

/** A commit object that nothing points to; fixed identity and date, so it never asks the user's config. */
async function commitTree(repo: string, tree: string, parents: readonly string[]): Promise<string> {
  const out = await gitWrite(repo, ['commit-tree', tree, ...parents.flatMap((p) => ['-p', p])], {
    input: 'switchyard: merge base for a cherry-pick\n',
    env: {
      GIT_AUTHOR_NAME: 'switchyard',
      GIT_AUTHOR_EMAIL: 'switchyard@localhost',
      GIT_AUTHOR_DATE: '@0 +0000',
      GIT_COMMITTER_NAME: 'switchyard',
      GIT_COMMITTER_EMAIL: 'switchyard@localhost',
      GIT_COMMITTER_DATE: '@0 +0000',
    },
  });
  return firstLine(out.stdout);
}
