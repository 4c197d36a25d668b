/**
 * The write gate's fencing: a write is judged against the grants in force when it is asked, so
 * a holder whose claim lapsed cannot write on the file of the holder granted after it (a newer
 * fencing token), and it can write again only under a grant newer than that one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decideWrite } from '../../../src/core/gate/write-gate';
import { RepoLocks } from '../../../src/core/locks/repo-locks';

describe('decideWrite fencing', () => {
  let dir: string;
  let locks: RepoLocks;
  const write = (agentId: string, command: string) => decideWrite(locks, { agentId, command, cwd: dir, mode: 'enforce', claimOnWrite: true });
  const holderOf = (file: string) => locks.table.whoHolds(file).map((c) => ({ agent: c.holder.kind === 'agent' ? c.holder.agentId : 'user', token: c.token }));

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-gate-'));
    locks = new RepoLocks(dir, undefined, () => undefined);
  });
  afterEach(() => {
    locks.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a lapsed holder’s write on the file a later holder was granted, until it holds a newer grant', () => {
    expect(write('agent-a', 'echo a > f.txt').decision).toBe('allow');
    const [first] = holderOf('f.txt');
    expect(first?.agent).toBe('agent-a');

    // A's run ends and its claim lapses; B is granted the file with a newer token.
    locks.table.releaseAgent('agent-a', { delayMs: 0 });
    expect(write('agent-b', 'echo b > f.txt').decision).toBe('allow');
    const [second] = holderOf('f.txt');
    expect(second).toEqual({ agent: 'agent-b', token: expect.any(Number) });
    expect(second!.token).toBeGreaterThan(first!.token);

    const late = write('agent-a', 'echo stale > f.txt');
    expect(late.decision).toBe('deny');
    expect(late.reason).toContain(`f.txt is locked by agent "agent-b"`);
    expect(late.reason).toContain(`token ${second!.token}`);

    // Once B lets go, A writes again only under a grant newer than B's.
    locks.table.releaseAgent('agent-b', { delayMs: 0 });
    expect(write('agent-a', 'echo again > f.txt').decision).toBe('allow');
    const [third] = holderOf('f.txt');
    expect(third!.agent).toBe('agent-a');
    expect(third!.token).toBeGreaterThan(second!.token);
  });

  it('lets an ending holder finish writing its own file during the lock-delay, but not take new ones', () => {
    expect(write('agent-a', 'echo a > mine.txt').decision).toBe('allow');
    locks.table.releaseAgent('agent-a', { delayMs: 60_000 });
    expect(write('agent-a', 'echo more > mine.txt').decision).toBe('allow');
    expect(write('agent-b', 'echo b > mine.txt').decision).toBe('deny');
    expect(write('agent-a', 'echo new > other.txt').decision).toBe('allow');
    expect(holderOf('other.txt')).toEqual([]);
  });
});
