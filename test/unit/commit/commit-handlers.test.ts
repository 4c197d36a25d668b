/**
 * The commit commands through the router, as every transport calls them: inputs and outputs
 * parse against the contract, refusals come back as typed errors, progress goes out as events.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitHandlers, type CommitSources } from '../../../src/core/commit/commit-handlers';
import { TypedEmitter } from '../../../src/core/lifecycle/typed-emitter';
import type { CoreEvents } from '../../../src/core/orchestrator';
import { createRouter, type CommandHandlers, type Router } from '../../../src/core/router';
import { commands } from '../../../src/shared/contract';
import type { AttributionEntry, CommitPlan } from '../../../src/core/commit/commit-plan';
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

  it('refuses a commit.diff path outside the repository as invalid input (not git exit 128 as internal)', async () => {
    for (const bad of ['/etc/passwd', `${repo.dir}/README.md`, '../outside.txt', 'src/../../x', '.git/config', './README.md']) {
      const answer = await router.handle('commit.diff', { path: bad });
      expect(answer, bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    expect(await router.handle('commit.diff', { path: '/etc/passwd' })).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: `The path "/etc/passwd" is outside the repository ${repo.dir}.` },
    });
  });

  it('does not read an untracked path through a link out of the repository, yet diffs a tracked file whose folder became such a link', async () => {
    const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sy-outside-')));
    try {
      fs.writeFileSync(path.join(outside, 'secret.txt'), 'not for the viewer\n');
      fs.symlinkSync(outside, path.join(repo.dir, 'out'));
      const leak = await router.handle('commit.diff', { path: 'out/secret.txt' });
      expect(leak).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/leads outside the repository through a symbolic link/) } });

      repo.write('dir/f.txt', 'tracked\n');
      repo.git('add', '-A');
      repo.git('commit', '-q', '-m', 'dir');
      fs.rmSync(path.join(repo.dir, 'dir'), { recursive: true });
      fs.symlinkSync(outside, path.join(repo.dir, 'dir'));
      const deleted = await router.handle('commit.diff', { path: 'dir/f.txt' });
      expect(deleted).toMatchObject({ ok: true, value: { binary: false, hunks: [{ oldStart: 1, oldLines: 1, newStart: 0, newLines: 0 }] } });
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('refuses a commit.edit whose path is outside the repository', async () => {
    repo.write('a.txt', 'a\n');
    const { plan } = (await router.handle('commit.plan', {}) as { value: { plan: unknown } }).value;
    const refused = await router.handle('commit.edit', { plan, edit: { type: 'exclude-file', path: '/etc/passwd' } });
    expect(refused).toEqual({ ok: false, error: { code: 'invalid-input', message: `The path "/etc/passwd" is outside the repository ${repo.dir}.` } });
  });

  it('refuses a commit.run whose plan names a path outside the repository, and commits nothing', async () => {
    repo.write('a.txt', 'a\n');
    const { plan } = (await router.handle('commit.plan', {}) as { value: { plan: CommitPlan } }).value;
    const head = repo.git('rev-parse', 'HEAD');
    for (const [bad, why] of [
      ['/etc/passwd', `is outside the repository ${repo.dir}`],
      ['../../etc/passwd', 'contains ".."'],
      ['.git/config', 'is inside .git/'],
    ] as Array<[string, string]>) {
      // The hostile path is made consistent across the plan, so only the path check can refuse it.
      const hostile = JSON.parse(JSON.stringify(plan).replaceAll('"a.txt"', JSON.stringify(bad))) as CommitPlan;
      const run = await router.handle('commit.run', { plan: hostile });
      expect(run, bad).toEqual({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining(`The plan path ${JSON.stringify(bad)} ${why}`) } });
    }
    expect(repo.git('rev-parse', 'HEAD')).toBe(head);
  });

  it('says to open a repository first when none is open', async () => {
    openRepo = null;
    expect(await router.handle('commit.plan', {})).toEqual({ ok: false, error: { code: 'no-repository', message: 'Open a repository first.' } });
  });
});
