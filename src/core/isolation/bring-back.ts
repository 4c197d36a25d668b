/**
 * Builds the commits that bring an isolated agent's branch back onto the shared tree's commit, as
 * the user chose: a merge commit (both histories kept), one squashed commit with the branch's
 * changes, or the branch's commits replayed one by one (cherry-pick, authors kept). Objects only:
 * no ref, index or file changes here (shared-tree-update.ts publishes the result). A merge that
 * does not apply cleanly is returned as a conflict, with the conflicted paths and the merged tree
 * (conflict markers in it) for the diff viewer; it is never resolved.
 */
import { firstLine, gitRead, gitReadText, gitWrite } from '../git/git-runner';
import { treeOf } from '../git/head-state';
import { commitsNotIn, type BranchCommit } from './branch-commits';
import { mergeCommits, pickCommit } from './tree-merge';

import type { BringBackMode } from '../commit/commit-plan';
export type { BringBackMode } from '../commit/commit-plan';
export const BRING_BACK_MODES: readonly BringBackMode[] = ['merge', 'squash', 'cherry-pick'];

export interface BringBackRequest {
  /** The shared tree's commit the result goes on. */
  head: string;
  /** The agent's branch tip (with its uncommitted work already committed, or a commit holding it). */
  tip: string;
  mode: BringBackMode;
  /** The merge or squash commit's message; a cherry-pick keeps each commit's own. */
  message: string;
  /** `commit.gpgSign`: sign the new commits as `git commit` would. */
  sign?: boolean;
}

export interface BuiltCommit {
  sha: string;
  tree: string;
  parent: string;
  title: string;
  message: string;
}

export type BringBackBuild =
  | { kind: 'built'; tip: string; tree: string; commits: BuiltCommit[] }
  /** The branch's changes are all in `head` already. */
  | { kind: 'nothing' }
  /** `at`: the replayed commit that conflicted (cherry-pick), null for a merge or squash. */
  | { kind: 'conflict'; conflicts: string[]; tree: string; at: BranchCommit | null };

export async function buildBringBack(repo: string, request: BringBackRequest): Promise<BringBackBuild> {
  if (request.mode === 'cherry-pick') return replayCommits(repo, request);
  const headTree = await treeOf(repo, request.head);
  const merged = await mergeCommits(repo, request.head, request.tip);
  if (merged.conflicts.length > 0) return { kind: 'conflict', conflicts: merged.conflicts, tree: merged.tree, at: null };
  if (merged.tree === headTree) return { kind: 'nothing' };
  const parents = request.mode === 'merge' ? [request.head, request.tip] : [request.head];
  const sha = await commitTree(repo, merged.tree, parents, request.message, request.sign ?? false);
  return { kind: 'built', tip: sha, tree: merged.tree, commits: [{ sha, tree: merged.tree, parent: request.head, title: subjectOf(request.message), message: request.message }] };
}

/** Each commit of the branch that `head` does not have, replayed in order; one that changes nothing any more is left out. */
async function replayCommits(repo: string, request: BringBackRequest): Promise<BringBackBuild> {
  const commits: BuiltCommit[] = [];
  let current = request.head;
  let currentTree = (await treeOf(repo, current))!;
  for (const original of await commitsNotIn(repo, request.tip, request.head)) {
    const picked = await pickCommit(repo, current, original.sha);
    if (picked.conflicts.length > 0) return { kind: 'conflict', conflicts: picked.conflicts, tree: picked.tree, at: original };
    if (picked.tree === currentTree) continue;
    const { message, author } = await messageAndAuthor(repo, original.sha);
    const sha = await commitTree(repo, picked.tree, [current], message, request.sign ?? false, author);
    commits.push({ sha, tree: picked.tree, parent: current, title: original.title, message });
    current = sha;
    currentTree = picked.tree;
  }
  return commits.length === 0 ? { kind: 'nothing' } : { kind: 'built', tip: current, tree: currentTree, commits };
}

async function messageAndAuthor(repo: string, commit: string): Promise<{ message: string; author: Record<string, string> }> {
  const out = await gitReadText(repo, ['log', '-1', '--date=raw', '--format=%an%x00%ae%x00%ad%x00%B', commit]);
  const [name = '', email = '', date = '', ...rest] = out.split('\0');
  return { message: rest.join('\0').replace(/\n+$/, '\n'), author: { GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_AUTHOR_DATE: date } };
}

async function commitTree(repo: string, tree: string, parents: readonly string[], message: string, sign: boolean, env: Record<string, string> = {}): Promise<string> {
  const args = ['commit-tree', ...(sign ? ['-S'] : []), tree, ...parents.flatMap((p) => ['-p', p])];
  return firstLine((await gitWrite(repo, args, { input: message, env })).stdout);
}

function subjectOf(message: string): string {
  return message.split('\n', 1)[0]!.trim();
}

/** The diff of one path from `head`'s version to the version in `tree` (a conflicted file shows its markers). */
export async function diffToTree(repo: string, head: string, tree: string, path: string): Promise<string> {
  const out = await gitRead(repo, ['diff', '--no-color', '--no-ext-diff', '--no-textconv', '--unified=3', head, tree, '--', path], { literalPathspecs: true });
  return out.toString('utf8');
}
