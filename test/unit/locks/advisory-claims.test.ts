/**
 * An isolated agent's claims are advisory: recorded and shown, but they block nobody and nobody's
 * claims block them (it writes in its own worktree, a different file on disk).
 */
import { describe, expect, it } from 'vitest';
import { LockTable } from '../../../src/core/locks/lock-table';

const isolated = new Set(['iso']);
const table = (): LockTable => new LockTable({ isAdvisory: (id) => isolated.has(id) });
const agent = (agentId: string) => ({ kind: 'agent' as const, agentId });
const file = (pattern: string) => ({ kind: 'file' as const, pattern });

describe('advisory claims', () => {
  it('grants an isolated agent a path a shared agent holds exclusively, and keeps both', () => {
    const locks = table();
    expect(locks.claim({ holder: agent('shared'), target: file('src/a.ts') }).status).toBe('granted');
    expect(locks.claim({ holder: agent('iso'), target: file('src/a.ts') }).status).toBe('granted');
    expect(locks.whoHolds('src/a.ts').map((c) => c.holder)).toEqual([agent('shared'), agent('iso')]);
    expect(locks.isAdvisory(agent('iso'))).toBe(true);
    expect(locks.isAdvisory(agent('shared'))).toBe(false);
  });

  it('never blocks a shared agent’s claim or write', () => {
    const locks = table();
    expect(locks.claim({ holder: agent('iso'), target: { kind: 'directory', pattern: 'src' } }).status).toBe('granted');
    expect(locks.check('other', 'src/b.ts')).toEqual({ allowed: true });
    expect(locks.checkTarget('other', { kind: 'directory', pattern: 'src' })).toEqual({ allowed: true });
    expect(locks.claim({ holder: agent('shared'), target: file('src/a.ts') }).status).toBe('granted');
  });

  it('is enforced as before between shared agents', () => {
    const locks = table();
    locks.claim({ holder: agent('shared'), target: file('src/a.ts') });
    expect(locks.claim({ holder: agent('other'), target: file('src/a.ts') }).status).toBe('refused');
    expect(locks.check('other', 'src/a.ts').allowed).toBe(false);
  });
});
