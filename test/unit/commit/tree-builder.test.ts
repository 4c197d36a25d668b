/** Trees built in memory (no hooks to run) must be exactly the trees an index and write-tree give. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IndexEntry } from '../../../src/core/git/index-entries';
import { indexInfoInput } from '../../../src/core/git/index-entries';
import { TreeBuilder } from '../../../src/core/commit/tree-builder';
import { makeTempRepo, type TempRepo } from '../../harness/temp-repo';

const ZERO = '0'.repeat(40);
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

describe('TreeBuilder', () => {
  let repo: TempRepo;
  let scratch: string;
  beforeEach(() => {
    repo = makeTempRepo();
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-tree-builder-'));
  });
  afterEach(() => {
    repo.remove();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  const blob = (content: string): string => execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: repo.dir, input: content, encoding: 'utf8' }).trim();
  /** The same steps through an index: read-tree, update-index --add --replace --index-info, write-tree. */
  const throughIndex = (base: string | null, steps: Array<Array<[string, IndexEntry | null]>>): string[] => {
    const env = { ...process.env, GIT_INDEX_FILE: path.join(scratch, 'index') };
    execFileSync('git', base === null ? ['read-tree', '--empty'] : ['read-tree', base], { cwd: repo.dir, env });
    return steps.map((entries) => {
      execFileSync('git', ['update-index', '-z', '--add', '--replace', '--index-info'], { cwd: repo.dir, env, input: indexInfoInput(entries, ZERO) });
      return execFileSync('git', ['write-tree'], { cwd: repo.dir, env, encoding: 'utf8' }).trim();
    });
  };
  const inMemory = async (base: string | null, steps: Array<Array<[string, IndexEntry | null]>>): Promise<string[]> => {
    const trees = await TreeBuilder.open(repo.dir, base, EMPTY_TREE);
    try {
      const ids: string[] = [];
      for (const entries of steps) {
        for (const [p, e] of entries) trees.set(p, e);
        ids.push(await trees.write());
      }
      return ids;
    } finally {
      trees.close();
    }
  };

  it('gives write-tree\'s trees for edits, new folders, odd names, modes, links, submodules, emptied folders and files replacing folders both ways', async () => {
    repo.write('dir/a.txt', 'a\n');
    repo.write('dir/sub/b.txt', 'b\n');
    repo.write('keep/c.txt', 'c\n');
    repo.write('file-then-folder', 'f\n');
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'base');
    const base = repo.git('rev-parse', 'HEAD^{tree}').trim();
    const x = blob('x\n');
    const y = blob('y\n');
    const file = (id: string, mode = '100644'): IndexEntry => ({ mode, blob: id });
    const steps: Array<Array<[string, IndexEntry | null]>> = [
      [
        ['dir/a.txt', file(x)],
        ['new/deep/er/n.txt', file(y)],
        ['odd\nname "q" \\ tab\t.txt', file(x)],
        ['naïve café/ファイル.txt', file(y)],
        ['run.sh', file(x, '100755')],
        ['link', file(blob('dir/a.txt'), '120000')],
        ['vendor/lib', file(repo.git('rev-parse', 'HEAD').trim(), '160000')],
        ['dir.txt', file(y)], // sorts between "dir" (a folder, compared as "dir/") and others
      ],
      [
        ['dir/sub/b.txt', null], // empties dir/sub: it disappears
        ['file-then-folder/inside.txt', file(x)], // a folder replaces the file
        ['missing/nothing.txt', null], // removing what is not there changes nothing
      ],
      [['keep', file(y)]], // a file replaces the folder keep/
      [['dir/a.txt', file(x)]], // no change at all
      [
        ['dir/a.txt', null],
        ['dir.txt', null],
        ['keep', null],
      ],
    ];
    expect(await inMemory(base, steps)).toEqual(throughIndex(base, steps));
  });

  it('builds from nothing on an unborn branch, and gives the empty tree when everything is removed', async () => {
    const z = blob('z\n');
    const steps: Array<Array<[string, IndexEntry | null]>> = [[['a/b/c.txt', { mode: '100644', blob: z }], ['top.txt', { mode: '100644', blob: z }]], [['a/b/c.txt', null], ['top.txt', null]]];
    const ids = await inMemory(null, steps);
    expect(ids).toEqual(throughIndex(null, steps));
    expect(ids[1]).toBe(EMPTY_TREE);
  });
});
