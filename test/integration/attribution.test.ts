/**
 * Who changed what, with real Codex agents against the scripted model: one agent edits with
 * apply_patch, another with a shell redirection, the user edits in between. Each change goes to
 * the right agent (or to nobody), and the journal keeps both versions of the file the two agents
 * overwrote, so the first can be restored. Needs `npm run build` (the hook script).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrackedChange } from '../../src/core/changes/change-types';
import type { RepoChanges } from '../../src/core/session/repo-changes';
import { createRouter, orchestratorHandlers } from '../../src/core/router';
import type { CommandOutput } from '../../src/shared/contract';
import type { Agent } from '../../src/shared/domain';
import { startAgentsFixture, type AgentsFixture } from '../harness/hooked-core';
import { addFileStep, CODE_MODE_ARGS, codeExecStep, updateFileStep } from '../harness/model-server';
import { waitFor } from '../harness/processes';

describe('attribution of real Codex agents', () => {
  let fixture: AgentsFixture;
  let tracker: RepoChanges;
  let problems: string[];

  const agent = (id: string): Agent => fixture.agent(id);
  const launch = (name: string, scenario: string, extra?: Record<string, unknown>): string => fixture.launch(name, scenario, extra);
  const changesOf = (path: string): TrackedChange[] => tracker.trackedChanges().filter((c) => c.path === path);
  const waitForChange = (path: string, test: (c: TrackedChange) => boolean, what: string): Promise<TrackedChange> =>
    waitFor(() => changesOf(path).find(test) ?? null, what, 30_000);

  beforeEach(async () => {
    problems = [];
    fixture = await startAgentsFixture(200);
    fixture.hooked.core.events.on('notification', (n) => {
      if (n.kind === 'problem') problems.push(`${n.title}: ${n.body}`);
    });
    tracker = fixture.hooked.core.changes;
  });
  afterEach(async () => {
    await fixture.close();
  });

  it('attributes an apply_patch edit and a shell redirect to their agents, leaves the user edit unattributed, and undoes an overwrite', async () => {
    const { model, repo } = fixture;
    model.script('patcher', [addFileStep('shared.txt', 'from the patcher'), addFileStep('patched.txt', 'patched'), { kind: 'message', text: 'patched' }]);
    model.script('sheller', [
      { kind: 'exec', cmd: 'echo from the shell > shell.txt' },
      { kind: 'exec', cmd: 'echo overwritten by the shell > shared.txt' },
      { kind: 'message', text: 'shelled' },
    ]);

    const patcher = launch('patcher', 'patcher');
    await waitFor(() => agent(patcher).completedTurns === 1, 'the patcher to finish', 60_000);
    for (const path of ['shared.txt', 'patched.txt']) {
      // The PreToolUse already names the file; the rollout's FileChange is the stronger evidence and wins.
      const change = await waitForChange(path, (c) => c.evidence.rule === 'rollout-file-change', `the rollout FileChange for ${path}`);
      expect(change).toEqual(expect.objectContaining({ kind: 'add', agentId: patcher, attribution: 'exact' }));
    }

    // The patcher ends (releasing any claim the write gate gave it on its files), then the user
    // edits while no agent runs anything.
    await fixture.hooked.core.stop(patcher, false);
    await new Promise((r) => setTimeout(r, 1_000));
    repo.write('README.md', '# edited by the user\n');
    const byUser = await waitForChange('README.md', () => true, "the user's edit");
    expect(byUser).toEqual(expect.objectContaining({ agentId: null, attribution: 'unattributed', evidence: { rule: 'no-agent-active' } }));

    const sheller = launch('sheller', 'sheller');
    await waitFor(() => agent(sheller).completedTurns === 1, 'the sheller to finish', 60_000);
    const shellWrite = await waitForChange('shell.txt', (c) => c.agentId === sheller, 'the shell write');
    expect(shellWrite).toEqual(
      expect.objectContaining({
        kind: 'add',
        attribution: 'exact',
        evidence: expect.objectContaining({ rule: 'command-writes-path', call: expect.objectContaining({ command: 'echo from the shell > shell.txt' }) }),
      }),
    );
    const overwrite = await waitForChange('shared.txt', (c) => c.agentId === sheller, 'the overwrite of shared.txt');
    expect(overwrite).toEqual(expect.objectContaining({ kind: 'modify', attribution: 'exact' }));

    // Nothing was blamed on the wrong agent, and the user's edit stayed the user's.
    for (const change of tracker.trackedChanges()) {
      const expected = { 'shared.txt': [patcher, sheller], 'patched.txt': [patcher], 'shell.txt': [sheller], 'README.md': [null] }[change.path];
      expect(expected, change.path).toContain(change.agentId);
    }

    // Both agents changed shared.txt: an overlap, with the patcher's version one click away.
    const overlap = tracker.conflicts().find((c) => c.kind === 'overlap' && c.paths.includes('shared.txt'));
    expect(overlap).toEqual(expect.objectContaining({ agents: expect.arrayContaining([patcher, sheller]) }));
    expect(overlap!.actions.map((a) => a.type)).toEqual(expect.arrayContaining(['open-diff', 'restore-version']));

    // The journal kept both agents' versions; restoring the patcher's touches nothing else.
    await tracker.settled();
    const timeline = tracker.timeline('shared.txt');
    expect(timeline.map((v) => [v.state, v.agentId])).toEqual([
      ['deleted', null],
      ['kept', patcher],
      ['kept', sheller],
    ]);
    const fromPatcher = timeline[1]!;
    expect(await tracker.diff('shared.txt', 2)).toContain('+from the patcher');
    expect(await tracker.restore('shared.txt', fromPatcher.version)).toBe(true);
    expect(repo.read('shared.txt')).toBe('from the patcher\n');
    expect(repo.read('shell.txt')).toBe('from the shell\n');
    expect(repo.read('README.md')).toBe('# edited by the user\n');
    expect(problems).toEqual([]);
  });

  it("attributes a shell write exactly from the agent's rollout alone, without hook events", async () => {
    const { model } = fixture;
    // The tracker hears none of this agent's hook events: only its rollout log tells.
    tracker.noteHookEvent = () => undefined;
    model.script('quiet-sheller', [{ kind: 'exec', cmd: 'echo rollout only > rollout.txt' }, { kind: 'message', text: 'done' }]);
    const id = launch('quiet-sheller', 'quiet-sheller');
    await waitFor(() => agent(id).completedTurns === 1, 'the agent to finish', 60_000);
    const change = await waitForChange('rollout.txt', (c) => c.agentId === id, 'the shell write');
    expect(change.attribution).toBe('exact');
    expect(change.evidence).toEqual(
      expect.objectContaining({ rule: 'command-writes-path', call: expect.objectContaining({ sources: ['rollout'], command: 'echo rollout only > rollout.txt' }) }),
    );
  });

  it('attributes a shell write made inside a code-mode cell (the exec tool of newer models)', async () => {
    const { model } = fixture;
    // The command runs as a nested tool call whose id (exec-…) is not the cell's call id.
    model.script('coder', [codeExecStep('echo from a cell > cell.txt'), { kind: 'message', text: 'done' }]);
    const id = launch('coder', 'coder', { codexArgs: CODE_MODE_ARGS });
    await waitFor(() => agent(id).completedTurns === 1, 'the agent to finish', 60_000);
    const change = await waitForChange('cell.txt', (c) => c.agentId === id, 'the shell write in the cell');
    expect(change).toEqual(
      expect.objectContaining({
        kind: 'add',
        attribution: 'exact',
        evidence: expect.objectContaining({ rule: 'command-writes-path', call: expect.objectContaining({ command: 'echo from a cell > cell.txt' }) }),
      }),
    );
    expect(problems).toEqual([]);
  });

  it('raises overlap, duplicate and ping-pong conflicts for two agents rewriting one file, and restores an overwrite byte for byte', async () => {
    const { model, repo, hooked } = fixture;
    // Observe mode: the gate records the writes onto the other agent's file instead of refusing them.
    hooked.core.updateSettings({ gateMode: 'observe' });
    const file = 'pingpong.txt';
    const awaitText = (text: string) => ({ kind: 'exec' as const, cmd: `until grep -q ${text} ${file}; do sleep 0.2; done` });
    const write = (text: string) => ({ kind: 'exec' as const, cmd: `printf '${text}\\n' > ${file}` });
    model.script('ping', [write('A1'), awaitText('B1'), write('A2'), awaitText('B2'), write('A3'), { kind: 'message', text: 'ping done' }]);
    model.script('pong', [awaitText('A1'), write('B1'), awaitText('A2'), write('B2'), { kind: 'message', text: 'pong done' }]);
    // Near-identical tasks: the duplicate detector should flag the pair.
    const ping = launch('ping', 'ping', { task: 'Rewrite the greeting in pingpong.txt so that it greets the user by name [scenario:ping]' });
    const pong = launch('pong', 'pong', { task: 'Rewrite the greeting in pingpong.txt so that it greets the user by name [scenario:pong]' });
    // While both run, the near-identical tasks make them duplicates.
    const duplicate = await waitFor(() => tracker.conflicts().find((c) => c.kind === 'duplicate') ?? null, 'the duplicate conflict', 30_000);
    expect(new Set(duplicate.agents)).toEqual(new Set([ping, pong]));
    await waitFor(() => agent(ping).completedTurns === 1 && agent(pong).completedTurns === 1, 'both agents to finish', 90_000);
    await waitFor(() => (changesOf(file).filter((c) => c.agentId !== null).length >= 5 ? true : null), 'five attributed writes', 30_000);
    await tracker.settled();

    const writers = changesOf(file).filter((c) => c.evidence.rule !== 'baseline').map((c) => c.agentId);
    expect(writers).toEqual([ping, pong, ping, pong, ping]);
    // The rally is one ping-pong conflict (it says more than an overlap of the same file would).
    expect(tracker.conflicts().filter((c) => c.paths.includes(file)).map((c) => c.kind)).toContain('ping-pong');
    const pingPong = tracker.conflicts().find((c) => c.kind === 'ping-pong')!;
    expect(pingPong.paths).toEqual([file]);
    expect(new Set(pingPong.agents)).toEqual(new Set([ping, pong]));
    expect(pingPong.severity).toBe('critical');

    // The map shows the file with both agents; undo pong's last overwrite from the journal.
    const mapped = tracker.map().files.find((f) => f.path === file)!;
    expect(new Set(mapped.touches.map((t) => t.agentId))).toEqual(new Set([ping, pong]));
    const versions = tracker.timeline(file);
    const pongLast = [...versions].reverse().find((v) => v.agentId === pong)!;
    const before = versions.find((v) => v.version === pongLast.version - 1)!;
    expect(before.agentId).toBe(ping);
    expect(await tracker.restore(file, before.version)).toBe(true);
    expect(repo.read(file)).toBe('A2\n');
    expect(tracker.timeline(file).at(-1)).toEqual(expect.objectContaining({ rule: 'restore', agentId: null }));
    expect(problems).toEqual([]);
  });

  it('splits a file two agents edited in different places into one commit each, by hunk', async () => {
    const { model, repo, hooked } = fixture;
    hooked.core.updateSettings({ gateMode: 'observe' });
    repo.write('lines.txt', 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n');
    repo.git('add', 'lines.txt');
    repo.git('commit', '-q', '-m', 'lines');
    model.script('top', [updateFileStep('lines.txt', 'two', ['TWO by top']), { kind: 'message', text: 'top done' }]);
    model.script('bottom', [updateFileStep('lines.txt', 'seven', ['SEVEN by bottom']), { kind: 'message', text: 'bottom done' }]);
    const top = launch('top', 'top');
    await waitFor(() => agent(top).completedTurns === 1, 'top to finish', 60_000);
    const bottom = launch('bottom', 'bottom');
    await waitFor(() => agent(bottom).completedTurns === 1, 'bottom to finish', 60_000);
    await waitFor(() => changesOf('lines.txt').some((c) => c.agentId === bottom), "bottom's edit to be attributed", 30_000);
    const worktree = repo.read('lines.txt');
    expect(worktree).toBe('one\nTWO by top\nthree\nfour\nfive\nsix\nSEVEN by bottom\neight\n');

    const router = createRouter(orchestratorHandlers(hooked.core));
    const planned = await router.handle('commit.plan', { strategy: 'per-agent' });
    if (!planned.ok) throw new Error(planned.error.message);
    const { plan } = planned.value as CommandOutput<'commit.plan'>;
    expect(plan.undecided).toEqual([]);
    const hunksOf = (agentId: string) => plan.groups.find((g) => g.agentId === agentId)!.files.find((f) => f.path === 'lines.txt')!.hunks;
    expect(hunksOf(top)).toEqual([{ oldStart: 2, oldLines: 1, newStart: 2, newLines: 1 }]);
    expect(hunksOf(bottom)).toEqual([{ oldStart: 7, oldLines: 1, newStart: 7, newLines: 1 }]);

    const ran = await router.handle('commit.run', { plan });
    if (!ran.ok) throw new Error(ran.error.message);
    const result = ran.value as CommandOutput<'commit.run'>;
    expect(result.stop).toBeNull();
    const [first, second] = result.committed;
    expect(first!.agentIds).toEqual([top]);
    expect(repo.git('show', `${first!.sha}:lines.txt`)).toBe('one\nTWO by top\nthree\nfour\nfive\nsix\nseven\neight\n');
    expect(second!.agentIds).toEqual([bottom]);
    expect(repo.git('show', `${second!.sha}:lines.txt`)).toBe(worktree);
    // The two commits add up to the working tree, which was not touched.
    expect(repo.read('lines.txt')).toBe(worktree);
    expect(repo.git('status', '--porcelain', '--', 'lines.txt')).toBe('');
  });
});
