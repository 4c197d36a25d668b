/** The journal on a real git repository: versions, timeline, diff, restore, and survival of gc. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasBlob, writeBlob } from '../../../src/core/journal/blob-store';
import { Journal } from '../../../src/core/journal/journal';
import { JOURNAL_REF } from '../../../src/core/journal/journal-pins';
import { makeTempRepo, type TempRepo } from '../../harness/temp-repo';

describe('Journal', () => {
  let repo: TempRepo;
  let journal: Journal;
  const byAgent = (agentId: string) => ({ rule: 'rollout-file-change', agentId, callId: `call-${agentId}` });

  beforeEach(() => {
    repo = makeTempRepo();
    journal = Journal.open(repo.dir, { pinDelayMs: 10 });
  });
  afterEach(async () => {
    await journal.close();
    repo.remove();
  });

  it('records each version with who and why, skips unchanged content, and counts a deletion as a version', async () => {
    repo.write('shared.txt', 'from A\n');
    const a = await journal.record('shared.txt', 'agent-a', byAgent('agent-a'));
    repo.write('shared.txt', 'from B\n');
    const b = await journal.record('shared.txt', 'agent-b', byAgent('agent-b'));
    const again = await journal.record('shared.txt', 'agent-c', byAgent('agent-c'));
    fs.rmSync(path.join(repo.dir, 'shared.txt'));
    const gone = await journal.record('shared.txt', null, { rule: 'no-agent-active' });

    expect([a.version, b.version, gone.version]).toEqual([1, 2, 3]);
    expect(again).toEqual(b);
    const timeline = journal.timeline('shared.txt');
    expect(timeline.map((v) => [v.version, v.state, v.agentId, v.attribution, v.evidence.rule])).toEqual([
      [1, 'kept', 'agent-a', 'exact', 'rollout-file-change'],
      [2, 'kept', 'agent-b', 'exact', 'rollout-file-change'],
      [3, 'deleted', null, 'unattributed', 'no-agent-active'],
    ]);
    expect(repo.git('cat-file', 'blob', a.blob!)).toBe('from A\n');
    expect(a.mode).toBe('100644');
    expect(a.size).toBe(7);
  });

  it('reloads the same timeline, with later attribution lines applied, from .agents/journal/', async () => {
    repo.write('x.txt', 'one\n');
    const first = await journal.record('x.txt', null, { rule: 'pending' }, { attribution: 'pending' });
    journal.attribute('x.txt', first.version, 'agent-a', 'inferred', { rule: 'single-active-command', agentId: 'agent-a' });
    await journal.flush();
    // A torn last line, as after a crash mid-append, is skipped.
    fs.appendFileSync(path.join(repo.dir, '.agents', 'journal', 'versions.jsonl'), '{"type":"vers');
    const problems: string[] = [];
    const reopened = Journal.open(repo.dir, { onProblem: (m) => problems.push(m) });
    try {
      expect(reopened.timeline('x.txt')).toEqual([
        expect.objectContaining({ version: 1, agentId: 'agent-a', attribution: 'inferred', evidence: expect.objectContaining({ rule: 'single-active-command' }) }),
      ]);
      expect(problems).toEqual([expect.stringContaining('Skipped unreadable journal lines 3')]);
    } finally {
      await reopened.close();
    }
    expect(repo.git('status', '--porcelain')).toBe('?? x.txt\n');
  });

  it('diffs two versions as a unified diff naming the file, and a deletion against an empty file', async () => {
    repo.write('notes.md', 'alpha\nbeta\n');
    await journal.record('notes.md', 'agent-a', byAgent('agent-a'));
    repo.write('notes.md', 'alpha\ngamma\n');
    await journal.record('notes.md', 'agent-b', byAgent('agent-b'));
    fs.rmSync(path.join(repo.dir, 'notes.md'));
    await journal.record('notes.md', null, { rule: 'no-agent-active' });

    const diff = await journal.diff('notes.md', 1, 2);
    expect(diff.split('\n').slice(0, 3)).toEqual([
      'diff --git a/notes.md b/notes.md',
      expect.stringMatching(/^--- a\/notes\.md\t\(version 1, agent-a, /),
      expect.stringMatching(/^\+\+\+ b\/notes\.md\t\(version 2, agent-b, /),
    ]);
    expect(diff).toContain('\n-beta\n+gamma');
    const deletion = await journal.diff('notes.md', 2, 3);
    expect(deletion).toContain('+++ /dev/null');
    expect(deletion).toContain('-alpha\n-gamma');
    expect(await journal.diff('notes.md', 2, 2)).toBe('');
    await expect(journal.diff('notes.md', 1, 9)).rejects.toThrow(/no version 9 of notes.md/);
  });

  it("undoes agent B's overwrite of A's work byte for byte without touching any other file", async () => {
    const aBytes = Buffer.from([0x68, 0x69, 0x00, 0xff, 0x0d, 0x0a, 0xe2, 0x82, 0xac]);
    fs.writeFileSync(path.join(repo.dir, 'shared.bin'), aBytes);
    const fromA = await journal.record('shared.bin', 'agent-a', byAgent('agent-a'));
    fs.writeFileSync(path.join(repo.dir, 'shared.bin'), 'B was here\n');
    await journal.record('shared.bin', 'agent-b', byAgent('agent-b'));
    repo.write('other.txt', 'B also wrote this\n');
    const otherBefore = fs.statSync(path.join(repo.dir, 'other.txt'));

    const restored = await journal.restore('shared.bin', fromA.version);
    expect(fs.readFileSync(path.join(repo.dir, 'shared.bin')).equals(aBytes)).toBe(true);
    expect(restored).toEqual(expect.objectContaining({ version: 3, blob: fromA.blob, evidence: { rule: 'restore', fromVersion: 1 } }));
    expect(repo.read('other.txt')).toBe('B also wrote this\n');
    expect(fs.statSync(path.join(repo.dir, 'other.txt')).mtimeMs).toBe(otherBefore.mtimeMs);
    // No temporary file is left beside it.
    expect(fs.readdirSync(repo.dir).sort()).toEqual(['.agents', '.git', 'README.md', 'other.txt', 'shared.bin']);
  });

  it('restores a deleted version by removing the file, and keeps the executable bit', async () => {
    repo.write('run.sh', '#!/bin/sh\necho one\n');
    fs.chmodSync(path.join(repo.dir, 'run.sh'), 0o755);
    const executable = await journal.record('run.sh', 'agent-a', byAgent('agent-a'));
    expect(executable.mode).toBe('100755');
    fs.rmSync(path.join(repo.dir, 'run.sh'));
    const deleted = await journal.record('run.sh', 'agent-b', byAgent('agent-b'));

    await journal.restore('run.sh', executable.version);
    expect(fs.statSync(path.join(repo.dir, 'run.sh')).mode & 0o777).toBe(0o755);
    await journal.restore('run.sh', deleted.version);
    expect(repo.exists('run.sh')).toBe(false);
  });

  it('keeps a symbolic link as its target text and restores it as a link', async () => {
    fs.symlinkSync('README.md', path.join(repo.dir, 'link'));
    const link = await journal.record('link', 'agent-a', byAgent('agent-a'));
    expect(link.mode).toBe('120000');
    expect(repo.git('cat-file', 'blob', link.blob!)).toBe('README.md');
    fs.rmSync(path.join(repo.dir, 'link'));
    fs.writeFileSync(path.join(repo.dir, 'link'), 'not a link');
    await journal.record('link', 'agent-b', byAgent('agent-b'));
    await journal.restore('link', link.version);
    expect(fs.readlinkSync(path.join(repo.dir, 'link'))).toBe('README.md');
  });

  it('refuses to restore outside the working tree', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-outside-'));
    try {
      fs.symlinkSync(outside, path.join(repo.dir, 'escape'));
      for (const bad of ['../evil.txt', '/etc/passwd', '.git/config', '.agents/journal/versions.jsonl', 'a/../../evil', 'escape/evil.txt']) {
        await expect(journal.restore(bad, 1), bad).rejects.toThrow(/Refusing to write/);
      }
      expect(fs.readdirSync(outside)).toEqual([]);
      await expect(journal.record('../evil.txt', null, { rule: 'x' })).rejects.toThrow(/not a path inside the working tree/);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('keeps journaled blobs through git gc --prune=now, while an unpinned blob is pruned', async () => {
    repo.write('kept.txt', 'journaled content that exists nowhere else\n');
    const version = await journal.record('kept.txt', 'agent-a', byAgent('agent-a'));
    fs.rmSync(path.join(repo.dir, 'kept.txt'));
    const stray = await writeBlob(repo.dir, Buffer.from('a blob nobody refers to\n'));
    await journal.flush();
    expect(repo.git('rev-parse', '--verify', JOURNAL_REF).trim()).toMatch(/^[0-9a-f]{40}$/);

    repo.git('gc', '--prune=now', '--quiet');
    expect(await hasBlob(repo.dir, stray)).toBe(false);
    expect(await hasBlob(repo.dir, version.blob!)).toBe(true);
    await journal.restore('kept.txt', version.version);
    expect(repo.read('kept.txt')).toBe('journaled content that exists nowhere else\n');
  });

  it('chains pin batches, so blobs pinned in an earlier batch stay reachable', async () => {
    const blobs: string[] = [];
    for (const n of [1, 2, 3]) {
      repo.write(`f${n}.txt`, `content ${n}\n`);
      blobs.push((await journal.record(`f${n}.txt`, 'agent-a', byAgent('agent-a'))).blob!);
      await journal.flush();
    }
    expect(repo.git('rev-list', '--count', JOURNAL_REF).trim()).toBe('3');
    for (const n of [1, 2, 3]) fs.rmSync(path.join(repo.dir, `f${n}.txt`));
    repo.git('gc', '--prune=now', '--quiet');
    for (const blob of blobs) expect(await hasBlob(repo.dir, blob)).toBe(true);
  });
});
