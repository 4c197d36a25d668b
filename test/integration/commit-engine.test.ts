/**
 * The commit engine on real git repositories: per-agent commits built on a temporary index,
 * the user's index and working tree left exactly as they were, hooks honoured, and every way a
 * run can stop (hook refusal, a held index.lock, a branch moved by someone else) leaving a clean,
 * resumable state. Edge cases: renames, deletions, binary files, modes, odd names, an unborn
 * branch, a detached HEAD, and one file split by hunk between two agents.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { executeCommitPlan, type CommitOptions } from '../../src/core/commit/commit-executor';
import { planCommits, type AttributionEntry, type CommitPlan, type PlanAgent } from '../../src/core/commit/commit-plan';
import type { CommitProgress, CommitRunResult } from '../../src/core/commit/commit-result';
import { readHead } from '../../src/core/git/head-state';
import { parseHunkHeaders } from '../../src/core/git/hunk-ranges';
import { excludeFile, moveGroup } from '../../src/core/commit/plan-edits';
import { findPlanProblems } from '../../src/core/commit/plan-validation';
import { readWorktreeStatus } from '../../src/core/git/worktree-status';
import { makeTempRepo, type TempRepo } from '../harness/temp-repo';

const AGENTS: PlanAgent[] = [
  { id: 'alice', name: 'Alice', task: 'Add the parser', after: [], startedAt: '2025-01-01T10:00:00.000Z' },
  { id: 'bob', name: 'Bob', task: 'Write the docs', after: [], startedAt: '2025-01-01T10:01:00.000Z' },
  { id: 'carol', name: 'Carol', task: 'Fix the build', after: [], startedAt: '2025-01-01T10:02:00.000Z' },
];
/** Short, so the tests that hold index.lock on purpose do not wait the default seconds. */
const LOCK_WAIT_MS = 200;

const exact = (agentId: string | null, ...paths: string[]): AttributionEntry[] =>
  paths.map((p) => ({ path: p, agentId, attribution: agentId ? 'exact' : 'unattributed' }));

/** Every file under the working tree (not .git) with a hash of its bytes, its mode and link target. */
function fingerprintWorktree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      const rel = path.relative(dir, full);
      if (rel === '.git') continue;
      if (entry.isDirectory()) walk(full);
      else {
        const info = fs.lstatSync(full);
        const content = info.isSymbolicLink() ? `link:${fs.readlinkSync(full)}` : crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex');
        out.set(rel, `${content} ${(info.mode & 0o777).toString(8)}`);
      }
    }
  };
  walk(dir);
  return out;
}

describe('commit engine on real repositories', () => {
  let repo: TempRepo;
  let outside: string;

  beforeEach(() => {
    repo = makeTempRepo();
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-commit-out-'));
  });
  afterEach(() => {
    repo.remove();
    fs.rmSync(outside, { recursive: true, force: true });
  });

  const plan = async (attribution: AttributionEntry[], extra: Partial<Parameters<typeof planCommits>[0]> = {}): Promise<CommitPlan> => {
    const head = await readHead(repo.dir);
    const changes = await readWorktreeStatus(repo.dir);
    return planCommits({ base: { commit: head.commit, ref: head.kind === 'branch' ? head.ref : null }, changes, attribution, agents: AGENTS, ...extra });
  };
  const commit = (p: CommitPlan, options: CommitOptions = {}): Promise<CommitRunResult> => executeCommitPlan(repo.dir, p, { indexLockWaitMs: LOCK_WAIT_MS, ...options });
  /** `git show --name-status` of a commit as sorted "S path" lines. */
  const nameStatus = (sha: string): string[] =>
    repo
      .git('show', '--name-status', '--no-renames', '--format=', '-z', sha)
      .split('\0')
      .filter(Boolean)
      .reduce<string[]>((acc, field, i, all) => (i % 2 === 0 ? [...acc, `${field} ${all[i + 1]}`] : acc), [])
      .sort();
  const subjects = (): string[] => repo.git('log', '--format=%s').trim().split('\n');
  const hook = (name: string, body: string, folder = path.join(repo.dir, '.git', 'hooks')) => {
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  };
  const write = (rel: string, content: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(repo.dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(repo.dir, rel), content);
  };

  it('makes one commit per agent with exactly its files, keeps an unrelated staged change staged and the working tree byte-identical', async () => {
    write('keep.txt', 'user base\n');
    repo.git('add', 'keep.txt');
    repo.git('commit', '-q', '-m', 'keep');
    write('src/parser.ts', 'export const parse = 1;\n');
    write('src/lexer.ts', 'export const lex = 1;\n');
    write('docs/guide.md', '# Guide\n');
    write('stray.txt', 'nobody knows\n');
    // The user's own staged work, which no agent touched.
    write('keep.txt', 'user staged this\n');
    repo.git('add', 'keep.txt');
    write('keep.txt', 'user staged this\nand kept editing\n');
    const stagedBefore = repo.git('diff', '--cached', '--', 'keep.txt');
    const worktreeBefore = fingerprintWorktree(repo.dir);

    const p = await plan([...exact('alice', 'src/parser.ts', 'src/lexer.ts'), ...exact('bob', 'docs/guide.md')]);
    const p2 = excludeFile(p, 'keep.txt');
    expect(p2.ok).toBe(true);
    const result = await commit(p2.ok ? p2.value : p);

    expect(result.status).toBe('completed');
    expect(result.committed.map((c) => c.groupIds)).toEqual([['agent:alice'], ['agent:bob'], ['unattributed']]);
    const [alice, bob, stray] = result.committed;
    expect(nameStatus(alice!.sha)).toEqual(['A src/lexer.ts', 'A src/parser.ts']);
    expect(nameStatus(bob!.sha)).toEqual(['A docs/guide.md']);
    expect(nameStatus(stray!.sha)).toEqual(['A stray.txt']);
    expect(subjects()).toEqual(['Update stray.txt', 'Write the docs', 'Add the parser', 'keep', 'initial']);
    expect(repo.git('rev-parse', 'HEAD').trim()).toBe(stray!.sha);
    expect(repo.git('diff', '--cached', '--', 'keep.txt')).toBe(stagedBefore);
    expect(fingerprintWorktree(repo.dir)).toEqual(worktreeBefore);
    // Committed paths are clean; the user's file is still staged and modified, as before.
    expect(repo.git('status', '--porcelain=v1')).toBe('MM keep.txt\n');
    expect(result.left).toEqual([{ path: 'keep.txt', reason: 'excluded', groupId: 'unattributed' }]);
    expect(result.resume).toBeNull();
  });

  it('orders commits by dependencies, then launch order', async () => {
    write('a.txt', 'a\n');
    write('b.txt', 'b\n');
    write('c.txt', 'c\n');
    // Alice launched first but waited for Carol, who waited for Bob.
    const agents: PlanAgent[] = [
      { ...AGENTS[0]!, after: ['carol'] },
      { ...AGENTS[1]! },
      { ...AGENTS[2]!, after: ['bob'] },
    ];
    const p = await plan([...exact('alice', 'a.txt'), ...exact('bob', 'b.txt'), ...exact('carol', 'c.txt')], { agents });
    const result = await commit(p);
    expect(result.committed.map((c) => c.title)).toEqual(['Bob', 'Carol', 'Alice']);
    expect(subjects().slice(0, 3)).toEqual(['Add the parser', 'Fix the build', 'Write the docs']);
  });

  it('shows pre-commit the temporary index with exactly the group being committed', async () => {
    const seen = path.join(outside, 'seen');
    hook('pre-commit', `git diff --cached --name-only >> '${seen}'; echo --- >> '${seen}'`);
    write('a.txt', 'a\n');
    write('b.txt', 'b\n');
    write('user.txt', 'staged by the user\n');
    repo.git('add', 'user.txt');
    const p = await plan([...exact('alice', 'a.txt'), ...exact('bob', 'b.txt')]);
    const result = await commit(excludeOk(p, 'user.txt'));
    expect(result.status).toBe('completed');
    expect(fs.readFileSync(seen, 'utf8')).toBe('a.txt\n---\nb.txt\n---\n');
  });

  it('stops when pre-commit refuses the second group, keeps the first commit, and resumes after the hook is fixed', async () => {
    hook('pre-commit', 'if git diff --cached --name-only | grep -q docs/; then echo "docs need a review" >&2; exit 1; fi');
    write('src/a.ts', 'a\n');
    write('docs/b.md', 'b\n');
    write('c.txt', 'c\n');
    const before = fingerprintWorktree(repo.dir);
    const base = repo.git('rev-parse', 'HEAD').trim();
    const p = await plan([...exact('alice', 'src/a.ts'), ...exact('bob', 'docs/b.md'), ...exact('carol', 'c.txt')]);

    const first = await commit(p);
    expect(first.status).toBe('stopped');
    expect(first.stop).toMatchObject({ kind: 'hook-failed', step: 'pre-commit', groupIds: ['agent:bob'] });
    expect(first.stop!.output).toContain('docs need a review');
    expect(first.committed.map((c) => c.title)).toEqual(['Alice']);
    expect(first.notCommitted.map((n) => n.title)).toEqual(['Bob', 'Carol']);
    expect(first.left.filter((l) => l.reason === 'not-committed').map((l) => l.path)).toEqual(['docs/b.md', 'c.txt']);
    const aliceSha = first.committed[0]!.sha;
    expect(repo.git('rev-parse', 'HEAD').trim()).toBe(aliceSha);
    expect(repo.git('rev-parse', `${aliceSha}^`).trim()).toBe(base);
    expect(fingerprintWorktree(repo.dir)).toEqual(before);
    // The user's index matches the branch for the committed file, and still lacks the rest.
    expect(repo.git('status', '--porcelain=v1', '--untracked-files=all')).toBe('?? c.txt\n?? docs/b.md\n');
    expect(first.resume).toEqual({ expectedHead: aliceSha, committedGroupIds: ['agent:alice'] });

    hook('pre-commit', 'exit 0');
    const second = await commit(p, { resumeFrom: first.resume });
    expect(second.status).toBe('completed');
    expect(second.committed.map((c) => c.title)).toEqual(['Bob', 'Carol']);
    expect(nameStatus(second.committed[0]!.sha)).toEqual(['A docs/b.md']);
    expect(repo.git('rev-parse', `${second.committed[0]!.sha}^`).trim()).toBe(aliceSha);
    expect(repo.git('status', '--porcelain=v1', '--untracked-files=all')).toBe('');
    expect(fingerprintWorktree(repo.dir)).toEqual(before);
  });

  it('gives commit-msg the message file, and commits what the hook leaves in it', async () => {
    const seen = path.join(outside, 'message');
    hook('commit-msg', `cp "$1" '${seen}'; printf '\\nReviewed-by: hook\\n' >> "$1"`);
    write('a.txt', 'a\n');
    const p = await plan(exact('alice', 'a.txt'));
    const result = await commit(p);
    expect(result.status).toBe('completed');
    expect(fs.readFileSync(seen, 'utf8')).toBe(p.groups[0]!.message);
    const body = repo.git('log', '-1', '--format=%B');
    expect(body.startsWith('Add the parser\n')).toBe(true);
    expect(body).toContain('Reviewed-by: hook');
  });

  it('stops on a commit-msg refusal with its output', async () => {
    hook('commit-msg', 'echo "subject must mention a ticket" >&2; exit 1');
    write('a.txt', 'a\n');
    const base = repo.git('rev-parse', 'HEAD').trim();
    const result = await commit(await plan(exact('alice', 'a.txt')));
    expect(result.stop).toMatchObject({ kind: 'hook-failed', step: 'message' });
    expect(result.stop!.output).toContain('subject must mention a ticket');
    expect(repo.git('rev-parse', 'HEAD').trim()).toBe(base);
  });

  it('honours core.hooksPath, and skips hooks only when asked', async () => {
    const hooks = path.join(outside, 'hooks');
    hook('pre-commit', 'echo "custom hooks say no" >&2; exit 1', hooks);
    repo.git('config', 'core.hooksPath', hooks);
    write('a.txt', 'a\n');
    const p = await plan(exact('alice', 'a.txt'));
    const refused = await commit(p);
    expect(refused.stop?.kind).toBe('hook-failed');
    expect(refused.stop?.output).toContain('custom hooks say no');
    const skipped = await commit(p, { skipHooks: true });
    expect(skipped.status).toBe('completed');
    expect(nameStatus(skipped.committed[0]!.sha)).toEqual(['A a.txt']);
  });

  it('refuses with a clear message while another git holds index.lock, changing nothing', async () => {
    write('a.txt', 'a\n');
    const p = await plan(exact('alice', 'a.txt'));
    const lock = path.join(repo.dir, '.git', 'index.lock');
    fs.writeFileSync(lock, '');
    const before = fingerprintWorktree(repo.dir);
    const head = repo.git('rev-parse', 'HEAD').trim();
    const result = await commit(p);
    expect(result.status).toBe('stopped');
    expect(result.stop?.kind).toBe('index-locked');
    expect(result.stop?.message).toContain(`index.lock is held by another git process (${lock})`);
    expect(result.committed).toEqual([]);
    expect(repo.git('rev-parse', 'HEAD').trim()).toBe(head);
    expect(fs.existsSync(lock)).toBe(true); // someone else's lock is never removed
    expect(fingerprintWorktree(repo.dir)).toEqual(before);
    fs.rmSync(lock);
    const resumed = await commit(p, { resumeFrom: result.resume });
    expect(resumed.status).toBe('completed');
  });

  /** Runs the plan while another git takes index.lock as the second unit is committed. */
  const commitWhileIndexLockAppears = async (p: CommitPlan) => {
    const lock = path.join(repo.dir, '.git', 'index.lock');
    const onProgress = (progress: CommitProgress) => {
      if (progress.unit === 2 && progress.step === 'commit') fs.writeFileSync(lock, '');
    };
    return { first: await commit(p, { onProgress }), lock };
  };

  // With a hook installed every commit is published as it is made (the hook sees it on the branch);
  // without one the run's commits are published together at the end. Both are tested.
  it('stops between commits when index.lock appears, and resumes when it is gone (hooks installed: each commit published at once)', async () => {
    hook('post-commit', 'exit 0');
    write('a.txt', 'a\n');
    write('b.txt', 'b\n');
    const p = await plan([...exact('alice', 'a.txt'), ...exact('bob', 'b.txt')]);
    const { first, lock } = await commitWhileIndexLockAppears(p);
    expect(first.stop?.kind).toBe('index-locked');
    expect(first.committed.map((c) => c.title)).toEqual(['Alice']);
    expect(repo.git('rev-parse', 'HEAD').trim()).toBe(first.committed[0]!.sha);
    fs.rmSync(lock);
    // The user's index was not touched by the failed second commit: b.txt is still untracked.
    expect(repo.git('status', '--porcelain=v1')).toBe('?? b.txt\n');
    const second = await commit(p, { resumeFrom: first.resume });
    expect(second.committed.map((c) => c.title)).toEqual(['Bob']);
  });

  it('publishes nothing when index.lock is held at the end of a run without hooks, and resumes when it is gone', async () => {
    write('a.txt', 'a\n');
    write('b.txt', 'b\n');
    const base = repo.git('rev-parse', 'HEAD').trim();
    const p = await plan([...exact('alice', 'a.txt'), ...exact('bob', 'b.txt')]);
    const { first, lock } = await commitWhileIndexLockAppears(p);
    expect(first.stop?.kind).toBe('index-locked');
    expect(first.committed).toEqual([]);
    expect(repo.git('rev-parse', 'HEAD').trim()).toBe(base);
    fs.rmSync(lock);
    expect(repo.git('status', '--porcelain=v1')).toBe('?? a.txt\n?? b.txt\n');
    const second = await commit(p, { resumeFrom: first.resume });
    expect(second.committed.map((c) => c.title)).toEqual(['Alice', 'Bob']);
    expect(repo.git('status', '--porcelain=v1')).toBe('');
  });

  it('refuses when the branch moved between plan and commit', async () => {
    write('a.txt', 'a\n');
    const p = await plan(exact('alice', 'a.txt'));
    repo.git('commit', '-q', '--allow-empty', '-m', 'someone else');
    const moved = repo.git('rev-parse', 'HEAD').trim();
    const result = await commit(p);
    expect(result.stop?.kind).toBe('head-moved');
    expect(result.stop?.message).toMatch(/The branch moved since the plan was made.*make the plan again/);
    expect(result.committed).toEqual([]);
    expect(result.resume).toBeNull();
    expect(repo.git('rev-parse', 'HEAD').trim()).toBe(moved);
  });

  /** Runs the plan while another git commits on the branch as the second unit is committed. */
  const commitWhileSomeoneElseCommits = async (p: CommitPlan) => {
    let theirs = '';
    const onProgress = (progress: CommitProgress) => {
      if (progress.unit === 2 && progress.step === 'commit' && theirs === '') {
        repo.git('commit', '-q', '--allow-empty', '-m', 'someone else');
        theirs = repo.git('rev-parse', 'HEAD').trim();
      }
    };
    const result = await commit(p, { onProgress });
    return { result, theirs };
  };

  it('refuses to move the branch when someone else committed during the run (hooks installed: each commit published at once)', async () => {
    hook('post-commit', 'exit 0');
    write('a.txt', 'a\n');
    write('b.txt', 'b\n');
    const p = await plan([...exact('alice', 'a.txt'), ...exact('bob', 'b.txt')]);
    const { result, theirs } = await commitWhileSomeoneElseCommits(p);
    expect(result.stop?.kind).toBe('ref-moved');
    expect(result.stop?.message).toMatch(/refs\/heads\/main was moved by someone else/);
    expect(result.committed.map((c) => c.title)).toEqual(['Alice']);
    // The refused commit left the user's index alone: Bob's file is still untracked.
    expect(repo.git('status', '--porcelain=v1')).toBe('?? b.txt\n');
    expect(repo.git('rev-parse', 'HEAD').trim()).toBe(theirs);
    expect(repo.git('rev-parse', 'HEAD^').trim()).toBe(result.committed[0]!.sha);
    expect(result.resume).toBeNull();
  });

  it('publishes none of a run without hooks when someone else committed during it', async () => {
    write('a.txt', 'a\n');
    write('b.txt', 'b\n');
    const p = await plan([...exact('alice', 'a.txt'), ...exact('bob', 'b.txt')]);
    const { result, theirs } = await commitWhileSomeoneElseCommits(p);
    expect(result.stop?.kind).toBe('ref-moved');
    expect(result.stop?.message).toMatch(/refs\/heads\/main was moved by someone else/);
    expect(result.committed).toEqual([]);
    expect(result.notCommitted.map((u) => u.title)).toEqual(['Alice', 'Bob']);
    expect(repo.git('status', '--porcelain=v1')).toBe('?? a.txt\n?? b.txt\n');
    expect(repo.git('rev-parse', 'HEAD').trim()).toBe(theirs);
    expect(result.resume).toBeNull();
  });

  it('commits renames, deletions, binary files, mode changes, and odd names exactly', async () => {
    write('old name.txt', 'same content\n');
    write('gone.txt', 'bye\n');
    write('run.sh', 'echo hi\n');
    write('image.bin', Buffer.from([0, 1, 2, 3, 255]));
    write('moved-by-mv.txt', 'moved without git\n');
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'base');
    repo.git('mv', 'old name.txt', 'new name.txt');
    fs.rmSync(path.join(repo.dir, 'gone.txt'));
    fs.chmodSync(path.join(repo.dir, 'run.sh'), 0o755);
    write('image.bin', Buffer.from([0, 1, 2, 3, 254, 0, 7]));
    fs.renameSync(path.join(repo.dir, 'moved-by-mv.txt'), path.join(repo.dir, 'moved.txt'));
    write('naïve café/日本語 ファイル.txt', 'unicode\n');
    write('with space/and "quotes"\ttab.txt', 'odd\n');
    const before = fingerprintWorktree(repo.dir);

    const changes = await readWorktreeStatus(repo.dir);
    const byPath = new Map(changes.map((c) => [c.path, c]));
    expect(byPath.get('new name.txt')).toMatchObject({ kind: 'renamed', oldPath: 'old name.txt' });
    expect(byPath.get('run.sh')).toMatchObject({ kind: 'modified', modeChanged: true, headMode: '100644', worktreeMode: '100755' });
    expect(byPath.get('image.bin')).toMatchObject({ kind: 'modified', binary: true });
    expect(byPath.get('gone.txt')).toMatchObject({ kind: 'deleted', removed: 1 });

    const p = await plan([
      ...exact('alice', 'new name.txt', 'gone.txt', 'run.sh'),
      ...exact('bob', 'image.bin', 'naïve café/日本語 ファイル.txt', 'with space/and "quotes"\ttab.txt'),
      ...exact('carol', 'moved-by-mv.txt', 'moved.txt'),
    ]);
    // Run from a subfolder: plan paths are still from the top.
    const result = await executeCommitPlan(path.join(repo.dir, 'with space'), p);
    expect(result.status).toBe('completed');
    const [alice, bob, carol] = result.committed;
    expect(nameStatus(alice!.sha)).toEqual(['A new name.txt', 'D gone.txt', 'D old name.txt', 'M run.sh']);
    expect(repo.git('ls-tree', alice!.sha, 'run.sh')).toMatch(/^100755 /);
    expect(nameStatus(bob!.sha)).toEqual(['A naïve café/日本語 ファイル.txt', 'A with space/and "quotes"\ttab.txt', 'M image.bin']);
    expect(Buffer.from(repo.git('cat-file', 'blob', `${bob!.sha}:image.bin`), 'latin1').length).toBeGreaterThan(0);
    expect(execFileSync('git', ['cat-file', 'blob', `${bob!.sha}:image.bin`], { cwd: repo.dir })).toEqual(Buffer.from([0, 1, 2, 3, 254, 0, 7]));
    expect(nameStatus(carol!.sha)).toEqual(['A moved.txt', 'D moved-by-mv.txt']);
    expect(repo.git('status', '--porcelain=v1', '--untracked-files=all')).toBe('');
    expect(fingerprintWorktree(repo.dir)).toEqual(before);
  });

  it('commits a symbolic link and a file that replaced a folder', async () => {
    write('thing/inside.txt', 'was a folder\n');
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'folder');
    fs.rmSync(path.join(repo.dir, 'thing'), { recursive: true });
    write('thing', 'now a file\n');
    fs.symlinkSync('README.md', path.join(repo.dir, 'link'));
    const p = await plan([...exact('alice', 'thing', 'thing/inside.txt'), ...exact('bob', 'link')]);
    const result = await commit(p);
    expect(result.status).toBe('completed');
    expect(nameStatus(result.committed[0]!.sha)).toEqual(['A thing', 'D thing/inside.txt']);
    expect(repo.git('ls-tree', 'HEAD', 'link')).toMatch(/^120000 /);
    expect(repo.git('status', '--porcelain=v1', '--untracked-files=all')).toBe('');
  });

  it('commits on a branch with no commits yet', async () => {
    repo.remove();
    repo = makeTempRepo({ initialCommit: false });
    write('a.txt', 'a\n');
    write('b.txt', 'b\n');
    write('staged-by-user.txt', 'mine\n');
    repo.git('add', 'staged-by-user.txt');
    const p = await plan([...exact('alice', 'a.txt'), ...exact('bob', 'b.txt')]);
    expect(p.base).toEqual({ commit: null, ref: 'refs/heads/main' });
    const result = await commit(excludeOk(p, 'staged-by-user.txt'));
    expect(result.status).toBe('completed');
    const [first, second] = result.committed;
    expect(first!.parent).toBeNull();
    expect(repo.git('rev-list', '--parents', '-n', '1', first!.sha).trim()).toBe(first!.sha);
    expect(nameStatus(second!.sha)).toEqual(['A b.txt']);
    expect(repo.git('rev-parse', 'refs/heads/main').trim()).toBe(second!.sha);
    expect(repo.git('status', '--porcelain=v1')).toBe('A  staged-by-user.txt\n');
  });

  it('commits in a linked worktree on its own branch and index, leaving the main worktree alone', async () => {
    const linked = path.join(outside, 'linked');
    repo.git('worktree', 'add', '-q', '-b', 'side', linked);
    write('main-only.txt', 'staged in main\n');
    repo.git('add', 'main-only.txt');
    fs.writeFileSync(path.join(linked, 'side.txt'), 'side work\n');
    const head = await readHead(linked);
    const p = planCommits({ base: { commit: head.commit, ref: 'refs/heads/side' }, changes: await readWorktreeStatus(linked), attribution: exact('alice', 'side.txt'), agents: AGENTS });
    const result = await executeCommitPlan(linked, p);
    expect(result.status).toBe('completed');
    expect(execFileSync('git', ['rev-parse', 'side'], { cwd: repo.dir, encoding: 'utf8' }).trim()).toBe(result.committed[0]!.sha);
    expect(execFileSync('git', ['status', '--porcelain=v1'], { cwd: linked, encoding: 'utf8' })).toBe('');
    expect(repo.git('status', '--porcelain=v1')).toBe('A  main-only.txt\n');
  });

  it('commits on a detached HEAD with a warning, leaving branches alone', async () => {
    const main = repo.git('rev-parse', 'main').trim();
    repo.git('checkout', '-q', '--detach');
    write('a.txt', 'a\n');
    const p = await plan(exact('alice', 'a.txt'));
    expect(p.base.ref).toBeNull();
    const result = await commit(p);
    expect(result.status).toBe('completed');
    expect(result.warnings.join(' ')).toMatch(/HEAD is detached.*git switch -c/);
    expect(repo.git('rev-parse', 'HEAD').trim()).toBe(result.committed[0]!.sha);
    expect(repo.git('rev-parse', 'main').trim()).toBe(main);
  });

  it('splits one file by hunk between two agents; the two commits add up to the working tree', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
    write('shared.ts', `${lines.join('\n')}\n`);
    repo.git('add', 'shared.ts');
    repo.git('commit', '-q', '-m', 'shared');
    const edited = [...lines];
    edited[2] = 'line 3 by alice';
    edited.splice(20, 2, 'bob replaced 21', 'bob replaced 22', 'bob added one more');
    write('shared.ts', `${edited.join('\n')}`); // and no final newline, to be awkward
    const worktreeContent = repo.read('shared.ts');
    const hunks = parseHunkHeaders(repo.git('diff', '-U0', 'HEAD', '--', 'shared.ts'));
    // Alice's line; Bob's block; and the lost final newline, which Bob's last line caused.
    expect(hunks.length).toBe(3);
    const p = await plan([{ path: 'shared.ts', agentId: null, attribution: 'exact', hunks: [{ ...hunks[0]!, agentId: 'alice' }, ...hunks.slice(1).map((h) => ({ ...h, agentId: 'bob' }))] }]);
    expect(p.undecided).toEqual([]);
    const result = await commit(p);
    expect(result.status).toBe('completed');
    const [alice, bob] = result.committed;
    const aliceVersion = repo.git('show', `${alice!.sha}:shared.ts`);
    const expectedAlice = [...lines];
    expectedAlice[2] = 'line 3 by alice';
    expect(aliceVersion).toBe(`${expectedAlice.join('\n')}\n`);
    expect(repo.git('show', `${bob!.sha}:shared.ts`)).toBe(worktreeContent);
    expect(repo.git('status', '--porcelain=v1')).toBe('');
    expect(repo.read('shared.ts')).toBe(worktreeContent);
  });

  describe('a file split by hunk', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`);
    const text = (ls: string[]) => `${ls.join('\n')}\n`;
    const edit = (ls: string[], at: number, by: string) => ls.map((l, i) => (i === at ? `${l} (${by})` : l));
    let hunks: ReturnType<typeof parseHunkHeaders>;
    beforeEach(() => {
      write('shared.ts', text(lines));
      repo.git('add', 'shared.ts');
      repo.git('commit', '-q', '-m', 'shared');
      write('shared.ts', text(edit(edit(edit(lines, 2, 'alice'), 15, 'bob'), 30, 'someone')));
      hunks = parseHunkHeaders(repo.git('diff', '-U0', 'HEAD', '--', 'shared.ts'));
      expect(hunks.length).toBe(3);
    });

    it('resumes after a hook refused the second piece, and the pieces still add up', async () => {
      hook('pre-commit', 'if git diff --cached | grep -q "(bob)"; then echo "not bob" >&2; exit 1; fi');
      const p = await plan([{ path: 'shared.ts', agentId: null, attribution: 'exact', hunks: [{ ...hunks[0]!, agentId: 'alice' }, { ...hunks[1]!, agentId: 'bob' }, { ...hunks[2]!, agentId: 'carol' }] }]);
      const first = await commit(p);
      expect(first.stop?.kind).toBe('hook-failed');
      expect(repo.git('show', 'HEAD:shared.ts')).toBe(text(edit(lines, 2, 'alice')));
      // Move Bob's hunk after Carol's, then continue: Carol's piece is applied on top of Alice's, Bob's last.
      const reordered = moveGroup(p, 'agent:bob', 2);
      expect(reordered.ok).toBe(true);
      const second = await commit(reordered.ok ? reordered.value : p, { resumeFrom: first.resume });
      expect(second.committed.map((c) => c.title)).toEqual(['Carol']);
      expect(second.stop?.kind).toBe('hook-failed');
      expect(repo.git('show', 'HEAD:shared.ts')).toBe(text(edit(edit(lines, 2, 'alice'), 30, 'someone')));
      hook('pre-commit', 'exit 0');
      const third = await commit(p, { resumeFrom: second.resume });
      expect(third.committed.map((c) => c.title)).toEqual(['Bob']);
      expect(repo.git('show', 'HEAD:shared.ts')).toBe(repo.read('shared.ts'));
      expect(repo.git('status', '--porcelain=v1')).toBe('');
    });

    it('leaves a change no planned hunk covers in the working tree, and says so', async () => {
      const p = await plan([{ path: 'shared.ts', agentId: null, attribution: 'exact', hunks: [{ ...hunks[0]!, agentId: 'alice' }, { ...hunks[1]!, agentId: 'bob' }] }]);
      const result = await commit(p);
      expect(result.status).toBe('completed');
      expect(result.left).toEqual([{ path: 'shared.ts', reason: 'hunks-not-in-plan', groupId: null, hunks: [hunks[2]] }]);
      expect(repo.git('diff', '-U0', 'HEAD', '--', 'shared.ts')).toContain('+line 31 (someone)');
      expect(repo.git('diff', '--cached')).toBe('');
    });

    it('refuses before committing anything when one change matches hunks planned for two commits', async () => {
      // Lines 15 to 17 changed together: git shows one hunk, which the (stale) plan gives to two agents.
      write('shared.ts', text(lines.map((l, i) => (i >= 14 && i <= 16 ? `${l} (changed)` : l))));
      const one = (agentId: string, line: number) => ({ agentId, oldStart: line, oldLines: 1, newStart: line, newLines: 1 });
      const p = await plan([{ path: 'shared.ts', agentId: null, attribution: 'exact', hunks: [one('alice', 15), one('bob', 17)] }]);
      expect(findPlanProblems(p)).toEqual([]);
      const head = repo.git('rev-parse', 'HEAD').trim();
      const result = await commit(p);
      expect(result.committed).toEqual([]);
      expect(result.stop?.kind).toBe('split-failed');
      expect(result.stop?.message).toBe('shared.ts: the change at -15,3 +15,3 matches hunks planned for different commits (agent:alice, agent:bob); move it to one group.');
      expect(repo.git('rev-parse', 'HEAD').trim()).toBe(head);
      expect(result.resume).not.toBeNull();
    });
  });

  it('waits out another git\'s short hold on index.lock', async () => {
    write('a.txt', 'a\n');
    const lock = path.join(repo.dir, '.git', 'index.lock');
    fs.writeFileSync(lock, '');
    setTimeout(() => fs.rmSync(lock), 150);
    const result = await commit(await plan(exact('alice', 'a.txt')), { indexLockWaitMs: 3_000 });
    expect(result.status).toBe('completed');
  });

  it('fulfils an intent-to-add entry without calling it a replaced staged version', async () => {
    write('new.txt', 'agent wrote this\n');
    repo.git('add', '-N', 'new.txt');
    const result = await commit(await plan(exact('alice', 'new.txt')));
    expect(result.status).toBe('completed');
    expect(result.committed[0]!.replacedStaged).toEqual([]);
    expect(repo.git('status', '--porcelain=v1')).toBe('');
  });

  it('lists a file several agents changed without known hunks as undecided, and leaves it uncommitted', async () => {
    write('README.md', '# changed by two\n');
    write('a.txt', 'a\n');
    const p = await plan([...exact('alice', 'README.md', 'a.txt'), ...exact('bob', 'README.md')]);
    expect(p.undecided.map((u) => u.path)).toEqual(['README.md']);
    const result = await commit(p);
    expect(result.status).toBe('completed');
    expect(result.left).toEqual([{ path: 'README.md', reason: 'undecided', groupId: null }]);
    expect(repo.git('status', '--porcelain=v1')).toBe(' M README.md\n');
  });

  it('lets the committed version win over a different staged version of the same file, and says so', async () => {
    write('a.txt', 'agent version\n');
    const p = await plan(exact('alice', 'a.txt'));
    write('a.txt', 'user staged version\n');
    repo.git('add', 'a.txt');
    const staged = repo.git('rev-parse', ':a.txt').trim();
    write('a.txt', 'agent version\n');
    const result = await commit(p);
    expect(result.committed[0]!.replacedStaged).toEqual([{ path: 'a.txt', staged: { mode: '100644', blob: staged } }]);
    expect(repo.git('rev-parse', ':a.txt').trim()).toBe(repo.git('rev-parse', 'HEAD:a.txt').trim());
    expect(repo.git('cat-file', 'blob', staged)).toBe('user staged version\n');
  });

  it('commits everything in one commit with a combined message for the single strategy', async () => {
    write('a.txt', 'a\n');
    write('b.txt', 'b\n');
    const p = await plan([...exact('alice', 'a.txt'), ...exact('bob', 'b.txt')], { strategy: 'single' });
    const result = await commit(p);
    expect(result.committed.length).toBe(1);
    expect(result.committed[0]!.groupIds).toEqual(['agent:alice', 'agent:bob']);
    expect(nameStatus(result.committed[0]!.sha)).toEqual(['A a.txt', 'A b.txt']);
    expect(repo.git('log', '-1', '--format=%s').trim()).toBe('Work from 2 agents: Alice, Bob');
  });

  it('runs the test command first and stops on its failure with its output', async () => {
    write('a.txt', 'a\n');
    const p = await plan(exact('alice', 'a.txt'));
    const head = repo.git('rev-parse', 'HEAD').trim();
    const failed = await commit(p, { testCommand: { argv: ['sh', '-c', 'echo "3 tests failed"; exit 2'] } });
    expect(failed.stop).toMatchObject({ kind: 'test-failed', step: 'test' });
    expect(failed.stop!.output).toContain('3 tests failed');
    expect(repo.git('rev-parse', 'HEAD').trim()).toBe(head);
    const passed = await commit(p, { testCommand: { argv: ['sh', '-c', 'test -f a.txt'] }, resumeFrom: failed.resume });
    expect(passed.status).toBe('completed');
  });

  it('signs commits when commit.gpgSign is set, as git commit would', async () => {
    const gpg = path.join(outside, 'fake-gpg');
    // Enough of gpg's protocol for git: read the payload, report SIG_CREATED, print a signature.
    fs.writeFileSync(gpg, '#!/bin/sh\ncat >/dev/null\necho "[GNUPG:] SIG_CREATED D 1 8 00 1 ABCD" >&2\nprintf -- "-----BEGIN PGP SIGNATURE-----\\nfake\\n-----END PGP SIGNATURE-----\\n"\n', { mode: 0o755 });
    repo.git('config', 'commit.gpgSign', 'true');
    repo.git('config', 'gpg.program', gpg);
    write('a.txt', 'a\n');
    const result = await commit(await plan(exact('alice', 'a.txt')));
    expect(result.status).toBe('completed');
    expect(repo.git('cat-file', 'commit', 'HEAD')).toContain('gpgsig -----BEGIN PGP SIGNATURE-----');
  });

  it('refuses while a merge is in progress', async () => {
    write('a.txt', 'a\n');
    const p = await plan(exact('alice', 'a.txt'));
    fs.writeFileSync(path.join(repo.dir, '.git', 'MERGE_HEAD'), `${repo.git('rev-parse', 'HEAD')}`);
    const result = await commit(p);
    expect(result.stop?.kind).toBe('operation-in-progress');
    expect(result.stop?.message).toContain('a merge is in progress');
  });

  it('reports each step through the progress callback, hook steps only for installed hooks', async () => {
    write('a.txt', 'a\n');
    write('b.txt', 'b\n');
    const steps: string[] = [];
    const p = await plan([...exact('alice', 'a.txt'), ...exact('bob', 'b.txt')]);
    await commit(p, { onProgress: (progress) => steps.push(`${progress.unit}/${progress.units} ${progress.step}`) });
    // No hooks: the two commits are published together at the end.
    expect(steps).toEqual(['0/2 snapshot', '1/2 stage', '1/2 message', '1/2 commit', '2/2 stage', '2/2 message', '2/2 commit', '2/2 publish']);
    expect(subjects()).toHaveLength(3);
    expect(repo.git('reflog', '-1', '--format=%gs', 'refs/heads/main')).toMatch(/^switchyard: commit 2 commits \(Alice, Bob\)/);

    write('c.txt', 'c\n');
    write('d.txt', 'd\n');
    hook('post-commit', 'exit 0');
    steps.length = 0;
    await commit(await plan([...exact('alice', 'c.txt'), ...exact('bob', 'd.txt')]), { onProgress: (progress) => steps.push(`${progress.unit}/${progress.units} ${progress.step}`) });
    const each = (n: number) => [`${n}/2 stage`, `${n}/2 message`, `${n}/2 commit`, `${n}/2 publish`, `${n}/2 post-commit`];
    expect(steps).toEqual(['0/2 snapshot', ...each(1), ...each(2)]);
  });

  it('runs post-commit after the branch moved, reporting its failure without undoing the commit', async () => {
    const seen = path.join(outside, 'post');
    hook('post-commit', `git rev-parse HEAD > '${seen}'; exit 3`);
    write('a.txt', 'a\n');
    const result = await commit(await plan(exact('alice', 'a.txt')));
    expect(result.status).toBe('completed');
    expect(fs.readFileSync(seen, 'utf8').trim()).toBe(result.committed[0]!.sha);
    expect(result.committed[0]!.warnings.join(' ')).toMatch(/post-commit hook failed \(exit 3\).*the commit stays/);
  });

  it('commits what a pre-commit hook restages, and updates the user\'s index for it too', async () => {
    // A formatter hook: it stages its own version of the file into the index it is given.
    hook('pre-commit', 'git update-index --add --cacheinfo 100644,$(printf "formatted\\n" | git hash-object -w --stdin),a.txt');
    write('a.txt', 'unformatted\n');
    const result = await commit(await plan(exact('alice', 'a.txt')));
    expect(result.status).toBe('completed');
    expect(repo.git('show', 'HEAD:a.txt')).toBe('formatted\n');
    expect(repo.git('rev-parse', ':a.txt').trim()).toBe(repo.git('rev-parse', 'HEAD:a.txt').trim());
  });
});

function excludeOk(p: CommitPlan, file: string): CommitPlan {
  const result = excludeFile(p, file);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
