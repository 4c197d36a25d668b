/**
 * The commit commands through the router, as every transport calls them: inputs and outputs
 * parse against the contract, refusals come back as typed errors, progress goes out as events.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitHandlers, type CommitSources } from '../../../src/core/commit/commit-handlers';
import { TypedEmitter } from '../../../src/core/lifecycle/typed-emitter';
import type { CoreEvents } from '../../../src/core/orchestrator';
import { createRouter, type CommandHandlers, type Router } from '../../../src/core/router';
import { commands } from '../../../src/shared/contract';
import type { AttributionEntry } from '../../../src/core/commit/commit-plan';
import { makeTempRepo, type TempRepo } from '../../harness/temp-repo';

// Real git on a shared 2-core machine: a run is many git processes.
const GIT_TEST_TIMEOUT_MS = 60_000;

const unused = (): never => {
  throw new Error('not used by these tests');
};

describe('commit handlers', { timeout: GIT_TEST_TIMEOUT_MS }, () => {
  let repo: TempRepo;
  let openRepo: string | null;
  let router: Router;
  let events: TypedEmitter<CoreEvents>;
  const attribution: AttributionEntry[] = [];

  beforeEach(() => {
    repo = makeTempRepo();
    openRepo = repo.dir;
    events = new TypedEmitter<CoreEvents>();
    // Only what the commit handlers read of the core.
    const sources: CommitSources = {
      openRepo: () => openRepo,
      agents: () => [],
      attribution: () => attribution,
      testCommand: () => null,
      onProgress: (progress) => events.emit('commit.progress', progress),
    };
    const everyCommandUnused = Object.fromEntries(Object.keys(commands).map((name) => [name, unused])) as unknown as CommandHandlers;
    router = createRouter({ ...everyCommandUnused, ...commitHandlers(sources) });
  });
  afterEach(() => repo.remove());

  it('plans, edits and runs through the contract, emitting commit.progress', async () => {
    repo.write('a.txt', 'a\n');
    repo.write('b.txt', 'b\n');
    const planned = await router.handle('commit.plan', {});
    expect(planned).toMatchObject({ ok: true, value: { plan: { strategy: 'per-agent', conventional: false }, warnings: [] } });
    const { plan } = (planned as { value: { plan: unknown } }).value;

    const edited = await router.handle('commit.edit', { plan, edit: { type: 'exclude-file', path: 'b.txt' } });
    expect(edited.ok).toBe(true);
    const progress: string[] = [];
    events.on('commit.progress', (p) => progress.push(p.step));
    const run = await router.handle('commit.run', { plan: (edited as { value: { plan: unknown } }).value.plan });
    expect(run).toMatchObject({ ok: true, value: { status: 'completed', left: [{ path: 'b.txt', reason: 'excluded' }] } });
    expect(progress).toContain('commit');
    expect(repo.git('show', '--name-only', '--format=', 'HEAD').trim()).toBe('a.txt');
  });

  it('answers a refused edit with invalid-input and the reason', async () => {
    repo.write('a.txt', 'a\n');
    const planned = await router.handle('commit.plan', {});
    const { plan } = (planned as { value: { plan: unknown } }).value;
    const refused = await router.handle('commit.edit', { plan, edit: { type: 'move-file', path: 'a.txt', toGroupId: 'agent:ghost' } });
    expect(refused).toEqual({ ok: false, error: { code: 'invalid-input', message: 'There is no group agent:ghost in this plan.' } });
    const malformed = await router.handle('commit.edit', { plan, edit: { type: 'shred-file', path: 'a.txt' } });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('gives the diff and hunks of a path', async () => {
    repo.write('README.md', '# test repository\nmore\n');
    const diff = await router.handle('commit.diff', { path: 'README.md' });
    expect(diff).toMatchObject({ ok: true, value: { binary: false, hunks: [{ oldStart: 1, oldLines: 0, newStart: 2, newLines: 1 }] } });
  });

  it('says to open a repository first when none is open', async () => {
    openRepo = null;
    expect(await router.handle('commit.plan', {})).toEqual({ ok: false, error: { code: 'no-repository', message: 'Open a repository first.' } });
  });
});
