import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rehunk } from '../../../src/renderer/components/diff/rehunk';
import { parseUnifiedDiff } from '../../../src/renderer/components/diff/unified-diff';

/** `-U0` hunk headers, as the core's `commit.diff` returns them. */
function rangesOf(zeroContextDiff: string) {
  return [...zeroContextDiff.matchAll(/^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/gm)].map((m) => ({
    oldStart: Number(m[1]),
    oldLines: m[2] === undefined ? 1 : Number(m[2]),
    newStart: Number(m[3]),
    newLines: m[4] === undefined ? 1 : Number(m[4]),
  }));
}

describe('rehunk', () => {
  it('cuts a full-context diff into one hunk per -U0 range, in order, with the same changed lines git shows', () => {
    const repo = mkdtempSync(join(tmpdir(), 'diff-rehunk-'));
    try {
      const git = (...args: string[]): string => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' });
      git('init', '-q');
      const lines = Array.from({ length: 60 }, (_, i) => `line ${i + 1}`);
      writeFileSync(join(repo, 'f.txt'), lines.join('\n') + '\n');
      git('add', '.');
      git('-c', 'user.name=T', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'base');
      const edited = [...lines];
      edited.splice(0, 1, 'first changed'); // at the very top: no context above
      edited.splice(20, 2); // a pure removal
      edited.splice(40, 0, 'inserted a', 'inserted b'); // a pure insertion
      edited.push('appended'); // at the very end
      writeFileSync(join(repo, 'f.txt'), edited.join('\n') + '\n');

      const full = git('diff', '--unified=1000000');
      const ranges = rangesOf(git('diff', '--unified=0'));
      expect(ranges).toHaveLength(4);
      const [file] = parseUnifiedDiff(rehunk(full, ranges));
      expect(file!.path).toBe('f.txt');
      expect(file!.hunks).toHaveLength(4);
      // Each hunk holds exactly its range's changed lines, and the hunks together match `git diff` (default 3 lines of context).
      file!.hunks.forEach((hunk, i) => {
        const range = ranges[i]!;
        expect(hunk.lines.filter((l) => l.kind === 'removed').map((l) => l.oldNumber)).toEqual(Array.from({ length: range.oldLines }, (_, k) => range.oldStart + k));
        expect(hunk.lines.filter((l) => l.kind === 'added').map((l) => l.newNumber)).toEqual(Array.from({ length: range.newLines }, (_, k) => range.newStart + k));
      });
      const gitHunks = parseUnifiedDiff(git('diff'))[0]!.hunks;
      expect(file!.hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines])).toEqual(gitHunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines]));
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it('leaves a diff without ranges as it is', () => {
    const diff = '--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n';
    expect(rehunk(diff, [])).toBe(diff);
  });
});
