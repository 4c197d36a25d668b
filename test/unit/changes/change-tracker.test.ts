/**
 * The change tracker on a real repository with the real watcher and git (agents simulated by
 * hook events): baseline, user edits, gitignore, atomic saves, bursts, rescans, restore, assign.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChangeTracker } from '../../../src/core/changes/change-tracker';
import type { TrackedChange } from '../../../src/core/changes/change-types';
import { waitFor } from '../../harness/processes';
import { makeTempRepo, type TempRepo } from '../../harness/temp-repo';

const GRACE_MS = 200;

describe('ChangeTracker', () => {
  let repo: TempRepo;
  let tracker: ChangeTracker;
  let seen: TrackedChange[];
  let problems: string[];

  const start = async (): Promise<void> => {
    tracker = new ChangeTracker({ repo: repo.dir, graceMs: GRACE_MS, onProblem: (m) => problems.push(m) });
    tracker.onChange((c) => seen.push(c));
    await tracker.start();
  };
  const latest = (file: string): TrackedChange | undefined => [...seen].reverse().find((c) => c.path === file);
  const waitForChange = (file: string, test: (c: TrackedChange) => boolean = () => true): Promise<TrackedChange> =>
    waitFor(() => {
      const change = latest(file);
      return change && test(change) ? change : null;
    }, `a change of ${file}`, 10_000, 20);
  const agentWrites = async (agentId: string, callId: string, command: string, write: () => void): Promise<void> => {
    tracker.noteHookEvent(agentId, 'PreToolUse', { tool_use_id: callId, tool_input: { command }, cwd: repo.dir });
    write();
    await tracker.settled();
    tracker.noteHookEvent(agentId, 'PostToolUse', { tool_use_id: callId, tool_input: { command }, cwd: repo.dir });
  };

  beforeEach(() => {
    repo = makeTempRepo();
    seen = [];
    problems = [];
  });
  afterEach(async () => {
    await tracker?.dispose();
    repo.remove();
  });

  it('reports what was changed before it started as baseline, and does not blame it on anyone later', async () => {
    repo.write('README.md', '# edited before Switchyard\n');
    repo.write('wip/notes.txt', 'untracked work in progress\n');
    await start();
    expect(tracker.changes().map((c) => [c.path, c.kind, c.attribution, c.evidence.rule])).toEqual([
      ['README.md', 'modify', 'unattributed', 'baseline'],
      ['wip/notes.txt', 'add', 'unattributed', 'baseline'],
    ]);
    // A rescan finds them unchanged since the baseline: nothing new is reported.
    await tracker.rescan();
    await new Promise((r) => setTimeout(r, GRACE_MS * 2));
    expect(tracker.changes()).toHaveLength(2);
  });

  it("attributes an agent's shell write exactly, and leaves the user's edit unattributed, journaling both", async () => {
    await start();
    await agentWrites('agent-a', 'call_1', 'echo from-a > out.txt', () => repo.write('out.txt', 'from-a\n'));
    const byAgent = await waitForChange('out.txt');
    expect(byAgent).toEqual(
      expect.objectContaining({ kind: 'add', agentId: 'agent-a', attribution: 'exact', evidence: expect.objectContaining({ rule: 'command-writes-path' }) }),
    );

    // The user edits a while after the agent's command ended (within a few hundred ms nobody can tell them apart).
    await new Promise((r) => setTimeout(r, 600));
    repo.write('README.md', '# the user was here\n');
    const byUser = await waitForChange('README.md');
    expect(byUser).toEqual(expect.objectContaining({ kind: 'modify', agentId: null, attribution: 'unattributed', evidence: { rule: 'no-agent-active' } }));

    await tracker.settled();
    expect(tracker.journal.timeline('README.md').map((v) => [v.version, v.evidence.rule, v.agentId])).toEqual([
      [1, 'base', null],
      [2, 'no-agent-active', null],
    ]);
    expect(tracker.journal.timeline('out.txt').map((v) => [v.state, v.evidence.rule, v.agentId])).toEqual([
      ['deleted', 'base', null],
      ['kept', 'command-writes-path', 'agent-a'],
    ]);
    expect(byAgent.journalVersion).toBe(2);
  });

  it('ignores .git/, .agents/ and gitignored paths, including an ignored folder created after start', async () => {
    repo.write('.gitignore', 'node_modules/\n*.log\ndist/\n');
    repo.git('add', '.gitignore');
    repo.git('commit', '-qm', 'ignore');
    repo.write('node_modules/pkg/index.js', 'old');
    await start();
    repo.write('node_modules/pkg/index.js', 'new');
    repo.write('debug.log', 'noise');
    repo.write('dist/bundle/app.js', 'built');
    repo.write('.agents/scratch.json', '{}');
    repo.git('tag', 'v1');
    repo.write('src/real.ts', 'export {};\n');
    await waitForChange('src/real.ts');
    await new Promise((r) => setTimeout(r, 300));
    repo.write('dist/bundle/app.js', 'built again');
    await tracker.settled();
    await new Promise((r) => setTimeout(r, GRACE_MS * 2));
    expect(tracker.changes().map((c) => c.path)).toEqual(['src/real.ts']);
  });

  it('reports each file of a removed folder as deleted', async () => {
    for (const name of ['a', 'b', 'c']) repo.write(`old/${name}.ts`, `${name}\n`);
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'old folder');
    await start();
    fs.rmSync(path.join(repo.dir, 'old'), { recursive: true });
    await waitFor(() => tracker.changes().length === 3 || null, 'three deletions');
    expect(tracker.changes().map((c) => [c.path, c.kind, c.evidence.rule]).sort()).toEqual([
      ['old/a.ts', 'delete', 'no-agent-active'],
      ['old/b.ts', 'delete', 'no-agent-active'],
      ['old/c.ts', 'delete', 'no-agent-active'],
    ]);
  });

  it("counts an editor's atomic save (write a temporary file, rename it over) as one modification", async () => {
    await start();
    const target = path.join(repo.dir, 'README.md');
    const temporary = path.join(repo.dir, '.README.md.swp');
    fs.writeFileSync(temporary, '# saved atomically\n');
    fs.renameSync(temporary, target);
    const change = await waitForChange('README.md');
    await tracker.settled();
    await new Promise((r) => setTimeout(r, GRACE_MS * 2));
    expect(change.kind).toBe('modify');
    expect(tracker.changes().map((c) => [c.path, c.kind])).toEqual([['README.md', 'modify']]);
  });

  it('reports every file of a burst of thousands once, with the rescan it triggers adding nothing twice', async () => {
    await start();
    const count = 3_000;
    for (let i = 0; i < count; i++) repo.write(`gen/part-${Math.floor(i / 100)}/file-${i}.txt`, `content ${i}\n`);
    await waitFor(() => new Set(tracker.changes().map((c) => c.path)).size === count || null, 'every file of the burst', 60_000, 50);
    await tracker.rescan('test');
    await new Promise((r) => setTimeout(r, GRACE_MS * 2));
    expect(tracker.changes()).toHaveLength(count);
  }, 90_000);

  it('finds by rescan a change the watcher never saw (a folder that was ignored until .gitignore changed)', async () => {
    repo.write('.gitignore', 'generated/\n');
    repo.git('add', '.gitignore');
    repo.git('commit', '-qm', 'ignore generated');
    repo.write('generated/schema.ts', 'export const v = 1;\n');
    await start();
    repo.write('.gitignore', '');
    const found = await waitForChange('generated/schema.ts');
    expect(found).toEqual(expect.objectContaining({ kind: 'add', attribution: 'unattributed' }));
    // From now on the folder is watched live.
    repo.write('generated/schema.ts', 'export const v = 2;\n');
    await waitForChange('generated/schema.ts', (c) => c.kind === 'modify');
  });

  it("restores agent A's version after agent B overwrote it, recording the restore and touching nothing else", async () => {
    await start();
    await agentWrites('agent-a', 'call_a', 'echo A > shared.txt', () => repo.write('shared.txt', 'A\n'));
    const fromA = await waitForChange('shared.txt', (c) => c.agentId === 'agent-a');
    await agentWrites('agent-b', 'call_b', 'echo B > shared.txt && echo B > other.txt', () => {
      repo.write('shared.txt', 'B\n');
      repo.write('other.txt', 'B\n');
    });
    await waitForChange('shared.txt', (c) => c.agentId === 'agent-b');
    await waitForChange('other.txt', (c) => c.agentId === 'agent-b');

    const restored = await tracker.restore('shared.txt', fromA.journalVersion!);
    expect(repo.read('shared.txt')).toBe('A\n');
    expect(repo.read('other.txt')).toBe('B\n');
    expect(restored).toEqual(expect.objectContaining({ path: 'shared.txt', agentId: null, evidence: { rule: 'restore', fromVersion: fromA.journalVersion } }));
    await tracker.settled();
    await new Promise((r) => setTimeout(r, GRACE_MS * 2));
    // The watcher's event for the restore is not a second change.
    expect(tracker.changes().filter((c) => c.path === 'shared.txt').map((c) => c.evidence.rule)).toEqual(['command-writes-path', 'command-writes-path', 'restore']);
  });

  it('lets the user assign an unattributed change to an agent, in the journal too', async () => {
    await start();
    repo.write('mystery.txt', '?\n');
    const change = await waitForChange('mystery.txt');
    expect(change.attribution).toBe('unattributed');
    const [assigned] = tracker.assign('mystery.txt', 'agent-b');
    expect(assigned).toEqual(expect.objectContaining({ agentId: 'agent-b', revision: 1, evidence: { rule: 'user', agentId: 'agent-b', previous: { rule: 'no-agent-active' } } }));
    await waitFor(() => tracker.journal.latest('mystery.txt')?.agentId === 'agent-b', 'the journal to record the assignment');
    expect(() => tracker.assign('mystery.txt', 'Not An Id')).toThrow(/not an agent id/);
    expect(problems).toEqual([]);
  });
});
