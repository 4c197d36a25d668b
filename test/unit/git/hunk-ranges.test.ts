/**
 * Rebuilding a file from a subset of its hunks: exact bytes for any subset, the working tree
 * with all hunks, the base with none; and the range arithmetic that matches planned hunks to
 * the diff git computes at commit time.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { applySelectedHunks, describesSameChange, hunksOverlap, parseHunkHeaders, splitLines, type HunkRange } from '../../../src/core/git/hunk-ranges';

interface Edit {
  start: number;
  remove: number;
  insert: string[];
}

/** Applies edits (sorted, disjoint, on 0-based base line indexes) and returns the result with the -U0 hunks git would print. */
function applyEdits(base: string[], edits: readonly Edit[], only: ReadonlySet<number> | null): { text: string[]; hunks: HunkRange[] } {
  const text: string[] = [];
  const hunks: HunkRange[] = [];
  let next = 0;
  edits.forEach((edit, i) => {
    text.push(...base.slice(next, edit.start));
    const applied = only === null || only.has(i);
    const newBefore = text.length;
    text.push(...(applied ? edit.insert : base.slice(edit.start, edit.start + edit.remove)));
    hunks.push({
      oldStart: edit.remove === 0 ? edit.start : edit.start + 1,
      oldLines: edit.remove,
      newStart: edit.insert.length === 0 ? newBefore : newBefore + 1,
      newLines: edit.insert.length,
    });
    next = edit.start + edit.remove;
  });
  text.push(...base.slice(next));
  return { text, hunks };
}

const line = fc.stringMatching(/^[a-z ]{1,6}(\r)?\n$/);
const scenario = fc
  .record({
    base: fc.array(line, { minLength: 0, maxLength: 30 }),
    edits: fc.array(fc.record({ gap: fc.nat(3), remove: fc.nat(3), insert: fc.array(fc.stringMatching(/^[A-Z]{1,4}\n$/), { maxLength: 3 }) }), { maxLength: 6 }),
    noFinalNewline: fc.boolean(),
  })
  .map(({ base, edits, noFinalNewline }) => {
    // Lay the edits out left to right with at least one untouched line between them, as -U0 hunks are.
    const laid: Edit[] = [];
    let cursor = 0;
    for (const e of edits) {
      const start = cursor + e.gap + (laid.length > 0 ? 1 : 0);
      const remove = Math.min(e.remove, Math.max(0, base.length - start));
      if (start > base.length || (remove === 0 && e.insert.length === 0)) break;
      laid.push({ start, remove, insert: e.insert });
      cursor = start + remove;
    }
    // A last line without a newline, when no edit touches the end (an edit there is one git hunk with it).
    const last = laid.at(-1);
    const endUntouched = last === undefined || last.start + last.remove < base.length;
    const lines = noFinalNewline && endUntouched && base.length > 0 ? [...base.slice(0, -1), base.at(-1)!.replace(/\r?\n$/, '')] : base;
    return { base: lines, edits: laid };
  });

const bytes = (lines: string[]) => Buffer.from(lines.join(''));

describe('applySelectedHunks', () => {
  it('gives exactly the base with only the selected edits, for any subset', () => {
    fc.assert(
      fc.property(scenario, fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), ({ base, edits }, picks) => {
        const full = applyEdits(base, edits, null);
        const chosen = new Set(edits.map((_, i) => i).filter((i) => picks[i]));
        const partial = applyEdits(base, edits, chosen);
        const selected = (h: HunkRange) => chosen.has(full.hunks.indexOf(h));
        expect(applySelectedHunks(bytes(base), bytes(full.text), full.hunks, selected).equals(bytes(partial.text))).toBe(true);
        expect(applySelectedHunks(bytes(base), bytes(full.text), full.hunks, () => true).equals(bytes(full.text))).toBe(true);
        expect(applySelectedHunks(bytes(base), bytes(full.text), full.hunks, () => false).equals(bytes(base))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a hunk that does not fit the base, instead of guessing', () => {
    expect(() => applySelectedHunks(Buffer.from('a\n'), Buffer.from('b\n'), [{ oldStart: 5, oldLines: 1, newStart: 5, newLines: 1 }], () => true)).toThrow(/does not fit/);
  });

  // Each property run spawns git; 80 of them outlast vitest's 5 s default on a loaded 2-core machine.
  describe('against the hunks git computes', { timeout: 60_000 }, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-hunks-'));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
    const gitHunks = (a: Buffer, b: Buffer): HunkRange[] => {
      fs.writeFileSync(path.join(dir, 'a'), a);
      fs.writeFileSync(path.join(dir, 'b'), b);
      try {
        execFileSync('git', ['diff', '--no-index', '-U0', '--no-color', 'a', 'b'], { cwd: dir, encoding: 'utf8' });
        return [];
      } catch (error) {
        return parseHunkHeaders((error as { stdout: string }).stdout);
      }
    };

    /** Any text from a few repeated lines, so diffs both match and differ; maybe without a final newline. */
    const text = fc
      .tuple(fc.array(fc.constantFrom('a\n', 'b\n', 'c\r\n', '\n', 'dd\n'), { maxLength: 25 }), fc.boolean())
      .map(([lines, cut]) => Buffer.from(cut ? lines.join('').replace(/\r?\n$/, '') : lines.join('')));

    it('rebuilds the working tree from all of git\'s hunks and the base from none, for any two texts', () => {
      fc.assert(
        fc.property(text, text, (base, target) => {
          const hunks = gitHunks(base, target);
          expect(applySelectedHunks(base, target, hunks, () => true).equals(target)).toBe(true);
          expect(applySelectedHunks(base, target, hunks, () => false).equals(base)).toBe(true);
        }),
        { numRuns: 80 },
      );
    });

    it('rebuilds the working tree from git\'s hunks of generated edits', () => {
      fc.assert(
        fc.property(scenario, ({ base, edits }) => {
          const target = bytes(applyEdits(base, edits, null).text);
          const hunks = gitHunks(bytes(base), target);
          expect(applySelectedHunks(bytes(base), target, hunks, () => true).equals(target)).toBe(true);
          expect(applySelectedHunks(bytes(base), target, hunks, () => false).equals(bytes(base))).toBe(true);
        }),
        { numRuns: 40 },
      );
    });
  });
});

describe('hunk ranges', () => {
  it('parses headers with and without counts', () => {
    expect(parseHunkHeaders('@@ -3 +3 @@ fn\n-a\n+b\n@@ -10,0 +11,2 @@\n+x\n+y\n@@ -20,3 +21,0 @@\n')).toEqual([
      { oldStart: 3, oldLines: 1, newStart: 3, newLines: 1 },
      { oldStart: 10, oldLines: 0, newStart: 11, newLines: 2 },
      { oldStart: 20, oldLines: 3, newStart: 21, newLines: 0 },
    ]);
  });

  it('keeps line terminators, including a last line without one', () => {
    expect(splitLines(Buffer.from('a\r\nb\nc')).map(String)).toEqual(['a\r\n', 'b\n', 'c']);
  });

  it('matches a planned hunk with context to the zero-context hunk inside it, but not a neighbour', () => {
    const withContext = { oldStart: 7, oldLines: 7, newStart: 7, newLines: 8 };
    expect(describesSameChange(withContext, { oldStart: 10, oldLines: 1, newStart: 10, newLines: 2 })).toBe(true);
    expect(describesSameChange(withContext, { oldStart: 20, oldLines: 1, newStart: 21, newLines: 1 })).toBe(false);
    // An insertion after line 4 sits between lines 4 and 5: it does not touch a change of line 5.
    expect(hunksOverlap({ oldStart: 4, oldLines: 0, newStart: 5, newLines: 1 }, { oldStart: 5, oldLines: 1, newStart: 6, newLines: 1 })).toBe(false);
    expect(hunksOverlap({ oldStart: 4, oldLines: 2, newStart: 4, newLines: 2 }, { oldStart: 5, oldLines: 1, newStart: 5, newLines: 1 })).toBe(true);
  });
});
