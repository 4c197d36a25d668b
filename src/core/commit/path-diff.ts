/**
 * One path's change from HEAD to the working tree, for the wizard's diff viewer: a full-context
 * unified diff to read, and the `-U0` hunk ranges the plan names hunks by. An untracked file is
 * shown as an addition, a staged rename with its old path. Read-only and lock-free. The path is
 * checked against the repository (repo/repo-path-guard.ts) before git or the file system sees it.
 */
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { SwitchyardError } from '../../shared/result';
import { resolveCommit } from '../git/head-state';
import { parseHunkHeaders, type HunkRange } from '../git/hunk-ranges';
import { gitRead, gitReadText } from '../git/git-runner';
import { splitNul } from '../git/nul-fields';
import { checkRepoPath } from '../repo/repo-path-guard';

export interface PathDiff {
  diff: string;
  hunks: HunkRange[];
  binary: boolean;
}

/** Context wide enough for any source file: the viewer shows the whole file around the changes. */
const FULL_CONTEXT_LINES = 1_000_000;
/** Plain git output whatever the user's config: no colour, no external diff tool, no textconv filter. */
const DIFF_ARGS = ['--no-color', '--no-ext-diff', '--no-textconv', '--ignore-submodules=all'];
const BINARY_LINE = /^Binary files .* differ$/m;

/** `repo` is the working tree's top folder; `path` is relative to it, as git prints it. */
export async function diffOfPath(repo: string, path: string): Promise<PathDiff> {
  checkRepoPath(repo, path);
  const head = await resolveCommit(repo, 'HEAD');
  const base = head ?? (await emptyTreeOf(repo));
  const tracked = (await gitRead(repo, ['ls-files', '-z', '--', path], { literalPathspecs: true })).length > 0;
  if (!tracked && !(await existsIn(repo, base, path))) return untrackedDiff(repo, path);
  const oldPath = await stagedRenameSource(repo, base, path);
  const paths = oldPath ? [oldPath, path] : [path];
  const diff = (context: number) =>
    gitReadText(repo, ['diff', ...DIFF_ARGS, '--find-renames', `--unified=${context}`, base, '--', ...paths], { literalPathspecs: true });
  const [full, zero] = await Promise.all([diff(FULL_CONTEXT_LINES), diff(0)]);
  return { diff: full, hunks: parseHunkHeaders(zero), binary: BINARY_LINE.test(full) };
}

/** `git diff --no-index` of an untracked file against nothing; it exits 1 when they differ. */
async function untrackedDiff(repo: string, path: string): Promise<PathDiff> {
  // Read from the file system, where a link on the way would be followed: it must stay inside.
  checkRepoPath(repo, path, { throughFileSystem: true });
  const exists = await lstat(join(repo, path)).then(() => true, () => false);
  if (!exists) throw new SwitchyardError('not-found', `${path} has no change in the working tree.`);
  const diff = (context: number) =>
    gitReadText(repo, ['diff', '--no-index', ...DIFF_ARGS, `--unified=${context}`, '--', '/dev/null', path], { okExitCodes: [1] });
  const [full, zero] = await Promise.all([diff(FULL_CONTEXT_LINES), diff(0)]);
  return { diff: full, hunks: parseHunkHeaders(zero), binary: BINARY_LINE.test(full) };
}

async function existsIn(repo: string, tree: string, path: string): Promise<boolean> {
  return (await gitRead(repo, ['ls-tree', '-z', tree, '--', path], { literalPathspecs: true })).length > 0;
}

/** The old path when the index holds `path` as a rename of another file (what `git status` reports as renamed). */
async function stagedRenameSource(repo: string, base: string, path: string): Promise<string | null> {
  const fields = splitNul(await gitRead(repo, ['diff', '--cached', '--name-status', '-z', '--find-renames', ...DIFF_ARGS, base]));
  for (let i = 0; i < fields.length; ) {
    const status = fields[i]!;
    if (status.startsWith('R') || status.startsWith('C')) {
      if (status.startsWith('R') && fields[i + 2] === path) return fields[i + 1]!;
      i += 3;
    } else i += 2;
  }
  return null;
}

async function emptyTreeOf(repo: string): Promise<string> {
  return (await gitReadText(repo, ['hash-object', '-t', 'tree', '--stdin'])).trim();
}
