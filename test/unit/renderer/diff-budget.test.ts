import { describe, expect, it } from 'vitest';
import { planRendering } from '../../../src/renderer/components/diff/render-budget';
import { parseUnifiedDiff } from '../../../src/renderer/components/diff/unified-diff';

/** A diff of `files` files, each with `hunks` hunks of `lines` added lines. */
function bigDiff(files: number, hunks: number, lines: number): string {
  const out: string[] = [];
  for (let f = 0; f < files; f++) {
    out.push(`diff --git a/f${f} b/f${f}`, `--- a/f${f}`, `+++ b/f${f}`);
    for (let h = 0; h < hunks; h++) {
      out.push(`@@ -${h * 1000 + 1},0 +${h * 1000 + 1},${lines} @@`, ...Array.from({ length: lines }, (_, i) => `+f${f} h${h} l${i}`));
    }
  }
  return out.join('\n') + '\n';
}

describe('planRendering', () => {
  it('renders everything that fits the budget', () => {
    const plan = planRendering(parseUnifiedDiff(bigDiff(2, 2, 10)), 100);
    expect([plan.shownLines, plan.hiddenLines]).toEqual([40, 0]);
    expect(plan.files.map((f) => [f.file.path, f.hunks.length, f.firstHunkIndex])).toEqual([
      ['f0', 2, 0],
      ['f1', 2, 2],
    ]);
  });

  it('stops at the first hunk that does not fit, says how much is hidden, and keeps hunk indexes global', () => {
    const plan = planRendering(parseUnifiedDiff(bigDiff(3, 2, 30)), 100);
    // 3 hunks (90 lines) fit; the 4th would pass 100, so it and everything after are hidden.
    expect([plan.shownLines, plan.hiddenLines]).toEqual([90, 90]);
    expect(plan.files.map((f) => [f.file.path, f.hunks.length, f.firstHunkIndex])).toEqual([
      ['f0', 2, 0],
      ['f1', 1, 2],
    ]);
  });

  it('cuts a first hunk bigger than the whole budget instead of showing nothing', () => {
    const plan = planRendering(parseUnifiedDiff(bigDiff(1, 1, 50_000)), 2_000);
    expect([plan.shownLines, plan.hiddenLines]).toEqual([2_000, 48_000]);
    expect(plan.files[0]!.hunks[0]!.lines).toHaveLength(2_000);
  });

  it('still lists files without hunks (binary, mode-only) that come before the cut', () => {
    const diff = 'diff --git a/logo.png b/logo.png\nBinary files a/logo.png and b/logo.png differ\n' + bigDiff(1, 1, 5);
    const plan = planRendering(parseUnifiedDiff(diff), 100);
    expect(plan.files.map((f) => [f.file.path, f.file.binary])).toEqual([
      ['logo.png', true],
      ['f0', false],
    ]);
  });
});
