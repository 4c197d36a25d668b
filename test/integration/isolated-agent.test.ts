/**
 * Isolated agents with the real Codex CLI: an agent launched isolated works in its own worktree on
 * its own branch; its edit lands there and the shared tree stays untouched; the review lists the
 * file as that agent's, isolated; a shared agent's exclusive claim on the same path does not block
 * it; and its attempt to write into the shared tree is refused with the worktree to write in.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRouter, orchestratorHandlers } from '../../src/core/router';
import type { CommandOutput } from '../../src/shared/contract';
import type { ReviewReport } from '../../src/shared/changes';
import { makeCodexHome } from '../harness/codex-home';
import { startAgentsFixture, type AgentsFixture } from '../harness/hooked-core';
import { addFileStep, startModelServer, updateFileStep } from '../harness/model-server';
import { waitFor } from '../harness/processes';
import { cliEnv, startServe } from '../harness/serve-process';
import { makeTempRepo } from '../harness/temp-repo';

describe('isolated agents', () => {
  let fixture: AgentsFixture;

  beforeEach(async () => {
    fixture = await startAgentsFixture();
    fixture.repo.write('src/a.ts', 'export const a = "base";\n');
    fixture.repo.git('add', '-A');
    fixture.repo.git('commit', '-q', '-m', 'base');
  });
  afterEach(() => fixture.close());

  const launchIsolated = async (name: string, scenario: string): Promise<string> => {
    const { hooked, home } = fixture;
    return (await hooked.core.launchAgent({ name, task: `${name} [scenario:${scenario}]`, codexHome: home.dir, isolated: true })).id;
  };

  it('edits in its own worktree past a shared agent’s exclusive claim, leaves the shared tree alone, and is reviewed as isolated', async () => {
    const { model, repo, hooked } = fixture;
    model.script('holder', [{ kind: 'message', text: 'holding', delayMs: 60_000 }]);
    const holder = fixture.launch('holder', 'holder', { claims: ['src/a.ts'] });
    await waitFor(() => hooked.core.whoHolds('src/a.ts').some((c) => c.agentId === holder), 'the shared agent’s claim');

    model.script('loner', [
      updateFileStep('src/a.ts', 'export const a = "base";', ['export const a = "isolated";']),
      addFileStep('src/new.ts', 'export const n = 1;'),
      { kind: 'exec', cmd: `echo leak > ${path.join(repo.dir, 'leak.txt')}` },
      { kind: 'message', text: 'done in my worktree' },
    ]);
    const loner = await launchIsolated('loner', 'loner');
    const workspace = fixture.agent(loner).workspace!;
    expect(workspace).toEqual({
      kind: 'isolated',
      path: path.join(repo.dir, '.agents', 'worktrees', loner),
      branch: 'switchyard/loner',
      base: repo.git('rev-parse', 'HEAD').trim(),
      baseBranch: 'main',
    });
    await waitFor(() => fixture.agent(loner).completedTurns === 1, 'the isolated agent’s turn');

    // Its edits are in its worktree; the shared tree is as it was, and the write into it was refused.
    expect(fs.readFileSync(path.join(workspace.path, 'src/a.ts'), 'utf8')).toBe('export const a = "isolated";\n');
    expect(fs.readFileSync(path.join(workspace.path, 'src/new.ts'), 'utf8')).toBe('export const n = 1;\n');
    expect(repo.read('src/a.ts')).toBe('export const a = "base";\n');
    expect(repo.exists('src/new.ts')).toBe(false);
    expect(repo.exists('leak.txt')).toBe(false);
    expect(repo.git('status', '--porcelain')).toBe('');
    expect(model.lastInput('loner')).toContain(`you are isolated in ${workspace.path} (branch switchyard/loner)`);
    expect(model.lastInput('loner')).not.toContain('is locked by');

    // The review lists its files as its own, isolated; the shared tree has nothing for anyone.
    const handlers = orchestratorHandlers(hooked.core);
    const report = await handlers['review.report']({}, { view: null });
    const group = report.groups.find((g) => g.agentId === loner);
    expect(group?.files).toEqual([
      { path: 'src/a.ts', attribution: 'exact', added: 1, removed: 1, isolated: true },
      { path: 'src/new.ts', attribution: 'exact', added: 1, removed: 0, isolated: true },
    ]);
    expect(report.groups.filter((g) => g.agentId !== loner)).toEqual([]);
    expect(report.conflicts.filter((c) => c.agents.includes(loner) && c.kind === 'overlap')).toEqual([]);

    // The map shows the files where they are, isolated, and no overlap with the holder's claim.
    await waitFor(() => hooked.core.changes.map().files.some((f) => f.isolated), 'the map to read the worktree');
    const map = hooked.core.changes.map();
    expect(map.files.filter((f) => f.isolated).map((f) => [f.path, f.lastAgentId])).toEqual([
      [`.agents/worktrees/${loner}/src/a.ts`, loner],
      [`.agents/worktrees/${loner}/src/new.ts`, loner],
    ]);
    expect(map.conflicts.filter((c) => c.agents.includes(loner) && c.agents.includes(holder))).toEqual([]);

    // Its metrics count its edits from its rollout log, and its files and lines from its worktree.
    const metricsOf = async () => {
      const result = await createRouter(handlers).handle('metrics.get', { agentId: loner });
      if (!result.ok) throw new Error(result.error.message);
      return (result.value as CommandOutput<'metrics.get'>).agents[0]!;
    };
    await waitFor(async () => ((await metricsOf()).toolCalls === 3 ? true : null), 'the metrics to count its three tool calls', 30_000);
    expect(await metricsOf()).toMatchObject({ edits: 2, filesChanged: 2 });
  });

  it('runs the worktree setup command in the new worktree, in its terminal, before Codex; a failing one ends the agent before Codex runs', async () => {
    const { model, hooked } = fixture;
    // What `npm ci` stands for: something the worktree needs and git does not hold.
    hooked.core.updateSettings({ worktreeSetupCommand: 'echo installing; printf ready > .setup-done' });
    model.script('prepared', [{ kind: 'exec', cmd: 'cat .setup-done > seen.txt' }, { kind: 'message', text: 'set up' }]);
    const prepared = await launchIsolated('prepared', 'prepared');
    const worktree = fixture.agent(prepared).workspace!.path;
    await waitFor(() => fixture.agent(prepared).completedTurns === 1, 'the prepared agent’s turn');
    // Codex ran after the setup, in the same worktree: its command read what the setup wrote.
    expect(fs.readFileSync(path.join(worktree, 'seen.txt'), 'utf8')).toBe('ready');
    expect(hooked.core.history(prepared)).toContain('worktree setup: echo installing; printf ready > .setup-done');
    expect(hooked.core.history(prepared)).toContain('installing');

    hooked.core.updateSettings({ worktreeSetupCommand: 'echo no lockfile >&2; exit 3' });
    const broken = await launchIsolated('broken', 'broken');
    await waitFor(() => (fixture.agent(broken).status === 'exited' || fixture.agent(broken).status === 'failed' ? true : null), 'the broken setup to end the agent');
    expect(fixture.agent(broken).exitCode).toBe(3);
    expect(hooked.core.history(broken)).toContain('The worktree setup command failed (exit 3); Codex was not started.');
    expect(model.lastInput('broken')).toBe('');
  });
});

describe('switchyard launch --isolated', () => {
  it('launches an isolated agent from the CLI; status names its branch, review marks its file isolated, locks mark its claim advisory', async () => {
    const model = await startModelServer();
    const home = makeCodexHome(model.baseUrl);
    const repo = makeTempRepo();
    const serve = await startServe(repo.dir, cliEnv({ ...home.env, CODEX_HOME: home.dir }));
    try {
      const cli = (...args: string[]) => serve.cli(...args, '--repo', repo.dir);
      model.script('cli-iso', [addFileStep('from-cli.txt', 'isolated'), { kind: 'message', text: 'done', delayMs: 60_000 }]);
      const run = await cli('launch', '--name', 'cli iso', '--task', 'write it [scenario:cli-iso]', '--claim', 'from-cli.txt', '--isolated', '--json');
      expect(run.stderr).toBe('');
      const { id } = JSON.parse(run.stdout) as { id: string };
      const worktree = path.join(repo.dir, '.agents', 'worktrees', id);
      await waitFor(() => fs.existsSync(path.join(worktree, 'from-cli.txt')), 'the isolated agent to write in its worktree', 60_000);
      expect(repo.exists('from-cli.txt')).toBe(false);

      const status = await cli('status');
      expect(status.stdout).toContain(`${id} is isolated: branch switchyard/cli-iso in ${worktree}`);
      const review = JSON.parse((await cli('review', '--json')).stdout) as ReviewReport;
      expect(review.groups.find((g) => g.agentId === id)?.files).toEqual([{ path: 'from-cli.txt', attribution: 'exact', added: 1, removed: 0, isolated: true }]);
      const locks = await cli('locks');
      expect(locks.stdout).toMatch(/from-cli\.txt .*\(advisory: isolated agent\)/);

      // cleanup --worktrees stops it and keeps its worktree: discarding would lose its file.
      const kept = await cli('cleanup', '--yes', '--worktrees');
      expect(kept.code).toBe(0);
      expect(kept.stdout).toContain(`Kept cli iso's worktree ${worktree}. Discarding switchyard/cli-iso would lose`);
      expect(fs.existsSync(worktree)).toBe(true);
      // Brought back by a merge, it loses nothing, and the next cleanup discards worktree and branch.
      const merged = await cli('commit', '--per-agent', '--isolated', 'merge');
      expect(merged.code).toBe(0);
      expect(repo.read('from-cli.txt')).toBe('isolated\n');
      const discarded = await cli('cleanup', '--yes', '--worktrees');
      expect(discarded.stdout).toContain("Discarded cli iso's worktree and branch switchyard/cli-iso: Nothing would be lost");
      expect(fs.existsSync(worktree)).toBe(false);
      expect(repo.git('branch', '--list', 'switchyard/cli-iso').trim()).toBe('');
    } finally {
      await serve.stop();
      await model.close();
      home.remove();
      repo.remove();
    }
  });
});
