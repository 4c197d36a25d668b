/**
 * What an isolated agent changed: its worktree's files against the commit its branch started
 * from, whatever of it is committed on the branch, staged, unstaged or untracked. Everything in
 * the worktree is the agent's own by construction, so no attribution is needed. Read-only and
 * lock-free (`gitRead`), so it never takes `index.lock` from the agent's own git.
 */
import path from 'node:path';
import type { AgentWorkspace } from '../../shared/domain';
import { readNewFilesStats } from '../git/line-count';
import { gitRead } from '../git/git-runner';
import { splitNul } from '../git/nul-fields';
import { parseNumstat } from '../git/numstat';
import type { ChangeKind } from '../git/worktree-status';

export interface IsolatedChange {
  /** Relative to the worktree's top (the same path the file has in the shared tree), POSIX separators. */
  path: string;
  /** For a rename: the path it had at the base. */
  oldPath: string | null;
  kind: ChangeKind;
  added: number;
  removed: number;
  binary: boolean;
  /** A new file git does not track yet in the worktree. */
  untracked: boolean;
}

const KIND_BY_LETTER: Record<string, ChangeKind> = { A: 'added', M: 'modified', D: 'deleted', R: 'renamed', T: 'type-changed', C: 'added' };

/**
 * Plain `git diff` against the base (it compares file contents, so a file whose stat data alone is
 * stale is not listed), with the user's diff settings that would change its output turned off.
 */
const DIFF_ARGS = ['-c', 'diff.relative=false', 'diff', '--no-ext-diff', '--no-textconv', '--no-color', '-z', '--find-renames', '--ignore-submodules=all'];

export async function worktreeChanges(workspace: AgentWorkspace): Promise<IsolatedChange[]> {
  const dir = workspace.path;
  const [status, numstat, untrackedOut] = await Promise.all([
    gitRead(dir, [...DIFF_ARGS, '--name-status', workspace.base, '--']),
    gitRead(dir, [...DIFF_ARGS, '--numstat', workspace.base, '--']),
    gitRead(dir, ['ls-files', '--others', '--exclude-standard', '-z', '--full-name']),
  ]);
  const lines = parseNumstat(numstat);
  const changes = parseNameStatus(status).map((change) => ({ ...change, ...(lines.get(change.path) ?? { added: 0, removed: 0, binary: false }), untracked: false }));
  const untracked = splitNul(untrackedOut).filter((p) => !p.endsWith('/'));
  const stats = await readNewFilesStats(untracked.map((p) => path.join(dir, p)));
  untracked.forEach((p, i) => {
    const { added, removed, binary } = stats[i]!;
    changes.push({ path: p, oldPath: null, kind: 'added', added, removed, binary, untracked: true });
  });
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** `git diff --name-status -z`: a status field (`M`, `R100`…), then the path, or old and new path for renames and copies. */
export function parseNameStatus(output: Buffer | string): Array<{ path: string; oldPath: string | null; kind: ChangeKind }> {
  const fields = splitNul(output);
  const changes: Array<{ path: string; oldPath: string | null; kind: ChangeKind }> = [];
  for (let i = 0; i < fields.length; i++) {
    const letter = fields[i]![0] ?? 'M';
    const kind = KIND_BY_LETTER[letter] ?? 'modified';
    if (letter === 'R' || letter === 'C') {
      const oldPath = fields[++i] ?? '';
      const newPath = fields[++i] ?? '';
      changes.push({ path: newPath, oldPath: letter === 'R' ? oldPath : null, kind });
    } else {
      changes.push({ path: fields[++i] ?? '', oldPath: null, kind });
    }
  }
  return changes;
}
