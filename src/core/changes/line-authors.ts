/**
 * Who wrote each line of a file, replayed over its versions like a blame: lines a version kept
 * keep their author, lines it added get the version's author. Pure, over `git diff -U0` hunks.
 */
import type { HunkRange } from '../git/hunk-ranges';

/** An agent id, null for the user (or nobody known), BASE for a line as HEAD has it. */
export type LineAuthor = string | null;
export const BASE: unique symbol = Symbol('base');
export type Authored = LineAuthor | typeof BASE;

/**
 * The authors of the new version's lines, from the old version's and the -U0 hunks between them.
 * In -U0 hunks a pure insertion's oldStart is the line it follows; otherwise the first line removed.
 */
export function replayAuthors(previous: readonly Authored[], hunks: readonly HunkRange[], author: LineAuthor): Authored[] {
  const next: Authored[] = [];
  let oldIndex = 0;
  for (const hunk of hunks) {
    const unchangedUntil = hunk.oldLines === 0 ? hunk.oldStart : hunk.oldStart - 1;
    if (unchangedUntil < oldIndex || unchangedUntil > previous.length) throw new Error('hunks out of order or beyond the old version');
    next.push(...previous.slice(oldIndex, unchangedUntil));
    oldIndex = unchangedUntil + hunk.oldLines;
    for (let i = 0; i < hunk.newLines; i++) next.push(author);
  }
  if (oldIndex > previous.length) throw new Error('hunks beyond the old version');
  next.push(...previous.slice(oldIndex));
  return next;
}
