/** Untracked files' modes and line counts, read the way git counts them. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readNewFilesStats } from '../../../src/core/git/line-count';

describe('readNewFilesStats', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-line-count-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('counts lines (a last line without a newline too), spots binary files, and reads modes, small files and streamed large ones alike', async () => {
    const file = (name: string, content: string | Buffer, mode = 0o644) => {
      fs.writeFileSync(path.join(dir, name), content, { mode });
      return path.join(dir, name);
    };
    const big = 'x'.repeat(99) + '\n';
    const paths = [
      file('two.txt', 'a\nb'),
      file('empty.txt', ''),
      file('tool.sh', 'echo\n', 0o755),
      file('data.bin', Buffer.from([1, 0, 2])),
      file('large.txt', big.repeat(20_000)),
      file('large.bin', Buffer.concat([Buffer.from(big.repeat(20_000)), Buffer.from([0])])),
    ];
    fs.symlinkSync('two.txt', path.join(dir, 'link'));
    paths.push(path.join(dir, 'link'));
    expect(await readNewFilesStats(paths)).toEqual([
      { mode: '100644', added: 2, removed: 0, binary: false },
      { mode: '100644', added: 0, removed: 0, binary: false },
      { mode: '100755', added: 1, removed: 0, binary: false },
      { mode: '100644', added: 0, removed: 0, binary: true },
      { mode: '100644', added: 20_000, removed: 0, binary: false },
      // git looks for a NUL only in the first 8,000 bytes.
      { mode: '100644', added: 20_001, removed: 0, binary: false },
      { mode: '120000', added: 1, removed: 0, binary: false },
    ]);
  });
});
