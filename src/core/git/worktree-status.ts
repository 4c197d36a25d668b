/**
 * The working tree's changes against HEAD, per path: what is staged and what is not, a rename's
 * source, mode changes (the executable bit), binary files, and added/removed line counts —
 * everything the commit planner and the review screen show. Read-only and lock-free.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readHead, type HeadState } from './head-state';
import { readNewFilesStats } from './line-count';
import { gitRead, gitReadText, runGit } from './git-runner';
import { parseNumstat, type LineStats } from './numstat';
import { ABSENT_MODE, parseStatus, type BranchHeaders, type SideState, type StatusRecord } from './porcelain-v2';

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

export interface WorktreeState {
  /** HEAD as the same `git status` saw it. */
  head: HeadState;
  changes: WorktreeChange[];
}

/** `--branch` adds HEAD's commit and branch to the output (so no separate HEAD lookup); `--no-ahead-behind` skips counting against the upstream. */
const STATUS_ARGS = ['status', '--porcelain=v2', '-z', '--branch', '--no-ahead-behind', '--untracked-files=all', '--find-renames', '--ignore-submodules=all'];
const MODE_FILE = '100644';

const present = (mode: string | null): string | null => (mode === null || mode === ABSENT_MODE ? null : mode);
const fileType = (mode: string): string => mode.slice(0, 2);

/** Every changed, added, deleted or untracked (not ignored) file of the working tree `folder` is in. */
export async function readWorktreeStatus(folder: string): Promise<WorktreeChange[]> {
  return (await readWorktreeState(folder)).changes;
}

/**
 * The changes and HEAD together, from three git processes run side by side: status (which also
 * names HEAD), line counts against HEAD, and the top folder (to read untracked files).
 */
export async function readWorktreeState(folder: string): Promise<WorktreeState> {
  // status and diff print paths relative to the top folder from anywhere inside it. Line counts
  // (the slowest) run on while the untracked files are read.
  const numstatOut = lineStatsAgainstHead(folder);
  numstatOut.catch(() => undefined); // awaited below; a failure is reported there
  const [top, statusOut] = await Promise.all([topFolderOf(folder), gitRead(folder, STATUS_ARGS)]);
  const { records, branch } = parseStatus(statusOut);
  const tracked = records.filter((r) => !r.submodule);
  const changes = joinRenameSources(tracked.map(toChange).filter((c): c is WorktreeChange => c !== null), tracked);
  const untracked = changes.filter((c) => c.untracked);
  const newFiles = await readNewFilesStats(untracked.map((c) => path.join(top, c.path)));
  untracked.forEach((change, i) => {
    const { mode, ...stats } = newFiles[i]!;
    change.worktreeMode = mode;
    Object.assign(change, stats);
  });
  const numstat = parseNumstat(await numstatOut);
  for (const change of changes) {
    if (change.untracked) continue;
    const stats: LineStats | undefined = numstat.get(change.path);
    if (stats) Object.assign(change, stats);
  }
  return { head: await headOf(branch, folder), changes };
}

/**
 * Plumbing `diff-index` rather than `git diff`: no refresh of the index first and no diff.*
 * settings of the user (external diff, textconv, relative paths) to undo; a tenth cheaper. A file
 * whose stat data alone is stale is listed as `0 0`, which is never read: only paths status names are.
 */
/**
 * The working tree's top folder. Usually the folder itself (the app passes the repository's
 * top): git would take a `.git` there as the repository, so no git process needs to ask.
 */
async function topFolderOf(folder: string): Promise<string> {
  if (fs.existsSync(path.join(folder, '.git'))) return path.resolve(folder);
  return (await gitReadText(folder, ['rev-parse', '--show-toplevel'])).trim();
}

function numstatArgs(base: string): string[] {
  return ['diff-index', '--numstat', '-z', '--find-renames', '--ignore-submodules=all', base, '--'];
}

/** Line counts from HEAD to the working tree; before the first commit (no HEAD), from the empty tree. */
async function lineStatsAgainstHead(folder: string): Promise<Buffer> {
  const out = await runGit(folder, numstatArgs('HEAD'), { optionalLocks: false, okExitCodes: [128] });
  if (out.exitCode === 0) return out.stdout;
  return gitRead(folder, numstatArgs(await emptyTree(folder)));
}

async function headOf(branch: BranchHeaders, folder: string): Promise<HeadState> {
  // Headers are always there with --branch; asking git again covers anything unexpected.
  if (!branch.present) return readHead(folder);
  if (branch.branch !== null) return { kind: 'branch', ref: `refs/heads/${branch.branch}`, commit: branch.commit };
  if (branch.commit !== null) return { kind: 'detached', commit: branch.commit };
  return readHead(folder);
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

async function emptyTree(repo: string): Promise<string> {
  return (await gitRead(repo, ['hash-object', '-t', 'tree', '--stdin'])).toString('utf8').trim();
}
