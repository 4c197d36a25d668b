/**
 * Planning an agent's rollback from the journal: which files, back to which version, and which
 * files others changed since (listed, left out unless included).
 */
import { describe, expect, it } from 'vitest';
import { agentWindow } from '../../../src/core/checks/agent-window';
import { planRollback, type PathHistory } from '../../../src/core/checks/rollback-plan';
import { ABSENT, type CapturedContent, type JournalVersion } from '../../../src/core/journal/journal-types';

const kept = (blob: string): CapturedContent => ({ state: 'kept', blob, mode: '100644', size: 1 });

/** A timeline from [content, writer] pairs; the first entry is the tracker's base version. */
function timeline(path: string, entries: Array<[CapturedContent, string | null, string?]>): JournalVersion[] {
  return entries.map(([content, agentId, rule], i) => ({
    ...content,
    path,
    version: i + 1,
    at: new Date(1_700_000_000_000 + i).toISOString(),
    agentId,
    attribution: rule === 'pending' ? 'pending' : agentId ? 'exact' : 'unattributed',
    evidence: agentId ? { rule: rule ?? 'rollout-file-change' } : { rule: rule ?? (i === 0 ? 'base' : 'no-agent-active') },
  }));
}

const history = (path: string, head: CapturedContent, entries: Array<[CapturedContent, string | null, string?]>): PathHistory => ({
  path,
  head,
  timeline: timeline(path, entries),
});

describe('planRollback', () => {
  it("restores each file the agent changed to the version before its first change, and deletes the files it added", () => {
    const plan = planRollback('alpha', [
      history('src/edited.ts', kept('h1'), [
        [kept('h1'), null],
        [kept('a1'), 'alpha'],
        [kept('a2'), 'alpha'],
      ]),
      history('src/added.ts', ABSENT, [
        [ABSENT, null],
        [kept('a3'), 'alpha'],
      ]),
      history('src/removed.ts', kept('h2'), [
        [kept('h2'), null],
        [ABSENT, 'alpha'],
      ]),
      history('src/beta.ts', ABSENT, [
        [ABSENT, null],
        [kept('b1'), 'beta'],
      ]),
    ]);
    expect(plan).toEqual({
      agentId: 'alpha',
      unavailable: [],
      files: [
        { path: 'src/added.ts', action: 'delete', toVersion: 1, currentVersion: 2, changedSinceBy: [], included: true },
        { path: 'src/edited.ts', action: 'restore', toVersion: 1, currentVersion: 3, changedSinceBy: [], included: true },
        { path: 'src/removed.ts', action: 'recreate', toVersion: 1, currentVersion: 2, changedSinceBy: [], included: true },
      ],
    });
  });

  it('goes back to the version before the agent even when another agent changed the file first', () => {
    const plan = planRollback('alpha', [
      history('shared.ts', kept('h1'), [
        [kept('h1'), null],
        [kept('b1'), 'beta'],
        [kept('a1'), 'alpha'],
      ]),
    ]);
    expect(plan.files).toEqual([{ path: 'shared.ts', action: 'restore', toVersion: 2, currentVersion: 3, changedSinceBy: [], included: true }]);
  });

  it('lists a file another agent (or the user) changed after the agent, and leaves it out unless included', () => {
    const histories = [
      history('shared.ts', kept('h1'), [
        [kept('h1'), null],
        [kept('a1'), 'alpha'],
        [kept('b1'), 'beta'],
        [kept('u1'), null],
      ]),
      history('mine.ts', kept('h2'), [
        [kept('h2'), null],
        [kept('a2'), 'alpha'],
      ]),
    ];
    const shared = { path: 'shared.ts', action: 'restore', toVersion: 1, currentVersion: 4, changedSinceBy: ['beta', null] };
    expect(planRollback('alpha', histories).files).toEqual([
      { path: 'mine.ts', action: 'restore', toVersion: 1, currentVersion: 2, changedSinceBy: [], included: true },
      { ...shared, included: false },
    ]);
    expect(planRollback('alpha', histories, true).files.map((f) => [f.path, f.included])).toEqual([
      ['mine.ts', true],
      ['shared.ts', true],
    ]);
    expect(planRollback('alpha', histories, ['shared.ts']).files.find((f) => f.path === 'shared.ts')?.included).toBe(true);
    expect(planRollback('alpha', histories, ['other.ts']).files.find((f) => f.path === 'shared.ts')?.included).toBe(false);
  });

  it("counts a still-pending write after the agent's as someone else's (nobody is named yet)", () => {
    const plan = planRollback('alpha', [
      history('f.ts', kept('h1'), [
        [kept('h1'), null],
        [kept('a1'), 'alpha'],
        [kept('x1'), null, 'pending'],
      ]),
    ]);
    expect(plan.files[0]).toMatchObject({ changedSinceBy: [null], included: false });
  });

  it('ignores committed work: versions up to the last one HEAD holds are not the agent\'s to roll back', () => {
    const histories = [
      // alpha's first change was committed (HEAD holds a1); beta changed it since.
      history('committed.ts', kept('a1'), [
        [kept('h0'), null],
        [kept('a1'), 'alpha'],
        [kept('b1'), 'beta'],
      ]),
      // alpha's change committed, nothing since.
      history('clean.ts', kept('a2'), [
        [kept('h0'), null],
        [kept('a2'), 'alpha'],
      ]),
    ];
    expect(planRollback('alpha', histories).files).toEqual([]);
  });

  it('skips a file already back at its earlier content (a second rollback), and does not count its own rollback as another writer', () => {
    const back = history('f.ts', kept('h1'), [
      [kept('h1'), null],
      [kept('a1'), 'alpha'],
      [kept('h1'), null, 'rollback'],
    ]);
    back.timeline[2]!.evidence = { rule: 'rollback', agentId: 'alpha', fromVersion: 1 };
    expect(planRollback('alpha', [back]).files).toEqual([]);

    // The agent wrote again after being rolled back: back to HEAD's content (the rollback's own version holds it), nobody else involved.
    const again: PathHistory = { ...back, timeline: [...back.timeline, ...timeline('f.ts', [[kept('a2'), 'alpha']]).map((v) => ({ ...v, version: 4 }))] };
    expect(planRollback('alpha', [again]).files).toEqual([{ path: 'f.ts', action: 'restore', toVersion: 3, currentVersion: 4, changedSinceBy: [], included: true }]);
  });

  it('reports a file whose earlier version was not kept instead of planning it', () => {
    const tooLarge: CapturedContent = { state: 'too-large', blob: null, mode: '100644', size: 10 ** 9 };
    const plan = planRollback('alpha', [
      history('big.bin', kept('zz'), [
        [tooLarge, null],
        [kept('a1'), 'alpha'],
      ]),
    ]);
    expect(plan.files).toEqual([]);
    expect(plan.unavailable).toEqual([{ path: 'big.bin', reason: expect.stringContaining('too-large') }]);
  });
});

describe('agentWindow', () => {
  it("finds the agent's first and last uncommitted versions, and none for an agent that did not write", () => {
    const versions = timeline('f.ts', [
      [kept('h1'), null],
      [kept('a1'), 'alpha'],
      [kept('b1'), 'beta'],
      [kept('a2'), 'alpha'],
    ]);
    expect(agentWindow(versions, kept('h1'), 'alpha')).toEqual({ start: 1, first: 1, last: 3 });
    expect(agentWindow(versions, kept('h1'), 'gamma')).toBeNull();
  });
});
