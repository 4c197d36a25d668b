/** The lock table's deltas and their replay: a journal replayed over a snapshot gives the table back. */
import { describe, expect, it } from 'vitest';
import { deltaSize, replayLockJournal } from '../../../src/core/locks/lock-journal';
import { LockTable } from '../../../src/core/locks/lock-table';
import type { LockHolder, LockTableDelta } from '../../../src/core/locks/lock-types';
import { ManualClock } from '../../harness/manual-clock';

const agent = (agentId: string): LockHolder => ({ kind: 'agent', agentId });
const file = (pattern: string) => ({ kind: 'file' as const, pattern });

/** The serialisable state in a canonical order, so two tables can be compared. */
const canonical = (state: unknown) => {
  const s = state as { claims: Array<{ id: string }>; waiters: Array<{ id: string }>; leases: Array<{ agentId: string }> };
  return {
    ...s,
    claims: [...s.claims].sort((a, b) => a.id.localeCompare(b.id)),
    waiters: [...s.waiters].sort((a, b) => a.id.localeCompare(b.id)),
    leases: [...s.leases].sort((a, b) => a.agentId.localeCompare(b.agentId)),
  };
};

function busyTable() {
  const clock = new ManualClock();
  const table = new LockTable({ clock, lockDelayMs: 100 });
  const deltas: LockTableDelta[] = [];
  table.on('changed', (delta) => deltas.push(structuredClone(delta)));
  return { clock, table, deltas };
}

describe('lock journal', () => {
  it('reports what each operation changed, and only that', () => {
    const { table, deltas } = busyTable();
    for (let i = 0; i < 50; i++) table.claim({ holder: agent('a'), target: file(`f${i}.ts`) });
    deltas.length = 0;
    table.claim({ holder: agent('b'), target: file('new.ts') });
    expect(deltas).toHaveLength(1);
    expect(deltaSize(deltas[0]!)).toBe(1);
    expect(deltas[0]!.claims.set.map((c) => c.target.pattern)).toEqual(['new.ts']);
    // Asking for a held claim again changes nothing.
    table.claim({ holder: agent('b'), target: file('new.ts') });
    expect(deltas).toHaveLength(1);
  });

  it('replaying the deltas over the first snapshot gives the final table; replaying some twice changes nothing', () => {
    const { clock, table, deltas } = busyTable();
    const start = table.toJSON();
    table.attachProcess('a', { pid: 4242, startTime: 1 });
    const first = table.claim({ holder: agent('a'), target: file('a.ts') });
    table.claim({ holder: agent('b'), target: file('a.ts'), wait: {} }); // b queues behind a
    table.claim({ holder: { kind: 'user' }, target: { kind: 'glob', pattern: '**/*.pem' } });
    const middle = table.toJSON();
    const middleAt = deltas.length;
    table.releaseAgent('a'); // lock-delay: a's lease gets releaseAt
    clock.advance(150); // a's claims go; b is granted
    table.claim({ holder: agent('c'), target: file('c.ts') });
    expect(first.status).toBe('granted');
    const final = table.toJSON();

    expect(canonical(replayLockJournal(start, deltas).state)).toEqual(canonical(final));
    // A crash after a snapshot was written but before the journal was emptied: the whole journal is replayed over the newer snapshot.
    expect(canonical(replayLockJournal(middle, deltas).state)).toEqual(canonical(final));
    expect(canonical(replayLockJournal(middle, deltas.slice(middleAt)).state)).toEqual(canonical(final));
    // With no snapshot at all (the first one was never written), the journal alone.
    expect(canonical(replayLockJournal(undefined, deltas).state)).toEqual(canonical(final));
    // A table restored from it hands out tokens above every one granted.
    const restored = LockTable.fromJSON(replayLockJournal(start, deltas).state);
    const next = restored.claim({ holder: agent('d'), target: file('d.ts') });
    expect(next.status === 'granted' && next.claim.token).toBeGreaterThan(Math.max(...final.claims.map((c) => c.token)));
  });

  it('stops at a record that is no lock change and says so', () => {
    const { table, deltas } = busyTable();
    table.claim({ holder: agent('a'), target: file('a.ts') });
    table.claim({ holder: agent('a'), target: file('b.ts') });
    const replay = replayLockJournal(undefined, [deltas[0], { nonsense: true }, deltas[1]]);
    expect(replay.problem).toMatch(/record 2 is not a lock change .+ it and the 1 after it were left out/);
    expect((replay.state as { claims: Array<{ target: { pattern: string } }> }).claims.map((c) => c.target.pattern)).toEqual(['a.ts']);
  });

  it('leaves a snapshot it cannot parse to the lock table (which reports it)', () => {
    expect(replayLockJournal({ version: 99 }, [{}])).toEqual({ state: { version: 99 }, problem: null });
  });
});
