/**
 * The store follows `locks.changed` / `agents.changed` deltas over full lists: applied in
 * revision order, replayed over a list that was taken before them, and a gap lists again.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Agent } from '../../../src/shared/domain';
import type { ClaimView, LocksDelta } from '../../../src/shared/locks';
import { createDeltaFollower } from '../../../src/renderer/state/delta-follower';
import { applyById } from '../../../src/renderer/state/locks-slice';
import { useStore } from '../../../src/renderer/state/store';

const claim = (token: number, pattern = `f${token}.ts`): ClaimView => ({
  id: `claim-${token}`, agentId: null, pattern, kind: 'file', mode: 'exclusive', token, since: '2026-01-01T00:00:00.000Z', releasingAt: null,
});
const delta = (revision: number, set: ClaimView[], removed: string[] = []): LocksDelta => ({
  revision, claims: { set, removed }, waiting: { set: [], removed: [] }, mode: 'enforce',
});
const agentNamed = (id: string, status: Agent['status']): Agent => ({ id, name: id, status } as Agent);
const patterns = () => useStore.getState().claims.map((c) => c.pattern);

describe('applying deltas in the store', () => {
  beforeEach(() => {
    useStore.getState().setLocks({ claims: [claim(1), claim(2), claim(3)], waiting: [], mode: 'enforce' });
    useStore.getState().setAgents([agentNamed('a', 'working'), agentNamed('b', 'finished')]);
  });

  it('adds, replaces and removes claims by id, in token order', () => {
    useStore.getState().applyLocksDelta(delta(1, [claim(4), { ...claim(2), releasingAt: '2026-01-01T00:00:01.000Z' }], ['claim-1']));
    expect(patterns()).toEqual(['f2.ts', 'f3.ts', 'f4.ts']);
    expect(useStore.getState().claims[0]!.releasingAt).not.toBeNull();
    expect(applyById([claim(5)], { set: [claim(2)], removed: [] }, (a, b) => a.token - b.token).map((c) => c.token)).toEqual([2, 5]);
    // Removing what is not there and an empty delta change nothing.
    const before = useStore.getState().claims;
    useStore.getState().applyLocksDelta(delta(2, [], ['claim-99']));
    expect(useStore.getState().claims).toEqual(before);
  });

  it('updates changed agents and adds new ones last, keeping the others', () => {
    useStore.getState().upsertAgents([agentNamed('b', 'working'), agentNamed('c', 'queued')]);
    expect(useStore.getState().agents.map((a) => `${a.id}:${a.status}`)).toEqual(['a:working', 'b:working', 'c:queued']);
  });
});

describe('following numbered deltas over lists', () => {
  function follow() {
    const applied: number[] = [];
    let refetches = 0;
    const follower = createDeltaFollower<{ revision: number }>({ apply: (d) => applied.push(d.revision), refetch: () => refetches++ });
    return { follower, applied, refetches: () => refetches };
  }

  it('waits for a list, then applies the deltas newer than it, including ones that arrived before it', () => {
    const { follower, applied, refetches } = follow();
    follower.delta({ revision: 5 });
    follower.delta({ revision: 6 });
    expect(applied).toEqual([]);
    follower.listed(5); // the list was taken after 5 was announced, before 6
    expect(applied).toEqual([6]);
    follower.delta({ revision: 7 });
    follower.delta({ revision: 7 }); // a repeat is ignored
    expect(applied).toEqual([6, 7]);
    expect(refetches()).toBe(0);
  });

  it('lists again on a gap, and applies what follows the new list', () => {
    const { follower, applied, refetches } = follow();
    follower.listed(1);
    follower.delta({ revision: 3 }); // 2 was missed
    expect(applied).toEqual([]);
    expect(refetches()).toBe(1);
    follower.delta({ revision: 4 });
    follower.listed(3);
    expect(applied).toEqual([4]);
  });

  it('forgets revisions after a reset (the core restarted and counts from 0 again)', () => {
    const { follower, applied } = follow();
    follower.listed(0);
    follower.delta({ revision: 1 });
    follower.delta({ revision: 2 });
    follower.reset();
    follower.listed(0);
    follower.delta({ revision: 1 });
    expect(applied).toEqual([1, 2, 1]);
  });
});
