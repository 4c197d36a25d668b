/**
 * Files split by hunk between commits. Each commit of such a file gets the base version with
 * only the hunks of the groups committed so far (its own included) applied, built in memory from
 * the base blob and the working-tree snapshot and written as a blob — the working-tree file is
 * never touched. The last piece therefore equals the working tree exactly.
 */
import { applySelectedHunks, describesSameChange, hunkKey, parseHunkHeaders, type HunkRange } from '../git/hunk-ranges';
import type { EntryMap } from '../git/index-entries';
import { gitRead, gitWrite, runGit } from '../git/git-runner';

/** One group's share of a file: the hunks the plan gives it, and the commit (unit) it goes into. */
export interface SplitPiece {
  path: string;
  groupId: string;
  unitId: string;
  hunks: readonly HunkRange[];
}

export interface SplitFile {
  path: string;
  mode: string;
  base: Buffer;
  baseExists: boolean;
  target: Buffer;
  /** The zero-context diff base → working tree, as git computes it now. */
  diffHunks: HunkRange[];
  /** hunkKey(diff hunk) → the group whose planned hunk describes it. */
  ownerOf: Map<string, string>;
}

export interface SplitPreparation {
  files: Map<string, SplitFile>;
  /** Why a split cannot be made as planned; any entry stops the run before anything is committed. */
  problems: string[];
  /** Changes in split files that no planned hunk covers: they stay uncommitted. */
  unplanned: Array<{ path: string; hunks: HunkRange[] }>;
}

export async function prepareSplitFiles(repo: string, baseCommit: string | null, snapshot: EntryMap, pieces: readonly SplitPiece[]): Promise<SplitPreparation> {
  const result: SplitPreparation = { files: new Map(), problems: [], unplanned: [] };
  const byPath = new Map<string, SplitPiece[]>();
  for (const piece of pieces) byPath.set(piece.path, [...(byPath.get(piece.path) ?? []), piece]);
  for (const [path, filePieces] of byPath) {
    const target = snapshot.get(path);
    if (!target) {
      result.problems.push(`${path} was deleted after the plan was made; make the plan again.`);
      continue;
    }
    const baseBlob = baseCommit === null ? null : await blobAt(repo, baseCommit, path);
    const base = baseBlob === null ? Buffer.alloc(0) : await readBlob(repo, baseBlob);
    const targetContent = await readBlob(repo, target.blob);
    const diffHunks = await zeroContextHunks(repo, baseBlob ?? (await emptyBlob(repo)), target.blob);
    if (diffHunks.length === 0 && !base.equals(targetContent)) {
      result.problems.push(`${path}: git shows no line changes (binary content?), so it cannot be split by hunk; put the whole file in one group.`);
      continue;
    }
    const ownerOf = new Map<string, string>();
    const unplanned: HunkRange[] = [];
    for (const hunk of diffHunks) {
      const claims = filePieces.filter((piece) => piece.hunks.some((h) => describesSameChange(h, hunk)));
      const units = new Set(claims.map((c) => c.unitId));
      if (claims.length === 0) unplanned.push(hunk);
      else if (units.size > 1) {
        result.problems.push(`${path}: the change at ${hunkKey(hunk)} matches hunks planned for different commits (${claims.map((c) => c.groupId).join(', ')}); move it to one group.`);
      } else ownerOf.set(hunkKey(hunk), claims[0]!.groupId);
    }
    if (unplanned.length > 0) result.unplanned.push({ path, hunks: unplanned });
    result.files.set(path, { path, mode: target.mode, base, baseExists: baseBlob !== null, target: targetContent, diffHunks, ownerOf });
  }
  return result;
}

/**
 * The file's content once the hunks of `includedGroups` are in: null when the file did not
 * exist before and none of its hunks is included yet (it must not appear empty).
 */
export function splitContentFor(file: SplitFile, includedGroups: ReadonlySet<string>): Buffer | null {
  const selected = (hunk: HunkRange) => includedGroups.has(file.ownerOf.get(hunkKey(hunk)) ?? '');
  const count = file.diffHunks.filter(selected).length;
  if (count === 0 && !file.baseExists) return null;
  const content = applySelectedHunks(file.base, file.target, file.diffHunks, selected);
  // A safety net over the line arithmetic: with every hunk in, the result must be the working tree.
  if (count === file.diffHunks.length && !content.equals(file.target)) {
    throw new Error(`Rebuilding ${file.path} from its hunks did not give the working-tree content; nothing was committed for it.`);
  }
  return content;
}

/** Writes content as a blob, unfiltered: it is already in the repository's (clean) form. */
export async function writeBlob(repo: string, content: Buffer): Promise<string> {
  return (await gitWrite(repo, ['hash-object', '-w', '--no-filters', '--stdin'], { input: content })).stdout.toString('utf8').trim();
}

async function blobAt(repo: string, commit: string, path: string): Promise<string | null> {
  const out = await runGit(repo, ['rev-parse', '-q', '--verify', `${commit}:${path}`], { optionalLocks: false, okExitCodes: [1, 128] });
  return out.exitCode === 0 ? out.stdout.toString('utf8').trim() : null;
}

async function readBlob(repo: string, blob: string): Promise<Buffer> {
  return gitRead(repo, ['cat-file', 'blob', blob]);
}

async function emptyBlob(repo: string): Promise<string> {
  return writeBlob(repo, Buffer.alloc(0));
}

async function zeroContextHunks(repo: string, fromBlob: string, toBlob: string): Promise<HunkRange[]> {
  const diff = await gitRead(repo, ['diff', '-U0', '--no-color', '--no-ext-diff', '--no-textconv', fromBlob, toBlob]);
  return parseHunkHeaders(diff.toString('utf8'));
}
