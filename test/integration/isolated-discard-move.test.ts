/**
 * The other two ways out of isolation, on real git worktrees (made as the launcher makes them)
 * and the real change tracker: discarding says first what would be lost and removes the worktree
 * and branch only when told to; moving to the shared tree writes the agent's changes in one
 * step, attributed to the agent, refuses (writing nothing) when a shared file changed since the
 * agent's base, and leaves the agent's record shared.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IsolationService } from '../../src/core/isolation/isolation-service';
import { RepoChanges } from '../../src/core/session/repo-changes';
import type { Agent } from '../../src/shared/domain';
import { isolatedWorktree, type IsolatedWorktree } from '../harness/isolated-worktree';
import { makeTempRepo, type TempRepo } from '../harness/temp-repo';

const GIT_TEST_TIMEOUT_MS = 60_000;

describe('discarding and moving an isolated agent', { timeout: GIT_TEST_TIMEOUT_MS }, () => {
  let repo: TempRepo;
  let agents: Agent[];
  let worktree: string;
  let changes: RepoChanges | null;
  let service: IsolationService;
  let forgotten: string[];
  let isolated: IsolatedWorktree;
  const inWorktree = (...args: string[]) => isolated.git(...args);
  const writeInWorktree = (relative: string, content: string) => isolated.write(relative, content);

  beforeEach(async () => {
    repo = makeTempRepo();
    repo.write('shared.txt', 'one\n');
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'base');
    isolated = await isolatedWorktree(repo, { id: 'alice', task: 'Add the parser', status: 'exited' });
    worktree = isolated.path;
    agents = [isolated.agent];
    changes = null;
    forgotten = [];
    service = new IsolationService({
      repo: () => repo.dir,
      agents: () => agents,
      stop: async () => undefined,
      forget: (id) => {
        forgotten.push(id);
        agents = agents.filter((a) => a.id !== id);
      },
      makeShared: (id) => {
        agents = agents.map((a) => (a.id === id ? { ...a, workspace: null } : a));
        return agents.find((a) => a.id === id)!;
      },
      journal: () => changes,
    });
  });
  afterEach(async () => {
    await changes?.dispose();
    repo.remove();
  });

  const branchExists = () => repo.git('branch', '--list', 'switchyard/alice').trim() !== '';

  it('says what discarding would lose and removes nothing without force', async () => {
    writeInWorktree('parser.ts', 'export {};\n');
    inWorktree('add', 'parser.ts');
    inWorktree('commit', '-q', '-m', 'Add the parser');
    writeInWorktree('notes.md', 'draft\n');

    const loss = await service.loss('alice');
    expect(loss.uncommitted).toEqual(['notes.md']);
    expect(loss.commits.map((c) => c.title)).toEqual(['Add the parser']);
    expect(loss.files).toEqual(['notes.md', 'parser.ts']);
    expect(loss.summary).toMatch(/2 files changed \(notes\.md, parser\.ts\); 1 commit not merged into the current branch \(\w{7} Add the parser\); 1 file never committed/);

    const refused = await service.discard('alice', false);
    expect(refused.removed).toBe(false);
    expect(fs.existsSync(worktree)).toBe(true);
    expect(branchExists()).toBe(true);

    const removed = await service.discard('alice', true);
    expect(removed.removed).toBe(true);
    expect(fs.existsSync(worktree)).toBe(false);
    expect(branchExists()).toBe(false);
    expect(forgotten).toEqual(['alice']);
    expect(repo.git('worktree', 'list', '--porcelain')).not.toContain('alice');
  });

  it('still counts the worktree\'s work when its branch was renamed inside it, and removes nothing without force', async () => {
    writeInWorktree('parser.ts', 'export {};\n');
    inWorktree('add', 'parser.ts');
    inWorktree('commit', '-q', '-m', 'Add the parser');
    writeInWorktree('notes.md', 'draft\n');
    // What an agent's own git could do: the branch Switchyard made is gone, the folder is not.
    inWorktree('branch', '-m', 'switchyard/alice', 'alice-renamed');
    expect(branchExists()).toBe(false);

    const loss = await service.loss('alice');
    expect(loss).toMatchObject({ branchExists: false, worktreeExists: true, uncommitted: ['notes.md'], files: ['notes.md', 'parser.ts'] });
    expect(loss.commits.map((c) => c.title)).toEqual(['Add the parser']);
    expect(loss.summary).toMatch(/^Its branch switchyard\/alice no longer exists .*would lose 2 files changed/);

    const refused = await service.discard('alice', false);
    expect(refused.removed).toBe(false);
    expect(fs.readFileSync(path.join(worktree, 'notes.md'), 'utf8')).toBe('draft\n');
  });

  it('discards without force when nothing would be lost', async () => {
    const loss = await service.loss('alice');
    expect(loss.summary).toMatch(/Nothing would be lost/);
    expect((await service.discard('alice', false)).removed).toBe(true);
    expect(branchExists()).toBe(false);
  });

  it('refuses to discard a running agent\'s worktree', async () => {
    agents = agents.map((a) => ({ ...a, status: 'working' }));
    await expect(service.discard('alice', true)).rejects.toThrow(/stop it before/);
    expect(fs.existsSync(worktree)).toBe(true);
  });

  it('moves the agent\'s changes into the shared tree as the agent\'s, and the agent becomes shared', async () => {
    changes = await RepoChanges.start({
      repo: repo.dir,
      onChanged: () => {},
      onProblem: () => {},
      context: () => ({ agents, claims: [], stuckAfterMinutes: 10 }),
      holders: () => [],
      unmanagedScan: false,
    });
    writeInWorktree('parser.ts', 'export const parse = 1;\n');
    inWorktree('add', 'parser.ts');
    inWorktree('commit', '-q', '-m', 'Add the parser');
    writeInWorktree('shared.txt', 'one\ntwo\n');

    const preview = await service.movePreview('alice');
    expect(preview.running).toBe(false);
    expect(preview.files.map((f) => [f.path, f.kind, f.refused])).toEqual([
      ['parser.ts', 'added', null],
      ['shared.txt', 'modified', null],
    ]);
    expect(preview.files[1]!.diff).toContain('+two');

    const { moved, agent } = await service.move('alice', false);
    expect(moved).toEqual(['parser.ts', 'shared.txt']);
    expect(agent.workspace).toBeNull();
    expect(repo.read('parser.ts')).toBe('export const parse = 1;\n');
    expect(repo.read('shared.txt')).toBe('one\ntwo\n');
    // Not committed: the changes wait in the shared tree for the wizard, as the agent's.
    expect(repo.git('log', '--format=%s').trim()).toBe('base\ninitial');
    const entries = await changes.attributionEntries();
    expect(entries.filter((e) => e.path === 'parser.ts' || e.path === 'shared.txt').map((e) => [e.path, e.agentId, e.attribution]).sort()).toEqual([
      ['parser.ts', 'alice', 'exact'],
      ['shared.txt', 'alice', 'exact'],
    ]);
    expect(fs.existsSync(worktree)).toBe(false);
    expect(branchExists()).toBe(false);
  });

  it('refuses the whole move, naming the file, when the shared file changed since the base', async () => {
    writeInWorktree('parser.ts', 'export {};\n');
    writeInWorktree('shared.txt', 'one\nby the agent\n');
    repo.write('shared.txt', 'one\nby the user\n');

    const preview = await service.movePreview('alice');
    expect(preview.files.find((f) => f.path === 'shared.txt')!.refused).toBe('shared.txt changed in the shared tree since the agent started.');
    expect(preview.files.find((f) => f.path === 'parser.ts')!.refused).toBeNull();
    await expect(service.move('alice', false)).rejects.toThrow(/Nothing was moved: shared\.txt changed in the shared tree/);
    expect(repo.exists('parser.ts')).toBe(false);
    expect(repo.read('shared.txt')).toBe('one\nby the user\n');
    expect(agents[0]!.workspace).not.toBeNull();
    expect(fs.existsSync(worktree)).toBe(true);
  });

  it('refuses to move while Codex runs in the worktree unless asked to stop it first', async () => {
    agents = agents.map((a) => ({ ...a, status: 'working' }));
    writeInWorktree('parser.ts', 'export {};\n');
    await expect(service.move('alice', false)).rejects.toThrow(/still running/);
    expect(repo.exists('parser.ts')).toBe(false);
  });
});
