/** Where HEAD points: a branch (possibly with no commits yet) or a commit (detached). */
import { firstLine, gitRead, runGit } from './git-runner';

export type HeadState =
  /** `commit` is null on an unborn branch: `git init` and no commit yet. */
  | { kind: 'branch'; ref: string; commit: string | null }
  | { kind: 'detached'; commit: string };

export async function readHead(repo: string): Promise<HeadState> {
  const ref = await readHeadRef(repo);
  if (ref !== null) return { kind: 'branch', ref, commit: await resolveCommit(repo, ref) };
  const commit = await resolveCommit(repo, 'HEAD');
  if (commit === null) throw new Error('HEAD is detached but names no commit.');
  return { kind: 'detached', commit };
}

/** The branch ref HEAD points at, or null when HEAD is detached. */
export async function readHeadRef(repo: string): Promise<string | null> {
  const symbolic = await runGit(repo, ['symbolic-ref', '-q', 'HEAD'], { optionalLocks: false, okExitCodes: [1] });
  return symbolic.exitCode === 0 ? firstLine(symbolic.stdout) : null;
}

/** The commit a ref points at, or null when the ref does not exist. */
export async function resolveCommit(repo: string, ref: string): Promise<string | null> {
  const out = await runGit(repo, ['rev-parse', '-q', '--verify', `${ref}^{commit}`], { optionalLocks: false, okExitCodes: [1] });
  return out.exitCode === 0 ? firstLine(out.stdout) : null;
}

/** "main", or "detached HEAD at 1a2b3c4", for messages. */
export function describeHead(head: HeadState): string {
  if (head.kind === 'detached') return `detached HEAD at ${head.commit.slice(0, 7)}`;
  return head.ref.replace(/^refs\/heads\//, '');
}

/** The tree of a commit, or null for none (an unborn branch). */
export async function treeOf(repo: string, commit: string | null): Promise<string | null> {
  if (commit === null) return null;
  return firstLine(await gitRead(repo, ['rev-parse', `${commit}^{tree}`]));
}
