/** git's `-z` outputs as the engine reads them: porcelain v2 status, numstat, ls-files -s, raw diff-tree. */
import { describe, expect, it } from 'vitest';
import { parseLsFilesStage, parseRawDiff, indexInfoInput } from '../../../src/core/git/index-entries';
import { chunkArgs, splitNul } from '../../../src/core/git/nul-fields';
import { parseNumstat } from '../../../src/core/git/numstat';
import { parsePorcelainV2, parseStatus } from '../../../src/core/git/porcelain-v2';

const ZERO = '0'.repeat(40);
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('parsePorcelainV2', () => {
  it('reads ordinary, renamed, unmerged and untracked records, with spaces in paths', () => {
    const out = [
      `1 .M N... 100644 100644 100755 ${A} ${A} src/my file.ts`,
      `2 R. N... 100644 100644 100644 ${A} ${A} R100 new name.txt`,
      'old name.txt',
      `u UU N... 100644 100644 100644 100644 ${A} ${A} ${B} conflict.txt`,
      '? naïve café/ファイル.txt',
      '? nested-repo/',
      '! ignored.log',
      `1 .M S.M. 160000 160000 160000 ${A} ${A} submodule`,
    ].join('\0') + '\0';
    const records = parsePorcelainV2(out);
    expect(records.map((r) => [r.path, r.origPath, r.staged, r.unstaged, r.unmerged, r.submodule])).toEqual([
      ['src/my file.ts', null, 'unmodified', 'modified', false, false],
      ['new name.txt', 'old name.txt', 'renamed', 'unmodified', false, false],
      ['conflict.txt', null, 'unmerged', 'unmerged', true, false],
      ['naïve café/ファイル.txt', null, 'unmodified', 'untracked', false, false],
      ['submodule', null, 'unmodified', 'modified', false, true],
    ]);
    expect(records[0]).toMatchObject({ headMode: '100644', indexMode: '100644', worktreeMode: '100755' });
  });

  it('reads HEAD from the --branch headers: a branch, an unborn branch, a detached HEAD, or none asked for', () => {
    const headers = (...lines: string[]) => parseStatus([...lines, '? x'].join('\0') + '\0');
    const onBranch = headers(`# branch.oid ${A}`, '# branch.head feature/x', '# branch.upstream origin/feature/x', '# branch.ab +1 -0');
    expect(onBranch.branch).toEqual({ commit: A, branch: 'feature/x', present: true });
    expect(onBranch.records.map((r) => r.path)).toEqual(['x']);
    expect(headers('# branch.oid (initial)', '# branch.head main').branch).toEqual({ commit: null, branch: 'main', present: true });
    expect(headers(`# branch.oid ${A}`, '# branch.head (detached)').branch).toEqual({ commit: A, branch: null, present: true });
    expect(headers().branch).toEqual({ commit: null, branch: null, present: false });
  });
});

describe('parseNumstat', () => {
  it('reads counts, binary files and renames keyed by the new path', () => {
    const out = ['3\t1\tsrc/a.ts', '-\t-\timage.png', '2\t0\t', 'old.txt', 'new.txt', '0\t5\tgone\ttab.txt'].join('\0') + '\0';
    const stats = parseNumstat(out);
    expect(stats.get('src/a.ts')).toEqual({ added: 3, removed: 1, binary: false });
    expect(stats.get('image.png')).toEqual({ added: 0, removed: 0, binary: true });
    expect(stats.get('new.txt')).toEqual({ added: 2, removed: 0, binary: false });
    expect(stats.has('old.txt')).toBe(false);
    expect(stats.get('gone\ttab.txt')).toEqual({ added: 0, removed: 5, binary: false });
  });
});

describe('index entries', () => {
  it('reads ls-files -s, keeping the lowest stage of a conflicted path', () => {
    const out = [`100644 ${A} 0\ta b.txt`, `100644 ${A} 1\tc.txt`, `100755 ${B} 2\tc.txt`].join('\0') + '\0';
    const entries = parseLsFilesStage(out);
    expect(entries.get('a b.txt')).toEqual({ mode: '100644', blob: A, stage: 0 });
    expect(entries.get('c.txt')).toEqual({ mode: '100644', blob: A, stage: 1 });
  });

  it('reads raw diff-tree records as before/after entries', () => {
    const out = [`:100644 100755 ${A} ${A} M`, 'run.sh', `:000000 100644 ${ZERO} ${B} A`, 'new file', `:100644 000000 ${A} ${ZERO} D`, 'gone'].join('\0') + '\0';
    expect(parseRawDiff(out, ZERO)).toEqual([
      { path: 'run.sh', before: { mode: '100644', blob: A }, after: { mode: '100755', blob: A } },
      { path: 'new file', before: null, after: { mode: '100644', blob: B } },
      { path: 'gone', before: { mode: '100644', blob: A }, after: null },
    ]);
  });

  it('writes --index-info records, mode 0 for a removal', () => {
    expect(indexInfoInput([['a', { mode: '100644', blob: A }], ['b c', null]], ZERO)).toBe([`100644 ${A}\ta`, `0 ${ZERO}\tb c`, ''].join('\0'));
  });
});

describe('NUL fields and argv chunks', () => {
  it('splits NUL-terminated output without a trailing empty field', () => {
    expect(splitNul('a\0b c\0')).toEqual(['a', 'b c']);
    expect(splitNul('')).toEqual([]);
  });

  it('keeps every path, in order, in chunks under the byte limit', () => {
    const paths = Array.from({ length: 100 }, (_, i) => `dir/file-${i}.ts`);
    const chunks = chunkArgs(paths, 200);
    expect(chunks.flat()).toEqual(paths);
    for (const chunk of chunks) expect(chunk.reduce((n, p) => n + Buffer.byteLength(p) + 1, 0)).toBeLessThanOrEqual(200);
    expect(chunks.length).toBeGreaterThan(1);
  });
});
