/**
 * A restart of the change tracker on a real repository (real watcher, git and journal; agents
 * simulated by hook events): who changed what is rebuilt from the journal, a file changed while
 * no tracker ran is marked offline (never given to an agent or to the user), and a second restart
 * finds the same again.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChangeTracker } from '../../../src/core/changes/change-tracker';
import type { TrackedChange } from '../../../src/core/changes/change-types';
import { attributionEntriesOf } from '../../../src/core/changes/change-summary';
import { detectConflicts } from '../../../src/core/conflicts/detect-conflicts';
import { waitFor } from '../../harness/processes';
import { makeTempRepo, type TempRepo } from '../../harness/temp-repo';

const GRACE_MS = 200;

/** What a restart must keep of a change: everything but the in-memory id and revision. */
const verdicts = (changes: readonly TrackedChange[]) =>
  changes.map((c) => ({ path: c.path, kind: c.kind, agentId: c.agentId, attribution: c.attribution, evidence: c.evidence, journalVersion: c.journalVersion }));

describe('ChangeTracker across a restart', () => {
  let repo: TempRepo;
  let tracker: ChangeTracker | null;
  let problems: string[];

  const start = async (graceMs = GRACE_MS): Promise<ChangeTracker> => {
    tracker = new ChangeTracker({ repo: repo.dir, graceMs, onProblem: (m) => problems.push(m) });
    await tracker.start();
    return tracker;
  };
  const stop = async (): Promise<void> => {
    await tracker?.dispose();
    tracker = null;
  };
  const agentWrites = async (t: ChangeTracker, agentId: string, callId: string, command: string, write: () => void): Promise<void> => {
    t.noteHookEvent(agentId, 'PreToolUse', { tool_use_id: callId, tool_input: { command }, cwd: repo.dir });
    write();
    await t.settled();
    t.noteHookEvent(agentId, 'PostToolUse', { tool_use_id: callId, tool_input: { command }, cwd: repo.dir });
  };
  const exactBy = (t: ChangeTracker, path: string, agentId: string) =>
    waitFor(() => t.changes().find((c) => c.path === path && c.agentId === agentId && c.attribution === 'exact') ?? null, `${agentId}'s change of ${path}`, 10_000, 20);

  beforeEach(() => {
    repo = makeTempRepo();
    problems = [];
    tracker = null;
  });
  afterEach(async () => {
    await stop();
    repo.remove();
  });

  it("gives an agent's files back to it after a restart, with the same verdicts and journal versions", async () => {
    const first = await start();
    await agentWrites(first, 'agent-a', 'call_1', 'echo a > a.txt', () => repo.write('a.txt', 'a\n'));
    await agentWrites(first, 'agent-b', 'call_2', 'echo b >> README.md', () => repo.write('README.md', '# test\nb\n'));
    await exactBy(first, 'a.txt', 'agent-a');
    await exactBy(first, 'README.md', 'agent-b');
    await first.settled();
    const before = verdicts(first.changes());
    const entriesBefore = attributionEntriesOf(first.changes());
    await stop();

    const second = await start();
    expect(verdicts(second.changes())).toEqual(before);
    expect(attributionEntriesOf(second.changes())).toEqual(entriesBefore);
    expect(entriesBefore).toEqual([
      { path: 'a.txt', agentId: 'agent-a', attribution: 'exact' },
      { path: 'README.md', agentId: 'agent-b', attribution: 'exact' },
    ]);
    await stop();

    // And again: a restart writes nothing that changes the next one's answer.
    const third = await start();
    expect(verdicts(third.changes())).toEqual(before);
    expect(problems).toEqual([]);
  });

  it('finds the same overlap after a restart when two agents wrote the same file, one over the other', async () => {
    const conflictsOf = (t: ChangeTracker) =>
      detectConflicts({
        now: Date.now(),
        changes: t.changes(),
        gateEvents: [],
        agents: [],
        claims: [],
        importCycles: [],
        stuckAfterMinutes: 10,
        timeline: (path) => t.journal.timeline(path),
      }).map(({ id, kind, severity, paths, agents, summary, at }) => ({ id, kind, severity, paths, agents, summary, at }));
    const first = await start();
    await agentWrites(first, 'agent-a', 'call_1', 'echo a > shared.txt', () => repo.write('shared.txt', 'a\n'));
    await exactBy(first, 'shared.txt', 'agent-a');
    await new Promise((r) => setTimeout(r, 50));
    await agentWrites(first, 'agent-b', 'call_2', 'echo b > shared.txt', () => repo.write('shared.txt', 'b\n'));
    await exactBy(first, 'shared.txt', 'agent-b');
    await first.settled();
    const before = conflictsOf(first);
    expect(before.map((c) => [c.id, c.severity, c.agents])).toEqual([['overlap:shared.txt', 'critical', ['agent-a', 'agent-b']]]);
    await stop();

    const second = await start();
    expect(conflictsOf(second)).toEqual(before);
  });

  it('marks a file changed while no tracker ran as offline, on top of the agent version it replaced, and keeps that mark', async () => {
    const first = await start();
    await agentWrites(first, 'agent-a', 'call_1', 'echo a > a.txt', () => repo.write('a.txt', 'a\n'));
    await exactBy(first, 'a.txt', 'agent-a');
    await first.settled();
    await stop();

    // While nobody watches: the agent's file is edited, and a file no agent touched is created.
    repo.write('a.txt', 'a\nedited outside\n');
    repo.write('later.txt', 'written while Switchyard was down\n');

    const second = await start();
    const after = second.changes().map((c) => [c.path, c.kind, c.agentId, c.attribution, c.evidence.rule]);
    expect(after).toEqual([
      ['a.txt', 'add', 'agent-a', 'exact', 'command-writes-path'],
      ['a.txt', 'modify', null, 'offline', 'offline'],
      ['later.txt', 'add', null, 'offline', 'offline'],
    ]);
    expect(second.journal.timeline('a.txt').map((v) => [v.version, v.agentId, v.attribution, v.evidence.rule])).toEqual([
      [1, null, 'unattributed', 'base'],
      [2, 'agent-a', 'exact', 'command-writes-path'],
      [3, null, 'offline', 'offline'],
    ]);
    expect(attributionEntriesOf(second.changes())).toEqual([
      { path: 'a.txt', agentId: 'agent-a', attribution: 'exact' },
      { path: 'a.txt', agentId: null, attribution: 'offline' },
      { path: 'later.txt', agentId: null, attribution: 'offline' },
    ]);
    await stop();

    const third = await start();
    expect(third.changes().map((c) => [c.path, c.kind, c.agentId, c.attribution, c.evidence.rule])).toEqual(after);
  });

  it('leaves what was changed before Switchyard ever watched as the baseline, and not what it committed since', async () => {
    repo.write('wip.txt', 'before Switchyard\n');
    const first = await start();
    expect(first.changes().map((c) => [c.path, c.evidence.rule])).toEqual([['wip.txt', 'baseline']]);
    await agentWrites(first, 'agent-a', 'call_1', 'echo a > a.txt', () => repo.write('a.txt', 'a\n'));
    await exactBy(first, 'a.txt', 'agent-a');
    await first.settled();
    await stop();
    // The agent's file is committed while nobody watches: it is nobody's pending work any more.
    repo.git('add', 'a.txt');
    repo.git('commit', '-qm', 'a');

    const second = await start();
    expect(second.changes().map((c) => [c.path, c.agentId, c.attribution, c.evidence.rule])).toEqual([['wip.txt', null, 'unattributed', 'baseline']]);
  });

  it('does not give an agent a change whose verdict was still pending when the tracker ended', async () => {
    // No event names the file: its verdict waits for the grace period (long here), and the tracker ends first.
    const first = await start(600_000);
    repo.write('quick.txt', 'written just before the end\n');
    await waitFor(() => first.journal.timeline('quick.txt').length === 2 || null, 'the write to be journaled', 10_000, 10);
    // A crash: the journal file is on disk, the verdict never is.
    await first.journal.flush();
    const crashed = first;
    tracker = null;

    const second = await start();
    expect(second.changes().map((c) => [c.path, c.agentId, c.attribution, c.evidence.rule])).toEqual([['quick.txt', null, 'unattributed', 'interrupted']]);
    await crashed.dispose();
  });
});
