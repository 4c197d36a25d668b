/**
 * Cuts a full-context diff of one file into one hunk per change range (the `-U0` ranges the core
 * moves between commit groups), each with a little context, so the viewer's hunk index is the
 * range's index and a hunk action knows which range it acts on.
 */
import { parseUnifiedDiff, type DiffHunk, type DiffLine } from './unified-diff';

export interface ChangeRange {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
}

/** Lines of context around each range, as `git diff` shows by default. */
export const RANGE_CONTEXT_LINES = 3;

export function rehunk(diff: string, ranges: readonly ChangeRange[], context = RANGE_CONTEXT_LINES): string {
  const [file] = parseUnifiedDiff(diff);
  if (!file || file.binary || ranges.length === 0) return diff;
  const lines = file.hunks.flatMap((hunk) => hunk.lines);
  const owner = lines.map((line) => ranges.findIndex((range) => inRange(line, range)));
  const hunks = ranges.map((range, index) => hunkFor(lines, owner, index, range, context));
  const oldName = file.oldPath === null ? '/dev/null' : `a/${file.oldPath}`;
  const newName = file.newPath === null ? '/dev/null' : `b/${file.newPath}`;
  const header = [`diff --git a/${file.oldPath ?? file.path} b/${file.newPath ?? file.path}`, ...file.notes, `--- ${oldName}`, `+++ ${newName}`];
  return [...header, ...hunks.flatMap(formatHunk)].join('\n') + '\n';
}

function inRange(line: DiffLine, range: ChangeRange): boolean {
  if (line.kind === 'removed') return line.oldNumber !== null && line.oldNumber >= range.oldStart && line.oldNumber < range.oldStart + range.oldLines;
  if (line.kind === 'added') return line.newNumber !== null && line.newNumber >= range.newStart && line.newNumber < range.newStart + range.newLines;
  return false;
}

function hunkFor(lines: DiffLine[], owner: number[], index: number, range: ChangeRange, context: number): DiffHunk {
  const own = owner.flatMap((o, i) => (o === index ? [i] : []));
  if (own.length === 0) return { ...range, section: '', lines: [] };
  let first = own[0]!;
  let last = own[own.length - 1]!;
  for (let n = 0; n < context && first > 0 && lines[first - 1]!.kind === 'context'; n++) first--;
  for (let n = 0; n < context && last < lines.length - 1 && lines[last + 1]!.kind === 'context'; n++) last++;
  const slice = lines.slice(first, last + 1);
  const oldSide = slice.filter((l) => l.kind !== 'added');
  const newSide = slice.filter((l) => l.kind !== 'removed');
  return {
    oldStart: oldSide[0]?.oldNumber ?? range.oldStart,
    oldLines: oldSide.length,
    newStart: newSide[0]?.newNumber ?? range.newStart,
    newLines: newSide.length,
    section: '',
    lines: slice,
  };
}

function formatHunk(hunk: DiffHunk): string[] {
  const marker = { context: ' ', added: '+', removed: '-' } as const;
  const body = hunk.lines.flatMap((line) => [`${marker[line.kind]}${line.text}`, ...(line.noNewline ? ['\\ No newline at end of file'] : [])]);
  return [`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`, ...body];
}
