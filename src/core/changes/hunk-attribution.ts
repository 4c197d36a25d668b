/**
 * Who wrote which hunk of a file several agents changed: the file's journal versions are replayed
 * from HEAD's content (line-authors.ts), then each hunk of HEAD → working tree (as `git diff -U0`
 * numbers them, which is what the commit plan splits by) gets the author of its lines. Null when
 * that cannot be told: a hunk with lines of two writers, a pure deletion (whose it is, the lines
 * do not say), a version whose bytes were not kept, or a working tree the journal has not caught
 * up with. The commit wizard then asks the user.
 */
import type { AttributedHunk } from './attribution-entry';
import { gitReadText } from '../git/git-runner';
import { parseHunkHeaders } from '../git/hunk-ranges';
import { writeBlob } from '../journal/blob-store';
import type { JournalVersion } from '../journal/journal-types';
import { BASE, replayAuthors, type Authored } from './line-authors';

export async function attributeHunks(repo: string, path: string, versions: readonly JournalVersion[]): Promise<AttributedHunk[] | null> {
  if (versions.length === 0 || versions.some((v) => v.state === 'too-large' || v.state === 'unreadable')) return null;
  const empty = await writeBlob(repo, Buffer.alloc(0));
  const blobOf = (v: JournalVersion): string => (v.state === 'kept' ? v.blob! : empty);
  const latest = blobOf(versions[versions.length - 1]!);
  const worktree = await gitReadText(repo, ['hash-object', '--', path], { okExitCodes: [128] }).then((out) => out.trim() || empty);
  if (worktree !== latest) return null;

  const head = (await gitReadText(repo, ['rev-parse', '--verify', '--quiet', `HEAD:${path}`], { okExitCodes: [1, 128] })).trim() || empty;
  const diffHunks = async (from: string, to: string) =>
    from === to ? [] : parseHunkHeaders(await gitReadText(repo, ['diff', '--no-color', '--no-ext-diff', '--no-textconv', '-U0', from, to], { okExitCodes: [1] }));

  let authors: Authored[] = new Array<Authored>(await lineCount(repo, head, empty)).fill(BASE);
  let previous = head;
  try {
    for (const version of versions) {
      const blob = blobOf(version);
      authors = replayAuthors(authors, await diffHunks(previous, blob), authorOf(version));
      previous = blob;
    }
  } catch {
    return null;
  }
  const hunks: AttributedHunk[] = [];
  for (const hunk of await diffHunks(head, latest)) {
    if (hunk.newLines === 0) return null;
    const writers = new Set(authors.slice(hunk.newStart - 1, hunk.newStart - 1 + hunk.newLines));
    const [writer] = writers;
    if (writers.size !== 1 || writer === BASE || writer === undefined) return null;
    hunks.push({ ...hunk, agentId: writer });
  }
  return hunks;
}

/**
 * Who a version's new lines are from. A clean merge adds to ours only lines of theirs, so they
 * are theirs' writer's; a merge with conflict markers (or anything else Switchyard wrote) is nobody's.
 */
function authorOf(version: JournalVersion): string | null {
  const evidence = version.evidence;
  if (evidence.rule === 'merge') return evidence.conflicts === 0 && typeof evidence.theirsAgent === 'string' ? evidence.theirsAgent : null;
  return version.agentId;
}

async function lineCount(repo: string, blob: string, empty: string): Promise<number> {
  if (blob === empty) return 0;
  const text = await gitReadText(repo, ['cat-file', 'blob', blob]);
  if (text.length === 0) return 0;
  const newlines = text.split('\n').length - 1;
  return text.endsWith('\n') ? newlines : newlines + 1;
}
