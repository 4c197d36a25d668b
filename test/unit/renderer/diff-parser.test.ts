import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseUnifiedDiff, toSplitRows, unquote } from '../../../src/renderer/components/diff/unified-diff';

const TWO_FILES = `diff --git a/src/a.ts b/src/a.ts
index 83db48f..bf269f4 100644
--- a/src/a.ts
+++ b/src/a.ts
@@ -1,4 +1,4 @@ export function a() {
 one
-two
+TWO
 three
 four
@@ -10,3 +10,4 @@
 ten
+ten and a half
 eleven
 twelve
diff --git a/new.txt b/new.txt
new file mode 100644
index 0000000..e69de29
--- /dev/null
+++ b/new.txt
@@ -0,0 +1,2 @@
+hello
+world
\\ No newline at end of file
`;

describe('parseUnifiedDiff', () => {
  it('reads several files with their hunks, numbered lines and +/- counts', () => {
    const files = parseUnifiedDiff(TWO_FILES);
    expect(files.map((f) => [f.path, f.status, f.added, f.removed])).toEqual([
      ['src/a.ts', 'modified', 2, 1],
      ['new.txt', 'added', 2, 0],
    ]);
    const [first, second] = files;
    expect(first!.hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines, h.section])).toEqual([
      [1, 4, 1, 4, 'export function a() {'],
      [10, 3, 10, 4, ''],
    ]);
    expect(first!.hunks[0]!.lines).toEqual([
      { kind: 'context', text: 'one', oldNumber: 1, newNumber: 1, noNewline: false },
      { kind: 'removed', text: 'two', oldNumber: 2, newNumber: null, noNewline: false },
      { kind: 'added', text: 'TWO', oldNumber: null, newNumber: 2, noNewline: false },
      { kind: 'context', text: 'three', oldNumber: 3, newNumber: 3, noNewline: false },
      { kind: 'context', text: 'four', oldNumber: 4, newNumber: 4, noNewline: false },
    ]);
    expect(first!.hunks[1]!.lines.map((l) => [l.oldNumber, l.newNumber])).toEqual([
      [10, 10],
      [null, 11],
      [11, 12],
      [12, 13],
    ]);
    expect(second!.oldPath).toBeNull();
    expect(second!.notes).toEqual(['new file mode 100644']);
    expect(second!.hunks[0]!.lines.map((l) => [l.text, l.newNumber, l.noNewline])).toEqual([
      ['hello', 1, false],
      ['world', 2, true],
    ]);
  });

  it('keeps removed lines that look like file headers ("--- x") inside a hunk', () => {
    const diff = `diff --git a/notes.md b/notes.md
--- a/notes.md
+++ b/notes.md
@@ -1,2 +1,2 @@
--- a/front matter
-++ b/not a header
+kept
+also kept
`;
    const [file] = parseUnifiedDiff(diff);
    expect(parseUnifiedDiff(diff)).toHaveLength(1);
    expect(file!.hunks[0]!.lines.map((l) => [l.kind, l.text])).toEqual([
      ['removed', '-- a/front matter'],
      ['removed', '++ b/not a header'],
      ['added', 'kept'],
      ['added', 'also kept'],
    ]);
  });

  it('reports binary files, deletions, renames and mode changes', () => {
    const diff = `diff --git a/logo.png b/logo.png
index 1111111..2222222 100644
Binary files a/logo.png and b/logo.png differ
diff --git a/gone.txt b/gone.txt
deleted file mode 100644
index 3333333..0000000
--- a/gone.txt
+++ /dev/null
@@ -1 +0,0 @@
-bye
diff --git a/old name.txt b/new name.txt
similarity index 100%
rename from old name.txt
rename to new name.txt
diff --git a/run.sh b/run.sh
old mode 100644
new mode 100755
`;
    const files = parseUnifiedDiff(diff);
    expect(files.map((f) => [f.path, f.status, f.binary, f.oldPath, f.newPath])).toEqual([
      ['logo.png', 'modified', true, 'logo.png', 'logo.png'],
      ['gone.txt', 'deleted', false, 'gone.txt', null],
      ['new name.txt', 'renamed', false, 'old name.txt', 'new name.txt'],
      ['run.sh', 'modified', false, 'run.sh', 'run.sh'],
    ]);
    expect(files[1]!.hunks[0]!.lines).toEqual([{ kind: 'removed', text: 'bye', oldNumber: 1, newNumber: null, noNewline: false }]);
    expect(files[3]!.notes).toEqual(['old mode 100644', 'new mode 100755']);
  });

  it('reads a plain diff without `diff --git` lines and with CRLF endings', () => {
    const diff = '--- a.txt\t2024-01-01\r\n+++ a.txt\t2024-01-02\r\n@@ -1 +1 @@\r\n-x\r\n+y\r\n--- b.txt\n+++ b.txt\n@@ -1 +1 @@\n-p\n+q\n';
    const files = parseUnifiedDiff(diff);
    expect(files.map((f) => [f.path, f.hunks[0]!.lines.map((l) => l.text).join(',')])).toEqual([
      ['a.txt', 'x,y'],
      ['b.txt', 'p,q'],
    ]);
  });

  it('returns no files for an empty diff', () => {
    expect(parseUnifiedDiff('')).toEqual([]);
  });

  it('decodes git-quoted paths with escapes and UTF-8 octal bytes', () => {
    expect(unquote('"caf\\303\\251 \\"x\\".txt"')).toBe('café "x".txt');
    const [file] = parseUnifiedDiff('diff --git "a/caf\\303\\251.txt" "b/caf\\303\\251.txt"\n--- "a/caf\\303\\251.txt"\n+++ "b/caf\\303\\251.txt"\n@@ -1 +1 @@\n-a\n+b\n');
    expect(file!.path).toBe('café.txt');
  });

  it("parses real git output the same way git counts it (numstat)", () => {
    const repo = mkdtempSync(join(tmpdir(), 'diff-parser-'));
    try {
      const git = (...args: string[]): string => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' });
      git('init', '-q');
      git('config', 'user.name', 'Test');
      git('config', 'user.email', 'test@example.com');
      writeFileSync(join(repo, 'a.txt'), Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n') + '\n');
      writeFileSync(join(repo, 'b.txt'), 'no newline');
      writeFileSync(join(repo, 'bin.dat'), Buffer.from([0, 1, 2, 3]));
      git('add', '.');
      git('commit', '-q', '-m', 'base');
      const lines = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`);
      lines.splice(2, 1, 'changed 3');
      lines.splice(30, 0, 'inserted');
      writeFileSync(join(repo, 'a.txt'), lines.join('\n') + '\n');
      writeFileSync(join(repo, 'b.txt'), 'no newline, still');
      writeFileSync(join(repo, 'bin.dat'), Buffer.from([0, 9, 9]));
      const files = parseUnifiedDiff(git('diff'));
      const numstat = git('diff', '--numstat')
        .trim()
        .split('\n')
        .map((row) => row.split('\t'));
      expect(files.map((f) => [f.binary ? '-' : String(f.added), f.binary ? '-' : String(f.removed), f.path])).toEqual(numstat);
      expect(files[0]!.hunks).toHaveLength(2);
      const b = files[1]!.hunks[0]!.lines;
      expect(b.map((l) => [l.kind, l.noNewline])).toEqual([
        ['removed', true],
        ['added', true],
      ]);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});

describe('toSplitRows', () => {
  it('pairs each run of removals with the additions after it, context on both sides', () => {
    const [file] = parseUnifiedDiff(`--- a/x
+++ b/x
@@ -1,5 +1,4 @@
 keep
-old 1
-old 2
-old 3
+new 1
 keep 2
+added only
`);
    const rows = toSplitRows(file!.hunks[0]!);
    expect(rows.map((r) => [r.left?.text ?? null, r.right?.text ?? null])).toEqual([
      ['keep', 'keep'],
      ['old 1', 'new 1'],
      ['old 2', null],
      ['old 3', null],
      ['keep 2', 'keep 2'],
      [null, 'added only'],
    ]);
  });
});
