/**
 * What the executor needs to know about a repository before it writes anything: where its
 * index and git dir are (per worktree), its object format (sha1 or sha256 ids), and whether a
 * merge, rebase, cherry-pick or revert is half done.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gitRead, gitReadText, runGit } from './git-runner';

/** Operations whose state lives in these git-dir entries; committing over them would lose it. */
const OPERATION_MARKERS = {
  MERGE_HEAD: 'a merge',
  CHERRY_PICK_HEAD: 'a cherry-pick',
  REVERT_HEAD: 'a revert',
  'rebase-merge': 'a rebase',
  'rebase-apply': 'a rebase or git am',
} as const;

export interface RepoFacts {
  /** The working tree's top folder; every path in a plan is relative to it. */
  top: string;
  gitDir: string;
  /** The user's real index (`.git/index`, or the worktree's own). */
  indexPath: string;
  /** The id that means "no object": the expected old value of a branch that does not exist yet. */
  zeroId: string;
  emptyTree: string;
  /** The id of an empty file: what an intent-to-add (`git add -N`) entry holds. */
  emptyBlob: string;
  /** `commit.gpgSign`: `git commit` would sign, and `commit-tree` does not unless told (`-S`). */
  signCommits: boolean;
  /** "a merge" when `.git/MERGE_HEAD` exists, and so on; null when nothing is in progress. */
  operationInProgress: string | null;
}

/** The ids of the empty tree and the empty file: fixed for each object format, so no git call asks. */
const EMPTY_OBJECTS = {
  sha1: { tree: '4b825dc642cb6eb9a060e54bf8d69288fbee4904', blob: 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391' },
  sha256: { tree: '6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321', blob: '473a0f4c3be8a93681a267e3b1e9a7dcda1185436fe141f7749120a303721813' },
} as const;

/** An object format this code does not know yet: ask git. */
async function hashEmptyObjects(repo: string): Promise<{ tree: string; blob: string }> {
  const [tree, blob] = await Promise.all([gitRead(repo, ['hash-object', '-t', 'tree', '--stdin']), gitRead(repo, ['hash-object', '--stdin'])]);
  return { tree: tree.toString('utf8').trim(), blob: blob.toString('utf8').trim() };
}

export async function readRepoFacts(repo: string): Promise<RepoFacts> {
  const markers = Object.keys(OPERATION_MARKERS) as Array<keyof typeof OPERATION_MARKERS>;
  const args = ['rev-parse', '--show-toplevel', '--absolute-git-dir', '--show-object-format', '--git-path', 'index'];
  for (const marker of markers) args.push('--git-path', marker);
  const [paths, sign] = await Promise.all([
    gitReadText(repo, args),
    runGit(repo, ['config', '--type=bool', '--get', 'commit.gpgsign'], { optionalLocks: false, okExitCodes: [1] }),
  ]);
  const lines = paths.split('\n');
  const [top, gitDir, objectFormat, indexPath] = lines as [string, string, string, string];
  const operation = markers.find((marker, i) => fs.existsSync(path.resolve(repo, lines[4 + i]!)));
  const ids = EMPTY_OBJECTS[objectFormat as keyof typeof EMPTY_OBJECTS] ?? (await hashEmptyObjects(repo));
  return {
    top,
    gitDir,
    indexPath: path.resolve(repo, indexPath),
    zeroId: '0'.repeat(ids.tree.length),
    emptyTree: ids.tree,
    emptyBlob: ids.blob,
    signCommits: sign.stdout.toString('utf8').trim() === 'true',
    operationInProgress: operation ? OPERATION_MARKERS[operation] : null,
  };
}
