/**
 * The whole way of an isolated agent with the real Codex CLI (scripted model): its edits land in
 * its worktree and stay out of the shared tree; the commit wizard's commands bring them back as
 * one squashed commit on the shared branch (the edits were never committed by Codex, so they are
 * committed on its branch first), the shared tree then holds them and the user's staged file stays
 * staged; and discarding the worktree afterwards loses nothing, so it needs no force.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orchestratorHandlers } from '../../src/core/router';
import { startAgentsFixture, type AgentsFixture } from '../harness/hooked-core';
import { addFileStep, updateFileStep } from '../harness/model-server';
import { waitFor } from '../harness/processes';

describe('an isolated Codex agent brought back', () => {
  let fixture: AgentsFixture;

  beforeEach(async () => {
    fixture = await startAgentsFixture();
    fixture.repo.write('src/a.ts', 'export const a = "base";\n');
    fixture.repo.git('add', '-A');
    fixture.repo.git('commit', '-q', '-m', 'base');
  });
  afterEach(() => fixture.close());

  it('comes back through the commit wizard as one commit, and its worktree then goes without loss', async () => {
    const { model, repo, hooked, home } = fixture;
    model.script('loner', [
      updateFileStep('src/a.ts', 'export const a = "base";', ['export const a = "isolated";']),
      addFileStep('src/new.ts', 'export const n = 1;'),
      { kind: 'message', text: 'done in my worktree' },
    ]);
    const { id } = await hooked.core.launchAgent({ name: 'loner', task: 'Rework a. [scenario:loner]', codexHome: home.dir, isolated: true });
    const workspace = fixture.agent(id).workspace!;
    await waitFor(() => fixture.agent(id).completedTurns === 1, 'the isolated agent’s turn');
    expect(fs.readFileSync(path.join(workspace.path, 'src/new.ts'), 'utf8')).toBe('export const n = 1;\n');
    expect(repo.read('src/a.ts')).toBe('export const a = "base";\n');
    expect(repo.exists('src/new.ts')).toBe(false);

    // The user's own work in the shared tree meanwhile: staged, and to stay so.
    repo.write('README.md', '# mine\n');
    repo.git('add', 'README.md');
    const before = repo.git('rev-parse', 'HEAD').trim();

    const handlers = orchestratorHandlers(hooked.core);
    const caller = { view: null };
    const { plan } = await handlers['commit.plan']({ strategy: 'per-agent', conventional: false, messageFromTask: true }, caller);
    const group = plan.isolated?.find((g) => g.agentId === id);
    expect(group).toMatchObject({ branch: 'switchyard/loner', uncommitted: ['src/a.ts', 'src/new.ts'], files: ['src/a.ts', 'src/new.ts'], included: true, conflicts: [], busy: [] });
    // The user's staged README is theirs: out of the plan's groups.
    expect(plan.groups.flatMap((g) => g.files.map((f) => f.path))).toEqual([]);
    const squash = (await handlers['commit.edit']({ plan, edit: { type: 'set-isolated-mode', groupId: group!.id, mode: 'squash' } }, caller)).plan;
    expect(squash.isolated![0]!.message.split('\n', 1)[0]).toBe('Rework a');

    const result = await handlers['commit.run']({ plan: squash, skipHooks: false, runTests: false }, caller);
    expect(result.stop).toBeNull();
    expect(result.committed.map((c) => c.groupIds)).toEqual([[group!.id]]);
    expect(repo.git('rev-list', `${before}..HEAD`).trim().split('\n')).toHaveLength(1);
    expect(repo.git('show', '--name-only', '--format=', 'HEAD').trim().split('\n')).toEqual(['src/a.ts', 'src/new.ts']);
    expect(repo.read('src/a.ts')).toBe('export const a = "isolated";\n');
    expect(repo.read('src/new.ts')).toBe('export const n = 1;\n');
    expect(repo.git('status', '--porcelain')).toBe('M  README.md\n');

    // Squashed back: its commits are not in main's history, but nothing of it would be lost.
    await handlers['agents.stop']({ id, force: false }, caller);
    const loss = await handlers['isolation.loss']({ id }, caller);
    expect(loss.contentMerged).toBe(true);
    const discarded = await handlers['isolation.discard']({ id, force: false }, caller);
    expect(discarded.removed).toBe(true);
    expect(fs.existsSync(workspace.path)).toBe(false);
    expect(repo.git('branch', '--list', 'switchyard/loner').trim()).toBe('');
    expect(hooked.core.list().some((a) => a.id === id)).toBe(false);
  });
});
