/** Who wrote which hunk, replayed from journal versions in a real git repository. */
import { afterEach, describe, expect, it } from 'vitest';
import { attributeHunks } from '../../../src/core/changes/hunk-attribution';
import { writeBlob } from '../../../src/core/journal/blob-store';
import type { JournalVersion } from '../../../src/core/journal/journal-types';
import { makeTempRepo, type TempRepo } from '../../harness/temp-repo';

const BASE_TEXT = 'one\ntwo\nthree\nfour\nfive\nsix\n';

describe('hunk attribution from the journal', { timeout: 30_000 }, () => {
  let repo: TempRepo;
  afterEach(() => repo?.remove());

  /** Writes each content as the working tree's file in turn and returns them as journal versions. */
  const versions = async (writes: Array<[string | null, string]>): Promise<JournalVersion[]> => {
    const list: JournalVersion[] = [];
    for (const [agentId, content] of writes) {
      repo.write('f.txt', content);
      const blob = await writeBlob(repo.dir, Buffer.from(content));
      list.push({
        path: 'f.txt', version: list.length + 1, at: '', agentId, attribution: 'exact', evidence: { rule: 'test' },
        state: 'kept', blob, mode: '100644', size: content.length,
      });
    }
    return list;
  };
  const setUp = () => {
    repo = makeTempRepo();
    repo.write('f.txt', BASE_TEXT);
    repo.git('add', 'f.txt');
    repo.git('commit', '-q', '-m', 'base');
  };

  it('gives each hunk to the agent whose lines it holds', async () => {
    setUp();
    const timeline = await versions([
      ['a', 'one\nTWO by a\nthree\nfour\nfive\nsix\n'],
      ['b', 'one\nTWO by a\nthree\nfour\nFIVE by b\nsix\nseven by b\n'],
    ]);
    expect(await attributeHunks(repo.dir, 'f.txt', timeline)).toEqual([
      { oldStart: 2, oldLines: 1, newStart: 2, newLines: 1, agentId: 'a' },
      { oldStart: 5, oldLines: 1, newStart: 5, newLines: 1, agentId: 'b' },
      { oldStart: 6, oldLines: 0, newStart: 7, newLines: 1, agentId: 'b' },
    ]);
  });

  it('gives an overwritten line to the last writer, and refuses a hunk of two writers', async () => {
    setUp();
    const overwritten = await versions([
      ['a', 'one\nTWO by a\nthree\nfour\nfive\nsix\n'],
      ['b', 'one\nTWO by b\nthree\nfour\nfive\nsix\n'],
    ]);
    expect(await attributeHunks(repo.dir, 'f.txt', overwritten)).toEqual([{ oldStart: 2, oldLines: 1, newStart: 2, newLines: 1, agentId: 'b' }]);

    const mixed = await versions([
      ['a', 'one\nTWO by a\nthree\nfour\nfive\nsix\n'],
      ['b', 'one\nTWO by a\nTHREE by b\nfour\nfive\nsix\n'],
    ]);
    expect(await attributeHunks(repo.dir, 'f.txt', mixed)).toBeNull();
  });

  it('says nothing when the working tree moved on past the journal', async () => {
    setUp();
    const timeline = await versions([['a', 'one\nTWO by a\nthree\nfour\nfive\nsix\n']]);
    repo.write('f.txt', 'changed again\n');
    expect(await attributeHunks(repo.dir, 'f.txt', timeline)).toBeNull();
  });
});
