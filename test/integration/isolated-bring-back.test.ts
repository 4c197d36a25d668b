/**
 * Isolated agents brought back through the commit wizard's service on real git: the agent's
 * worktree is made by the launcher's own createAgentWorktree on `switchyard/<name>` and its
 * registry record carries `workspace`. Each way back (merge, squash, cherry-pick) lands as one
 * group on the shared branch, the shared working tree then holds the agent's changes, and the
 * user's own staged and unstaged work is untouched; a conflicting branch, or one that changes a
 * file the user is editing, is reported and not committed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommitPlan } from '../../src/core/commit/commit-plan';
import { isolatedBranches } from '../../src/core/isolation/isolated-branches';
import { CommitService, type PlanRequest } from '../../src/core/commit/commit-service';
import type { Agent } from '../../src/shared/domain';
import { isolatedWorktree, type IsolatedWorktree } from '../harness/isolated-worktree';
import { makeTempRepo, type TempRepo } from '../harness/temp-repo';

const PER_AGENT: PlanRequest = { strategy: 'per-agent', conventional: false, messageFromTask: true };
const GIT_TEST_TIMEOUT_MS = 60_000;

describe('bringing isolated agents back', { timeout: GIT_TEST_TIMEOUT_MS }, () => {
  let repo: TempRepo;
  let agents: Agent[];
  let service: CommitService;
  let isolated: IsolatedWorktree;
  const inWorktree = (...args: string[]) => isolated.git(...args);
  const writeInWorktree = (relative: string, content: string) => isolated.write(relative, content);

  beforeEach(async () => {
    repo = makeTempRepo();
    repo.write('shared.txt', 'one\ntwo\nthree\n');
    repo.write('user.txt', 'the user\n');
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'base');
    isolated = await isolatedWorktree(repo, { id: 'alice', task: 'Add the parser. It reads the config.', status: 'finished' });
    agents = [isolated.agent];
    service = new CommitService({ repo: () => repo.dir, agents: () => agents, attribution: () => [], testCommand: () => null, onProgress: () => {}, isolated: isolatedBranches });
  });
  afterEach(() => repo.remove());

  /** The agent's work: one commit, and one file still uncommitted in its worktree. */
  function agentWorks(): void {
    writeInWorktree('parser.ts', 'export const parse = 1;\n');
    inWorktree('add', 'parser.ts');
    inWorktree('commit', '-q', '-m', 'Add the parser');
    writeInWorktree('config.ts', 'export const config = {};\n');
  }

  /** The user's own work in the shared tree: one staged file, one unstaged edit. */
  function userWorks(): void {
    repo.write('user.txt', 'the user, staged\n');
    repo.git('add', 'user.txt');
    repo.write('notes.md', 'unstaged notes\n');
  }

  async function planWith(mode: 'merge' | 'squash' | 'cherry-pick'): Promise<CommitPlan> {
    const drafted = (await service.plan(PER_AGENT)).plan;
    const group = drafted.isolated?.[0];
    expect(group).toBeDefined();
    // The user's unstaged notes stay theirs: out of the shared groups.
    const plan = drafted.changes.some((c) => c.path === 'notes.md') ? (await service.edit(drafted, { type: 'exclude-file', path: 'notes.md' })).plan : drafted;
    return mode === 'merge' ? plan : (await service.edit(plan, { type: 'set-isolated-mode', groupId: group!.id, mode })).plan;
  }

  it('keeps the agent\'s edits out of the shared tree until they are brought back', async () => {
    agentWorks();
    expect(repo.exists('parser.ts')).toBe(false);
    expect(repo.exists('config.ts')).toBe(false);
    const { plan, warnings } = await service.plan(PER_AGENT);
    expect(plan.isolated).toHaveLength(1);
    const group = plan.isolated![0]!;
    expect(group).toMatchObject({ id: 'isolated:alice', branch: 'switchyard/alice', uncommitted: ['config.ts'], files: ['config.ts', 'parser.ts'], included: true, conflicts: [], busy: [] });
    expect(group.commits.map((c) => c.title)).toEqual(['Add the parser']);
    expect(warnings.join(' ')).toMatch(/uncommitted work in its worktree/);
    // Its Codex still runs (finished its task, waiting at its prompt): what it writes next would come too.
    expect(warnings.join(' ')).toContain("alice's Codex still runs in its worktree (finished): bringing switchyard/alice back takes the worktree as it is then");
    // Planning builds nothing visible: the agent's branch and worktree are as they were.
    expect(inWorktree('status', '--porcelain')).toContain('?? config.ts');
  });

  it.each(['merge', 'squash', 'cherry-pick'] as const)('brings the branch back by %s as one group, leaving the user\'s work as it was', async (mode) => {
    agentWorks();
    userWorks();
    const before = repo.git('rev-parse', 'HEAD').trim();
    const plan = await planWith(mode);
    const result = await service.run({ plan, skipHooks: false, runTests: false });
    expect(result.stop).toBeNull();
    expect(result.status).toBe('completed');
    expect(result.committed.every((c) => c.groupIds[0] === 'isolated:alice')).toBe(true);

    const head = repo.git('rev-parse', 'HEAD').trim();
    expect(result.head).toBe(head);
    const parents = repo.git('log', '-1', '--format=%P', head).trim().split(' ');
    const newCommits = repo.git('rev-list', `${before}..${head}`).trim().split('\n');
    if (mode === 'merge') {
      expect(parents).toHaveLength(2);
      expect(parents[0]).toBe(before);
      expect(repo.git('log', '-1', '--format=%s').trim()).toBe("Merge branch 'switchyard/alice' (alice)");
    } else if (mode === 'squash') {
      expect(newCommits).toHaveLength(1);
      expect(parents).toEqual([before]);
    } else {
      // The branch's commit and the commit of the worktree's uncommitted work, replayed.
      expect(newCommits).toHaveLength(2);
      expect(repo.git('log', '--format=%s', `${before}..${head}`).trim().split('\n')[1]).toBe('Add the parser');
    }
    expect(repo.git('show', `${head}:parser.ts`)).toBe('export const parse = 1;\n');
    expect(repo.git('show', `${head}:config.ts`)).toBe('export const config = {};\n');
    // The shared working tree holds the agent's changes, so the next commit does not revert them.
    expect(repo.read('parser.ts')).toBe('export const parse = 1;\n');
    expect(repo.read('config.ts')).toBe('export const config = {};\n');
    // The user's staged and unstaged work: exactly as before.
    expect(repo.git('status', '--porcelain', '--untracked-files=all').split('\n').filter(Boolean).sort()).toEqual(['?? notes.md', 'M  user.txt']);
    expect(repo.git('diff', '--cached', '--name-only').trim()).toBe('user.txt');
    // Nothing was lost on the agent's side: its uncommitted work is now a commit on its branch.
    expect(inWorktree('status', '--porcelain')).toBe('');
    expect(inWorktree('log', '--format=%s', '-2').split('\n')[0]).toBe('Add the parser');
    // A second plan has nothing left to bring back.
    const again = await service.plan(PER_AGENT);
    expect(again.plan.isolated ?? []).toEqual([]);
  });

  it('replays commits on a shared branch that moved on', async () => {
    writeInWorktree('a.ts', 'a\n');
    inWorktree('add', 'a.ts');
    inWorktree('commit', '-q', '-m', 'First agent commit', '--author', 'Agent Alice <alice@agents.invalid>');
    writeInWorktree('b.ts', 'b\n');
    inWorktree('add', 'b.ts');
    inWorktree('commit', '-q', '-m', 'Second agent commit');
    repo.write('other.txt', 'meanwhile\n');
    repo.git('add', 'other.txt');
    repo.git('commit', '-q', '-m', 'meanwhile on main');
    const before = repo.git('rev-parse', 'HEAD').trim();
    const plan = await planWith('cherry-pick');
    const result = await service.run({ plan, skipHooks: false, runTests: false });
    expect(result.stop).toBeNull();
    expect(repo.git('log', '--format=%s|%an', `${before}..HEAD`).trim().split('\n')).toEqual(['Second agent commit|Switchyard Test', 'First agent commit|Agent Alice']);
    expect(repo.git('log', '-1', '--format=%P').trim().split(' ')).toHaveLength(1);
    expect(repo.read('a.ts')).toBe('a\n');
    expect(repo.read('b.ts')).toBe('b\n');
  });

  it('reports a conflicting branch, shows its conflicted file and commits nothing', async () => {
    writeInWorktree('shared.txt', 'one\nTWO by the agent\nthree\n');
    inWorktree('commit', '-q', '-am', 'agent edits line two');
    repo.write('shared.txt', 'one\n2 on main\nthree\n');
    repo.git('commit', '-q', '-am', 'main edits line two');
    const before = repo.git('rev-parse', 'HEAD').trim();

    const { plan, warnings } = await service.plan(PER_AGENT);
    const group = plan.isolated![0]!;
    expect(group.conflicts).toEqual(['shared.txt']);
    expect(group.included).toBe(false);
    expect(warnings.join(' ')).toMatch(/does not merge cleanly \(shared\.txt\)/);
    const shown = await service.isolatedDiff(group.id, 'merge', 'shared.txt');
    expect(shown.conflicted).toBe(true);
    // The sides are named by their branches, not the commit ids git was given.
    expect(shown.diff).toMatch(/^\+<<<<<<< main$/m);
    expect(shown.diff).toMatch(/^\+>>>>>>> switchyard\/alice$/m);
    for (const mode of ['squash', 'cherry-pick'] as const) {
      const other = await service.isolatedDiff(group.id, mode, 'shared.txt');
      expect(other.diff).toMatch(/^\+<<<<<<< main\n[\s\S]*^\+>>>>>>> switchyard\/alice$/m);
    }

    // Leaving it out commits nothing of it; taking it in is refused before anything is committed.
    const forced = (await service.edit(plan, { type: 'set-isolated-included', groupId: group.id, included: true })).plan;
    const result = await service.run({ plan: forced, skipHooks: false, runTests: false });
    expect(result.stop?.kind).toBe('isolated-conflict');
    expect(result.stop?.message).toMatch(/shared\.txt/);
    expect(result.committed).toEqual([]);
    expect(repo.git('rev-parse', 'HEAD').trim()).toBe(before);
    expect(repo.read('shared.txt')).toBe('one\n2 on main\nthree\n');
    expect(repo.git('status', '--porcelain')).toBe('');
  });

  it('refuses a branch that changes a file with the user\'s uncommitted changes, naming it', async () => {
    writeInWorktree('user.txt', 'the agent\'s version\n');
    inWorktree('commit', '-q', '-am', 'agent edits user.txt');
    repo.write('user.txt', 'the user is editing this\n');
    const before = repo.git('rev-parse', 'HEAD').trim();
    const { plan } = await service.plan(PER_AGENT);
    const group = plan.isolated![0]!;
    expect(group.busy).toEqual(['user.txt']);
    expect(group.included).toBe(false);
    const forced = (await service.edit(plan, { type: 'set-isolated-included', groupId: group.id, included: true })).plan;
    const result = await service.run({ plan: forced, skipHooks: false, runTests: false });
    expect(result.stop?.kind).toBe('shared-tree-busy');
    expect(result.stop?.message).toMatch(/user\.txt/);
    expect(repo.git('rev-parse', 'HEAD').trim()).toBe(before);
    expect(repo.read('user.txt')).toBe('the user is editing this\n');
  });
});
