/**
 * "Merge both" on a real journal in a real git repository: the preview of a clean and of a
 * conflicted three-way merge, writing only with confirmation, and refusing a file that changed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal } from '../../../src/core/journal/journal';
import { conflictRegions } from '../../../src/core/journal/three-way-merge';
import { applyMerge, previewMerge, type MergeSources } from '../../../src/core/merge/version-merge';
import { makeTempRepo, type TempRepo } from '../../harness/temp-repo';

const LINES = 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n';

describe('merging two journal versions on their base', () => {
  let repo: TempRepo;
  let journal: Journal;
  let sources: MergeSources;

  beforeEach(() => {
    repo = makeTempRepo();
    journal = Journal.open(repo.dir, { pinDelayMs: 10 });
    sources = {
      repo: repo.dir,
      timeline: (path) => journal.timeline(path),
      write: async (path, bytes, ours, evidence) => ({ change: null, version: await journal.write(path, bytes, ours, evidence) }),
      label: (agentId) => (agentId === null ? 'the user' : `agent "${agentId}"`),
    };
  });
  afterEach(async () => {
    await journal.close();
    repo.remove();
  });

  /** base (v1), then agent A's version (v2), then agent B's overwrite of it from the base (v3). */
  async function overwrite(a: string, b: string): Promise<void> {
    repo.write('f.txt', LINES);
    await journal.record('f.txt', null, { rule: 'base' });
    repo.write('f.txt', a);
    await journal.record('f.txt', 'agent-a', { rule: 'command-writes-path' });
    repo.write('f.txt', b);
    await journal.record('f.txt', 'agent-b', { rule: 'command-writes-path' });
  }

  it('merges edits in different places cleanly and writes the result, journaled as a merge by nobody', async () => {
    await overwrite(LINES.replace('two', 'TWO by A'), LINES.replace('seven', 'SEVEN by B'));
    const preview = await previewMerge(sources, 'f.txt', { base: 1, ours: 3, theirs: 2 });
    expect(preview).toEqual(expect.objectContaining({ clean: true, conflicts: 0, regions: [] }));
    expect(preview.merged).toBe('one\nTWO by A\nthree\nfour\nfive\nsix\nSEVEN by B\neight\n');
    expect(preview.diff).toContain('-two\n+TWO by A');
    expect(preview.theirs).toEqual(expect.objectContaining({ version: 2, agentId: 'agent-a' }));

    const written = await applyMerge(sources, 'f.txt', { base: 1, ours: 3, theirs: 2 }, false);
    expect(written).toEqual(expect.objectContaining({ version: 4, conflicts: 0 }));
    expect(repo.read('f.txt')).toBe(preview.merged);
    expect(journal.latest('f.txt')).toEqual(
      expect.objectContaining({
        version: 4,
        agentId: null,
        evidence: { rule: 'merge', base: 1, ours: 3, theirs: 2, theirsAgent: 'agent-a', conflicts: 0 },
      }),
    );
  });

  it('shows the conflict regions of edits to the same lines, and writes markers only when confirmed', async () => {
    await overwrite(LINES.replace('four', 'FOUR by A'), LINES.replace('four', 'four by B'));
    const preview = await previewMerge(sources, 'f.txt', { base: 1, ours: 3, theirs: 2 });
    expect(preview.clean).toBe(false);
    expect(preview.conflicts).toBe(1);
    expect(preview.regions).toEqual([{ start: 4, end: 8 }]);
    const region = preview.merged.split('\n').slice(3, 8);
    expect(region).toEqual([
      '<<<<<<< ours (version 3 by agent "agent-b")',
      'four by B',
      '=======',
      'FOUR by A',
      '>>>>>>> theirs (version 2 by agent "agent-a")',
    ]);

    const before = repo.read('f.txt');
    await expect(applyMerge(sources, 'f.txt', { base: 1, ours: 3, theirs: 2 }, false)).rejects.toThrow(/1 conflict region\(s\); nothing was written/);
    expect(repo.read('f.txt')).toBe(before);
    expect(journal.timeline('f.txt')).toHaveLength(3);

    const written = await applyMerge(sources, 'f.txt', { base: 1, ours: 3, theirs: 2 }, true);
    expect(written.conflicts).toBe(1);
    expect(repo.read('f.txt')).toBe(preview.merged);
    expect(journal.latest('f.txt')!.evidence).toEqual(expect.objectContaining({ rule: 'merge', conflicts: 1 }));
  });

  it('refuses to write over a file that changed since the preview, in the journal or only on disk', async () => {
    await overwrite(LINES.replace('two', 'TWO by A'), LINES.replace('seven', 'SEVEN by B'));
    // Changed on disk, not yet journaled: the bytes are compared with ours.
    repo.write('f.txt', 'newer work\n');
    await expect(applyMerge(sources, 'f.txt', { base: 1, ours: 3, theirs: 2 }, false)).rejects.toThrow(/changed since version 3.*nothing was written/);
    expect(repo.read('f.txt')).toBe('newer work\n');
    // Journaled: ours is no longer the latest version.
    await journal.record('f.txt', 'agent-b', { rule: 'command-writes-path' });
    await expect(applyMerge(sources, 'f.txt', { base: 1, ours: 3, theirs: 2 }, false)).rejects.toThrow(/latest version is 4, not 3/);
    expect(repo.read('f.txt')).toBe('newer work\n');
  });

  it('reads conflict regions by their markers, in order', () => {
    expect(conflictRegions('a\n<<<<<<< x\nb\n=======\nc\n>>>>>>> y\nd\n>>>>>>> stray\n')).toEqual([{ start: 2, end: 6 }]);
  });
});
