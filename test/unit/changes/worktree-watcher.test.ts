/** The working-tree watcher alone: coalescing, gitignore, and the rescan that a burst triggers. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorktreeWatcher, type ObservedPath } from '../../../src/core/changes/worktree-watcher';
import { waitFor } from '../../harness/processes';
import { makeTempRepo, type TempRepo } from '../../harness/temp-repo';

describe('WorktreeWatcher', () => {
  let repo: TempRepo;
  let watcher: WorktreeWatcher | null;
  let batches: ObservedPath[][];
  const start = async (extra: { burstRescanEvents?: number } = {}): Promise<WorktreeWatcher> => {
    watcher = await WorktreeWatcher.start({ repo: repo.dir, onPaths: (paths) => batches.push(paths), coalesceMs: 100, ...extra });
    return watcher;
  };
  const delivered = (source?: ObservedPath['source']): ObservedPath[] => batches.flat().filter((p) => !source || p.source === source);

  beforeEach(() => {
    repo = makeTempRepo();
    batches = [];
    watcher = null;
  });
  afterEach(async () => {
    await watcher?.dispose();
    repo.remove();
  });

  it('reports a path written many times within the window once, with its first and last event times', async () => {
    const w = await start();
    for (let i = 0; i < 20; i++) repo.write('hot.txt', `version ${i}\n`);
    await waitFor(() => delivered().length > 0, 'a batch');
    await w.flush();
    const hot = delivered().filter((p) => p.path === 'hot.txt');
    expect(hot).toHaveLength(1);
    expect(hot[0]!.source).toBe('event');
    expect(hot[0]!.lastEventAt).toBeGreaterThanOrEqual(hot[0]!.firstEventAt);
  });

  it('reports nothing under .git/, .agents/ or a gitignored folder created after start', async () => {
    repo.write('.gitignore', 'cache/\n');
    repo.git('add', '.gitignore');
    repo.git('commit', '-qm', 'ignore cache');
    const w = await start();
    repo.write('cache/deep/a/b.txt', 'x');
    repo.write('.agents/x.json', '{}');
    repo.git('commit', '--allow-empty', '-qm', 'touches .git');
    await new Promise((r) => setTimeout(r, 300));
    repo.write('cache/deep/a/c.txt', 'x');
    repo.write('visible.txt', 'x');
    await waitFor(() => delivered().some((p) => p.path === 'visible.txt'), 'the visible file');
    await w.flush();
    expect(delivered().map((p) => p.path)).toEqual(['visible.txt']);
  });

  it('rescans after a burst big enough to overflow the kernel queue, reporting every dirty path again', async () => {
    const w = await start({ burstRescanEvents: 50 });
    for (let i = 0; i < 200; i++) repo.write(`burst/f${i}.txt`, `${i}`);
    await waitFor(() => w.stats.rescans > 0 && delivered('rescan').length >= 200, 'the rescan after the burst', 20_000);
    expect(w.stats.lastRescanReason).toBe('burst of events');
    expect(new Set(delivered('rescan').map((p) => p.path))).toEqual(new Set(Array.from({ length: 200 }, (_, i) => `burst/f${i}.txt`)));
  });
});
