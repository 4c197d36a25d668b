/** Which part of a parsed diff the viewer renders, so a huge diff cannot freeze the page. Pure. */
import type { DiffFile, DiffHunk } from './unified-diff';

/**
 * Rendering every line of a huge diff (a lockfile, a generated bundle) freezes the page; this many
 * lines keep the first paint well under a frame budget, and "Show more" adds as many again.
 */
export const DIFF_LINE_BUDGET = 2_000;

export interface RenderPlan {
  files: { file: DiffFile; hunks: DiffHunk[]; firstHunkIndex: number }[];
  shownLines: number;
  hiddenLines: number;
}

/** Which files and hunks fit in the line budget; a hunk is shown whole or not at all, except the first. */
export function planRendering(files: DiffFile[], budget: number): RenderPlan {
  const plan: RenderPlan = { files: [], shownLines: 0, hiddenLines: 0 };
  let hunkIndex = 0;
  for (const file of files) {
    const firstHunkIndex = hunkIndex;
    const hunks: DiffHunk[] = [];
    for (const hunk of file.hunks) {
      hunkIndex++;
      const size = hunk.lines.length;
      if (plan.hiddenLines === 0 && (plan.shownLines + size <= budget || plan.shownLines === 0)) {
        // Even one hunk bigger than the budget is cut, not skipped, so something is always shown.
        const shown = plan.shownLines === 0 && size > budget ? { ...hunk, lines: hunk.lines.slice(0, budget) } : hunk;
        hunks.push(shown);
        plan.shownLines += shown.lines.length;
        plan.hiddenLines += size - shown.lines.length;
      } else plan.hiddenLines += size;
    }
    if (hunks.length > 0 || plan.hiddenLines === 0 || file.hunks.length === 0) plan.files.push({ file, hunks, firstHunkIndex });
  }
  return plan;
}
