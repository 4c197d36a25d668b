/** An isolated agent's branch as history: its commits that a given commit does not contain yet. */
import { gitRead } from '../git/git-runner';
import { splitNul } from '../git/nul-fields';

export interface BranchCommit {
  sha: string;
  /** The subject line. */
  title: string;
  /** More than one parent: a cherry-pick replays only what it changed against the first. */
  merge: boolean;
}

/** Commits reachable from `tip` and not from `head`, oldest first (`git log --reverse head..tip`). */
export async function commitsNotIn(repo: string, tip: string, head: string | null): Promise<BranchCommit[]> {
  const range = head === null ? [tip] : [`${head}..${tip}`];
  const out = await gitRead(repo, ['log', '--reverse', '-z', '--format=%H %P%x1f%s', ...range, '--']);
  return splitNul(out).map(parseLogRecord);
}

/** `%H %P<US>%s`: the commit, its parents, then the subject. */
export function parseLogRecord(record: string): BranchCommit {
  const separator = record.indexOf('\x1f');
  const [sha = '', ...parents] = record.slice(0, separator).trim().split(' ');
  return { sha, title: record.slice(separator + 1), merge: parents.length > 1 };
}
