/**
 * The working tree's changes against HEAD, per path: what is staged and what is not, a rename's
 * source, mode changes (the executable bit), binary files, and added/removed line counts —
 * everything the commit planner and the review screen show. Read-only and lock-free.
 */
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { resolveCommit } from './head-state';
import { countNewFileLines } from './line-count';
import { gitRead, gitReadText } from './git-runner';
import { parseNumstat, type LineStats } from './numstat';
import { ABSENT_MODE, parsePorcelainV2, type SideState, type StatusRecord } from './porcelain-v2';

export type ChangeKind = 'added' | 'modified' | 'deleted' | 'renamed' | 'type-changed';

export interface WorktreeChange {
  /** Repository-relative, POSIX separators, exactly as git spells it. */
  path: string;
  /** For a rename: the path it had in HEAD (gone in the working tree). */
  oldPath: string | null;
  /** The change from HEAD to the working tree, whatever of it is staged. */
  kind: ChangeKind;
  staged: SideState;
  unstaged: SideState;
  /** Octal modes (`100644`, `100755`, `120000`); null where the path does not exist. */
  headMode: string | null;
  worktreeMode: string | null;
  /** Both sides exist and their modes differ, e.g. the executable bit was set. */
  modeChanged: boolean;
  binary: boolean;
  added: number;
  removed: number;
  untracked: boolean;
  /** In the middle of a merge conflict: not committable until resolved. */
  unmerged: boolean;
}

const STATUS_ARGS = ['status', '--porcelain=v2', '-z', '--untracked-files=all', '--find-renames', '--ignore-submodules=all'];
/** Untracked files counted at once; enough to hide latency, few enough to stay under file-descriptor limits. */
const LINE_COUNT_CONCURRENCY = 32;
const MODE_SYMLINK = '120000';
const MODE_EXECUTABLE = '100755';
const MODE_FILE = '100644';
const EXECUTABLE_BITS = 0o111;

const present = (mode: string | null): string | null => (mode === null || mode === ABSENT_MODE ? null : mode);
const fileType = (mode: string): string => mode.slice(0, 2);

/** Every changed, added, deleted or untracked (not ignored) file of the working tree `folder` is in. */
export async function readWorktreeStatus(folder: string): Promise<WorktreeChange[]> {
  // Paths are relative to the top folder; reading untracked files needs it too.
  const [repo, head] = await Promise.all([gitReadText(folder, ['rev-parse', '--show-toplevel']).then((t) => t.trim()), resolveCommit(folder, 'HEAD')]);
  const [statusOut, numstatOut] = await Promise.all([
    gitRead(repo, STATUS_ARGS),
    gitRead(repo, ['diff', '--numstat', '-z', '--find-renames', '--no-ext-diff', '--no-textconv', '--ignore-submodules=all', head ?? (await emptyTree(repo)), '--']),
  ]);
  const records = parsePorcelainV2(statusOut).filter((r) => !r.submodule);
  const numstat = parseNumstat(numstatOut);
  const changes = joinRenameSources(records.map(toChange).filter((c): c is WorktreeChange => c !== null), records);
  const untracked = changes.filter((c) => c.untracked);
  await forEachLimited(untracked, LINE_COUNT_CONCURRENCY, async (change) => {
    const absolute = path.join(repo, change.path);
    change.worktreeMode = await worktreeModeOf(absolute);
    Object.assign(change, await countNewFileLines(absolute));
  });
  for (const change of changes) {
    if (change.untracked) continue;
    const stats: LineStats | undefined = numstat.get(change.path);
    if (stats) Object.assign(change, stats);
  }
  return changes;
}

function toChange(record: StatusRecord): WorktreeChange | null {
  const untracked = record.unstaged === 'untracked';
  const headMode = present(record.headMode);
  const worktreeMode = untracked ? MODE_FILE : present(record.worktreeMode);
  const inHead = headMode !== null;
  const inWorktree = untracked || worktreeMode !== null;
  const renamed = record.origPath !== null && record.staged === 'renamed';
  let kind: ChangeKind;
  if (renamed) kind = inWorktree ? 'renamed' : 'deleted';
  else if (!inHead && inWorktree) kind = 'added';
  else if (inHead && !inWorktree) kind = 'deleted';
  else if (inHead && inWorktree) kind = fileType(headMode) === fileType(worktreeMode!) ? 'modified' : 'type-changed';
  else return null; // staged and then deleted again: nothing differs from HEAD
  return {
    path: renamed && !inWorktree ? record.origPath! : record.path,
    oldPath: renamed && inWorktree ? record.origPath : null,
    kind,
    staged: record.staged,
    unstaged: record.unstaged,
    headMode,
    worktreeMode,
    modeChanged: (kind === 'modified' || kind === 'renamed') && headMode !== worktreeMode,
    binary: false,
    added: 0,
    removed: 0,
    untracked,
    unmerged: record.unmerged,
  };
}

/**
 * `git mv a b` then a new `a`: the rename's source exists again, so it is no rename — `b` is
 * a new file and `a` is modified. Keeping the link would make committing `b` delete the new `a`.
 */
function joinRenameSources(changes: WorktreeChange[], records: StatusRecord[]): WorktreeChange[] {
  const byPath = new Map(changes.map((c) => [c.path, c]));
  for (const change of changes) {
    if (change.oldPath === null || !byPath.has(change.oldPath)) continue;
    const source = byPath.get(change.oldPath)!;
    const headMode = records.find((r) => r.path === change.path)?.headMode ?? null;
    source.kind = 'modified';
    source.headMode = present(headMode);
    change.oldPath = null;
    change.kind = 'added';
  }
  return changes;
}

async function worktreeModeOf(absolute: string): Promise<string> {
  const info = await lstat(absolute);
  if (info.isSymbolicLink()) return MODE_SYMLINK;
  return info.mode & EXECUTABLE_BITS ? MODE_EXECUTABLE : MODE_FILE;
}

async function emptyTree(repo: string): Promise<string> {
  return (await gitRead(repo, ['hash-object', '-t', 'tree', '--stdin'])).toString('utf8').trim();
}

async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
