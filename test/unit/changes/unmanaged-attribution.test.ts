/** Writes by a Codex running outside Switchyard: put down to it (unmanaged), never to an agent or the user. */
import { beforeEach, describe, expect, it } from 'vitest';
import { AttributionIndex, EVIDENCE_GRACE_MS } from '../../../src/core/changes/attribution-index';
import type { ObservedChange, TrackedChange } from '../../../src/core/changes/change-types';
import { attributionEntriesOf } from '../../../src/core/changes/change-summary';
import { reviewOf } from '../../../src/core/changes/review-report';
import { pidOfKey, unmanagedKey } from '../../../src/core/changes/unmanaged-presence';
import type { WorktreeChange } from '../../../src/core/git/worktree-status';

const REPO = '/repo';
const T = 1_800_000_000_000;
const PID = 4242;

describe('unmanaged Codex attribution', () => {
  let now: number;
  let index: AttributionIndex;
  const change = (path: string, at: number): ObservedChange => ({ path, kind: 'modify', earliest: at, latest: at, observedAt: at + 30 });
  const settle = (observed: ObservedChange): TrackedChange => {
    const immediate = index.observe(observed);
    if (immediate) return immediate;
    now = observed.observedAt + EVIDENCE_GRACE_MS;
    const delivered = index.tick().find((c) => c.path === observed.path);
    if (!delivered) throw new Error(`nothing delivered for ${observed.path}`);
    return delivered;
  };
  const process = (followed: boolean, since = T - 60_000) => ({ pid: PID, since, startedAt: new Date(since).toISOString(), followed });

  beforeEach(() => {
    now = T;
    index = new AttributionIndex({ repo: REPO, clock: () => now });
  });

  it('keys an unmanaged process by pid:N, which no agent id can be', () => {
    expect(unmanagedKey(PID)).toBe('pid:4242');
    expect(pidOfKey('pid:4242')).toBe(PID);
    expect(pidOfKey('agent-1')).toBeNull();
  });

  it("its own rollout FileChange makes the change its, exactly, with nobody's agent blamed", () => {
    index.noteUnmanagedStarted(process(true));
    index.noteActivity({ type: 'files-changed', agentId: unmanagedKey(PID), callId: 'c1', startedAt: T, endedAt: T + 100, paths: ['src/a.ts'] });
    const result = index.observe(change('src/a.ts', T + 90));
    expect(result).toMatchObject({
      agentId: null,
      attribution: 'unattributed',
      evidence: { rule: 'unmanaged-process', pid: PID, basis: 'rollout-file-change', call: expect.objectContaining({ callId: 'c1' }) },
    });
  });

  it('an agent running a command at the same time does not take the unmanaged FileChange', () => {
    index.noteUnmanagedStarted(process(true));
    index.noteActivity({ type: 'call-started', agentId: 'a', callId: 'x', at: T - 10, command: 'npm test', cwd: REPO, source: 'hook' });
    index.noteActivity({ type: 'files-changed', agentId: unmanagedKey(PID), callId: 'c1', startedAt: T, endedAt: T + 100, paths: ['src/a.ts'] });
    expect(index.observe(change('src/a.ts', T + 90))).toMatchObject({ agentId: null, evidence: { rule: 'unmanaged-process', pid: PID } });
  });

  it('without its log, a change nobody else was active for is put down to the running process', () => {
    index.noteUnmanagedStarted(process(false));
    expect(settle(change('b.txt', T + 500))).toMatchObject({ agentId: null, evidence: { rule: 'unmanaged-process', pid: PID, basis: 'running', call: null } });
  });

  it('with its log followed, its presence alone proves nothing: an edit while it is idle stays the user\'s', () => {
    index.noteUnmanagedStarted(process(true));
    expect(settle(change('b.txt', T + 500)).evidence).toEqual({ rule: 'no-agent-active' });
  });

  it('after it ended, or before it started, a change is not its', () => {
    index.noteUnmanagedStarted(process(false, T + 10_000));
    expect(settle(change('early.txt', T)).evidence).toEqual({ rule: 'no-agent-active' });
    now = T + 20_000;
    index.noteUnmanagedEnded(PID, now);
    expect(settle(change('late.txt', T + 30_000)).evidence).toEqual({ rule: 'no-agent-active' });
  });

  it('a process found after its write revises the user verdict it had', () => {
    const first = settle(change('c.txt', T + 100));
    expect(first.evidence).toEqual({ rule: 'no-agent-active' });
    now = T + 5_000;
    const revised = index.noteUnmanagedStarted(process(false));
    expect(revised).toEqual([expect.objectContaining({ path: 'c.txt', revision: 1, evidence: expect.objectContaining({ rule: 'unmanaged-process', pid: PID }) })]);
  });
});

describe('unmanaged writes in the map and the review', () => {
  const tracked = (path: string, evidence: TrackedChange['evidence'], id: number): TrackedChange => ({
    id,
    revision: 0,
    path,
    kind: 'modify',
    earliest: T + id,
    latest: T + id,
    observedAt: T + id + 30,
    attribution: 'unattributed',
    agentId: null,
    evidence,
    journalVersion: null,
    blob: null,
  });

  it('are their own writer, named by pid, apart from the user\'s edits', () => {
    const changes = [
      tracked('a.ts', { rule: 'no-agent-active' }, 1),
      tracked('a.ts', { rule: 'unmanaged-process', pid: PID, startedAt: null, basis: 'rollout-file-change', call: null }, 2),
    ];
    const entries = attributionEntriesOf(changes);
    expect(entries).toEqual([
      { path: 'a.ts', agentId: null, attribution: 'unattributed', unmanagedPid: PID },
      { path: 'a.ts', agentId: null, attribution: 'unattributed' },
    ]);
    const worktree: WorktreeChange = {
      path: 'a.ts', oldPath: null, kind: 'modified', staged: 'unmodified', unstaged: 'modified', headMode: '100644', worktreeMode: '100644',
      modeChanged: false, binary: false, added: 2, removed: 0, untracked: false, unmerged: false,
    };
    const report = reviewOf([worktree], [], entries, []);
    expect(report.groups.map((g) => g.name)).toEqual([`unmanaged Codex (pid ${PID})`]);
    expect(report.groups[0]!.files).toEqual([{ path: 'a.ts', attribution: 'unattributed', unmanagedPid: PID, added: 2, removed: 0 }]);
  });
});
