/**
 * Hunks as line ranges of the diff from a base version to the working tree, numbered the way
 * `git diff -U0` numbers them, and the pure operations the planner and executor need: telling
 * whether two ranges touch, and rebuilding a file from a base with only some hunks applied.
 */

export interface HunkRange {
  oldStart: number;
  /** 0 for a pure insertion, which then goes after line `oldStart`. */
  oldLines: number;
  newStart: number;
  /** 0 for a pure deletion, which then sits after line `newStart`. */
  newLines: number;
}

export const hunkKey = (h: HunkRange): string => `-${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines}`;
export const sameHunk = (a: HunkRange, b: HunkRange): boolean => hunkKey(a) === hunkKey(b);

/**
 * A side of a hunk as a closed interval in half-line units: line n is 2n, and the gap after
 * line n (where an empty side sits) is 2n+1. Adjacent hunks then never touch; nested ones do.
 */
function halfLineSpan(start: number, lines: number): [number, number] {
  return lines === 0 ? [2 * start + 1, 2 * start + 1] : [2 * start, 2 * (start + lines - 1)];
}

function spansTouch(a: [number, number], b: [number, number]): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}

const oldSpan = (h: HunkRange) => halfLineSpan(h.oldStart, h.oldLines);
const newSpan = (h: HunkRange) => halfLineSpan(h.newStart, h.newLines);

/** The same change as seen by two diffs (one may carry context): both sides touch. */
export function describesSameChange(a: HunkRange, b: HunkRange): boolean {
  return spansTouch(oldSpan(a), oldSpan(b)) && spansTouch(newSpan(a), newSpan(b));
}

/** Two hunks that cannot be given to different commits: either side touches. */
export function hunksOverlap(a: HunkRange, b: HunkRange): boolean {
  return spansTouch(oldSpan(a), oldSpan(b)) || spansTouch(newSpan(a), newSpan(b));
}

export const compareHunks = (a: HunkRange, b: HunkRange): number => a.oldStart - b.oldStart || a.newStart - b.newStart;

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** The hunk headers of a unified diff (`git diff -U0`); a missing count means one line. */
export function parseHunkHeaders(diff: string): HunkRange[] {
  const hunks: HunkRange[] = [];
  for (const line of diff.split('\n')) {
    const match = HUNK_HEADER.exec(line);
    if (!match) continue;
    hunks.push({
      oldStart: Number(match[1]),
      oldLines: match[2] === undefined ? 1 : Number(match[2]),
      newStart: Number(match[3]),
      newLines: match[4] === undefined ? 1 : Number(match[4]),
    });
  }
  return hunks;
}

const NEWLINE = 0x0a;

/** Lines with their terminators, so joining them gives the bytes back (a last line may lack one). */
export function splitLines(content: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = content.indexOf(NEWLINE); i !== -1; i = content.indexOf(NEWLINE, i + 1)) {
    lines.push(content.subarray(start, i + 1));
    start = i + 1;
  }
  if (start < content.length) lines.push(content.subarray(start));
  return lines;
}

/**
 * `base` with the selected hunks of the zero-context diff base→`target` applied. Added lines
 * are taken from `target` itself, not from diff text, so bytes (line endings, a missing final
 * newline, any encoding) come through exactly. All hunks selected gives `target`; none gives `base`.
 */
export function applySelectedHunks(base: Buffer, target: Buffer, hunks: readonly HunkRange[], selected: (hunk: HunkRange) => boolean): Buffer {
  const baseLines = splitLines(base);
  const targetLines = splitLines(target);
  const out: Buffer[] = [];
  let next = 0; // index of the next base line not yet copied
  for (const hunk of [...hunks].sort(compareHunks)) {
    // A pure insertion goes after line oldStart; otherwise the hunk replaces lines from oldStart.
    const firstOld = hunk.oldLines === 0 ? hunk.oldStart : hunk.oldStart - 1;
    if (firstOld < next || firstOld + hunk.oldLines > baseLines.length) {
      throw new Error(`Hunk ${hunkKey(hunk)} does not fit a base of ${baseLines.length} lines.`);
    }
    out.push(...baseLines.slice(next, firstOld));
    if (selected(hunk)) {
      const firstNew = hunk.newLines === 0 ? hunk.newStart : hunk.newStart - 1;
      out.push(...targetLines.slice(firstNew, firstNew + hunk.newLines));
    } else {
      out.push(...baseLines.slice(firstOld, firstOld + hunk.oldLines));
    }
    next = firstOld + hunk.oldLines;
  }
  out.push(...baseLines.slice(next));
  return Buffer.concat(out);
}
