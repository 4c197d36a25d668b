/**
 * The write gate for isolated agents: inside its own worktree everything is allowed whatever the
 * claims say (and nothing is claimed), outside it in the repository is refused in every mode with
 * the worktree to write in, and no other agent may write into an isolated agent's worktree.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decideWrite } from '../../../src/core/gate/write-gate';
import { isolationVerdict } from '../../../src/core/gate/isolation-rules';
import { RepoLocks } from '../../../src/core/locks/repo-locks';
import type { GateMode } from '../../../src/shared/locks';

describe('isolated agents at the write gate', () => {
  let dir: string;
  let worktree: string;
  let locks: RepoLocks;
  const workspace = () => ({ relative: '.agents/worktrees/iso-1', path: worktree, branch: 'switchyard/iso' });
  const isolatedWrite = (command: string, mode: GateMode = 'enforce') =>
    decideWrite(locks, { agentId: 'iso-1', command, cwd: worktree, mode, claimOnWrite: true, workspace: workspace() });
  const sharedWrite = (agentId: string, command: string, mode: GateMode = 'enforce') => decideWrite(locks, { agentId, command, cwd: dir, mode, claimOnWrite: true });

  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sy-iso-gate-')));
    worktree = path.join(dir, '.agents', 'worktrees', 'iso-1');
    fs.mkdirSync(worktree, { recursive: true });
    locks = new RepoLocks(dir, undefined, () => undefined);
  });
  afterEach(() => {
    locks.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('allows an isolated agent its own worktree even where a shared agent holds the same path exclusively, and claims nothing', () => {
    expect(sharedWrite('shared-a', 'echo a > src.txt').decision).toBe('allow');
    expect(locks.table.whoHolds('src.txt')).toHaveLength(1);
    const decision = isolatedWrite('echo b > src.txt');
    expect(decision.decision).toBe('allow');
    expect(decision.writes).toEqual([{ path: '.agents/worktrees/iso-1/src.txt', via: expect.any(String), verdict: 'allowed' }]);
    expect(locks.table.claims().filter((c) => c.holder.kind === 'agent' && c.holder.agentId === 'iso-1')).toEqual([]);
  });

  it('refuses an isolated agent’s write into the shared tree in every mode, naming the worktree to write in', () => {
    for (const mode of ['enforce', 'advise', 'observe'] as const) {
      const decision = isolatedWrite(`echo x > ${path.join(dir, 'src.txt')}`, mode);
      expect(decision.decision).toBe('deny');
      expect(decision.reason).toContain(`you are isolated in ${worktree} (branch switchyard/iso)`);
      expect(decision.reason).toContain(`Write there: ${worktree}/src.txt`);
    }
  });

  it('refuses a relative escape from the worktree and another agent’s worktree', () => {
    expect(isolatedWrite('echo x > ../../../up.txt').decision).toBe('deny');
    expect(isolatedWrite(`echo x > ${path.join(dir, '.agents/worktrees/iso-2/a.txt')}`).decision).toBe('deny');
  });

  it('does not judge paths outside the repository', () => {
    const decision = isolatedWrite('echo x > /tmp/sy-outside-probe.txt');
    expect(decision.decision).toBe('allow');
    expect(decision.writes[0]?.verdict).toBe('outside');
  });

  it('refuses a shared agent’s write into an isolated agent’s worktree, even in observe mode', () => {
    const decision = sharedWrite('shared-a', 'echo x > .agents/worktrees/iso-1/a.txt', 'observe');
    expect(decision.decision).toBe('deny');
    expect(decision.reason).toContain("in an isolated agent's own worktree");
  });

  it('leaves shared agents’ decisions to the lock table', () => {
    expect(isolationVerdict({ repoPath: 'src/a.ts', workspace: null })).toEqual({ kind: 'shared' });
    expect(isolationVerdict({ repoPath: '.agents/worktrees-notes.txt', workspace: null })).toEqual({ kind: 'shared' });
    expect(isolationVerdict({ repoPath: '.agents/templates/api.json', workspace: null })).toEqual({ kind: 'shared' });
    expect(isolationVerdict({ repoPath: '.', workspace: null })).toEqual({ kind: 'shared' });
  });

  it('refuses a shared agent the folders that hold the worktrees (rm -rf .agents would take them all)', () => {
    for (const repoPath of ['.agents', '.agents/worktrees']) {
      const verdict = isolationVerdict({ repoPath, workspace: null });
      expect(verdict.kind).toBe('refused');
    }
    expect(isolationVerdict({ repoPath: '.agents', workspace: null })).toEqual({
      kind: 'refused',
      reason: ".agents holds isolated agents' worktrees (.agents/worktrees/); only each of those agents writes in its own.",
    });
  });
});
