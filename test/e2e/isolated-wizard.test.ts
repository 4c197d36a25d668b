/**
 * Isolated agents in the browser UI of `switchyard serve`, with real Codex agents (scripted model)
 * launched isolated: the commit wizard lists each agent's branch as one group; a branch that
 * conflicts with the shared branch is left out and its conflicted file shows git's conflict markers
 * in the diff viewer; the other comes back squashed as one commit and its file lands in the shared
 * tree, the user's staged change still staged. Then the agent pane's Discard… says what would be
 * lost before removing a worktree, and `switchyard rm` refuses to discard a branch with unmerged
 * work without --force, saying what would be lost. Last, Move to shared previews another agent's
 * files, stops its Codex and writes them into the shared tree as that agent's; and `switchyard
 * commit` leaves isolated branches out unless `--isolated MODE` brings them back. Needs `npm run build`.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentListItem, chromiumForSuite, saveScreenshot, startBrowserApp, type BrowserApp } from '../harness/browser-app';
import { connectWs, type HostWsClient } from '../harness/host-clients';
import { addFileStep, updateFileStep } from '../harness/model-server';
import type { Agent } from '../../src/shared/domain';

const executablePath = chromiumForSuite('isolated agents e2e');

describe.skipIf(!executablePath)('isolated agents in the browser UI', () => {
  let app: BrowserApp | undefined;
  let page: Page;
  let client: HostWsClient;

  beforeAll(async () => {
    app = await startBrowserApp(executablePath!, { viewport: { width: 1400, height: 900 } });
    page = app.page;
    client = await connectWs(app.serve);
  });
  afterAll(async () => {
    client?.close();
    await app?.close();
  });

  const agents = async (): Promise<Agent[]> => ((await client.invoke('agents.list', {})) as { value: { agents: Agent[] } }).value.agents;
  const launchIsolated = async (name: string, scenario: string): Promise<Agent> => {
    const answer = (await client.invoke('agents.launch', { name, task: `Rework ${name} [scenario:${scenario}]`, isolated: true })) as { ok: boolean; value: { id: string } };
    expect(answer.ok).toBe(true);
    return (await agents()).find((a) => a.id === answer.value.id)!;
  };

  it('brings one branch back squashed, shows the other one\'s conflict, and discards only after saying what would be lost', async () => {
    const { repo, model } = app!;
    repo.write('src/a.ts', 'export const a = "base";\n');
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'base');

    model.script('iso-loner', [addFileStep('src/new.ts', 'export const n = 1;'), { kind: 'message', text: 'done' }]);
    model.script('iso-clash', [updateFileStep('src/a.ts', 'export const a = "base";', ['export const a = "clash";']), { kind: 'message', text: 'done' }]);
    const loner = await launchIsolated('loner', 'iso-loner');
    const clash = await launchIsolated('clash', 'iso-clash');
    await page.getByRole('status').filter({ hasText: 'loner finished its task' }).waitFor({ timeout: 90_000 });
    await page.getByRole('status').filter({ hasText: 'clash finished its task' }).waitFor({ timeout: 90_000 });
    expect(repo.exists('src/new.ts')).toBe(false);
    expect(fs.readFileSync(`${clash.workspace!.path}/src/a.ts`, 'utf8')).toBe('export const a = "clash";\n');

    // Meanwhile on main: the same line, otherwise. And the user's own staged work.
    repo.write('src/a.ts', 'export const a = "main";\n');
    repo.git('commit', '-q', '-am', 'main edits a');
    repo.write('user-notes.txt', 'mine, staged\n');
    repo.git('add', 'user-notes.txt');
    const before = repo.git('rev-parse', 'HEAD').trim();

    // 1. Plan: each branch is one group; clash's conflicts and is left out.
    await page.getByRole('button', { name: 'Commit…' }).click();
    const wizard = page.getByRole('dialog', { name: 'Commit the agents’ work' });
    const section = wizard.getByRole('region', { name: 'Isolated agents' });
    await section.waitFor({ timeout: 30_000 });
    const lonerCard = section.getByRole('listitem', { name: /^loner — branch switchyard\/loner$/ });
    const clashCard = section.getByRole('listitem', { name: /^clash — branch switchyard\/clash$/ });
    expect(await lonerCard.getByRole('checkbox', { name: /^Bring back loner/ }).isChecked()).toBe(true);
    expect(await clashCard.getByRole('checkbox', { name: /^Bring back clash/ }).isChecked()).toBe(false);
    expect(await clashCard.getByTestId('isolated-conflicts').innerText()).toContain('src/a.ts');
    await clashCard.getByRole('button', { name: 'src/a.ts', exact: true }).click();
    const conflictDiff = clashCard.getByTestId('diff-viewer');
    await expect.poll(() => conflictDiff.innerText(), { timeout: 30_000 }).toContain('<<<<<<<');
    expect(await conflictDiff.innerText()).toContain('>>>>>>>');
    await saveScreenshot(wizard, 'isolated-conflict.png');

    // Squash loner's branch into one commit.
    await lonerCard.getByRole('combobox', { name: /^How to bring back loner/ }).selectOption('squash');
    await expect.poll(() => lonerCard.getByRole('combobox', { name: /^How to bring back loner/ }).inputValue()).toBe('squash');
    await wizard.getByRole('button', { name: 'Next: Review' }).click();
    await wizard.getByRole('button', { name: 'Next: Messages' }).click();
    expect((await wizard.getByLabel(/^Message for loner/).inputValue()).split('\n')[0]).toBe('Rework loner [scenario:iso-loner]');
    await wizard.getByRole('button', { name: 'Next: Strategy' }).click();
    await wizard.locator('footer').getByRole('button', { name: 'Commit', exact: true }).click();
    const summary = wizard.getByTestId('commit-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.getAttribute('data-status')).toBe('completed');
    await wizard.locator('footer').getByRole('button', { name: 'Done' }).click();

    // Real git: one squashed commit with loner's file, on disk too; clash's line is not in; the user's file still staged.
    expect(repo.git('rev-list', `${before}..HEAD`).trim().split('\n')).toHaveLength(1);
    expect(repo.git('show', '--name-only', '--format=', 'HEAD').trim()).toBe('src/new.ts');
    expect(repo.read('src/new.ts')).toBe('export const n = 1;\n');
    expect(repo.read('src/a.ts')).toBe('export const a = "main";\n');
    expect(repo.git('status', '--porcelain')).toBe('A  user-notes.txt\n');

    // 2. Discard… on loner's pane: nothing would be lost (squashed back), then it is gone.
    await client.invoke('agents.stop', { id: loner.id, force: false });
    await client.invoke('agents.stop', { id: clash.id, force: false });
    await agentListItem(page, 'loner').getByRole('button', { name: 'loner', exact: true }).click();
    await page.getByRole('group', { name: 'Actions on loner' }).getByRole('button', { name: 'Discard…' }).click();
    const discard = page.getByRole('dialog', { name: 'Discard loner’s worktree?' });
    await expect.poll(() => discard.getByTestId('isolation-loss').innerText(), { timeout: 30_000 }).toMatch(/^Nothing would be lost/);
    await discard.getByRole('button', { name: 'Discard worktree and branch' }).click();
    await discard.waitFor({ state: 'hidden' });
    expect(fs.existsSync(loner.workspace!.path)).toBe(false);
    expect(repo.git('branch', '--list', 'switchyard/loner').trim()).toBe('');

    // 3. The command line will not discard clash's unmerged work without --force, and says what it holds.
    const refused = await app!.serve.cli('rm', '--repo', repo.dir, 'clash');
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stderr).toMatch(/Discarding switchyard\/clash would lose 1 file changed \(src\/a\.ts\)/);
    expect(refused.stderr).toContain('Nothing was removed');
    expect(fs.existsSync(clash.workspace!.path)).toBe(true);
    const forced = await app!.serve.cli('rm', '--repo', repo.dir, 'clash', '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('discarded');
    expect(fs.existsSync(clash.workspace!.path)).toBe(false);
  });

  it('moves an isolated agent\'s work into the shared tree from its pane, after a preview, as that agent\'s', async () => {
    const { repo, model } = app!;
    model.script('iso-mover', [addFileStep('docs/moved.md', 'moved by mover'), { kind: 'message', text: 'done' }]);
    const mover = await launchIsolated('mover', 'iso-mover');
    await page.getByRole('status').filter({ hasText: 'mover finished its task' }).waitFor({ timeout: 90_000 });
    expect(repo.exists('docs/moved.md')).toBe(false);

    await agentListItem(page, 'mover').getByRole('button', { name: 'mover', exact: true }).click();
    await page.getByRole('group', { name: 'Actions on mover' }).getByRole('button', { name: 'Move to shared' }).click();
    const dialog = page.getByRole('dialog', { name: 'Move mover’s work into the shared tree?' });
    const files = dialog.getByRole('list', { name: 'Files to move' });
    await files.waitFor({ timeout: 30_000 });
    expect(await files.innerText()).toContain('docs/moved.md');
    expect(await dialog.getByTestId('diff-viewer').innerText()).toContain('moved by mover');
    // Codex still runs in its worktree (its task is done, its terminal open): the move stops it first.
    await dialog.getByRole('button', { name: 'Stop mover and move' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 60_000 });

    expect(repo.read('docs/moved.md')).toBe('moved by mover\n');
    expect(fs.existsSync(mover.workspace!.path)).toBe(false);
    const after = (await agents()).find((a) => a.id === mover.id)!;
    expect(after.workspace).toBeNull();
    expect(after.status).toBe('stopped');
    // The moved file is the agent's in the shared tree: the wizard's plan gives it to its group.
    const planned = (await client.invoke('commit.plan', {})) as { value: { plan: { groups: Array<{ agentId: string | null; files: Array<{ path: string }> }> } } };
    const group = planned.value.plan.groups.find((g) => g.agentId === mover.id);
    expect(group?.files.map((f) => f.path)).toEqual(['docs/moved.md']);
  });

  it('switchyard commit leaves isolated branches out unless --isolated says how, then merges one back', async () => {
    const { repo, model } = app!;
    model.script('iso-cli', [addFileStep('cli.txt', 'from the command line'), { kind: 'message', text: 'done' }]);
    const agent = await launchIsolated('clia', 'iso-cli');
    await page.getByRole('status').filter({ hasText: 'clia finished its task' }).waitFor({ timeout: 90_000 });

    const dry = await app!.serve.cli('commit', '--repo', repo.dir, '--per-agent', '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('clia — branch switchyard/clia: 0 commit(s), 1 uncommitted file(s), 1 file(s) changed; left out (pass --isolated merge|squash|cherry-pick to bring it back)');

    const run = await app!.serve.cli('commit', '--repo', repo.dir, '--per-agent', '--isolated', 'merge');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/committed [0-9a-f]{12} {2}clia — branch switchyard\/clia: 1 file\(s\)/);
    expect(repo.git('log', '-1', '--format=%P').trim().split(' ')).toHaveLength(2);
    expect(repo.git('log', '-1', '--format=%s').trim()).toBe("Merge branch 'switchyard/clia' (clia)");
    expect(repo.read('cli.txt')).toBe('from the command line\n');
    expect(repo.git('merge-base', '--is-ancestor', 'switchyard/clia', 'HEAD')).toBe('');
    expect(fs.existsSync(agent.workspace!.path)).toBe(true);
  });
});
