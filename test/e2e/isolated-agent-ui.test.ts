/**
 * An isolated agent from the browser UI of `switchyard serve`, with a real Codex agent: the
 * new-agent form's "Isolated (own worktree and branch)" box starts it in its own worktree, its
 * list entry and terminal pane show its branch, the worktree setup command from Settings runs in
 * its terminal first, and its file lands in the worktree only.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addFileStep, type ModelServer } from '../harness/model-server';
import { agentListItem, chromiumForSuite, startBrowserApp, type BrowserApp } from '../harness/browser-app';
import { waitFor } from '../harness/processes';
import type { ServeProcess } from '../harness/serve-process';
import type { TempRepo } from '../harness/temp-repo';

const executablePath = chromiumForSuite('isolated agent e2e');

describe.skipIf(!executablePath)('isolated agents in the browser UI', () => {
  let app: BrowserApp | undefined;
  let model: ModelServer;
  let repo: TempRepo;
  let serve: ServeProcess;
  let page: Page;

  beforeAll(async () => {
    app = await startBrowserApp(executablePath!, { viewport: { width: 1400, height: 900 } });
    ({ model, repo, serve, page } = app);
    model.script('iso-ui', [addFileStep('island.txt', 'alone'), { kind: 'message', text: 'done' }]);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('starts an agent isolated from the form and shows its branch on its entry and pane', async () => {
    // The worktree's setup comes from Settings and runs in the agent's terminal before Codex.
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('Setup command for isolated worktrees').fill('echo preparing > prepared.txt');
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'New agent' }).click();
    const dialog = page.getByRole('dialog', { name: 'New agent' });
    await dialog.getByLabel('Name').fill('island');
    await dialog.getByLabel('Task').fill('Write island.txt [scenario:iso-ui]');
    await dialog.getByRole('checkbox', { name: 'Isolated (own worktree and branch)' }).check();
    await dialog.getByText('Bring its work back with the commit wizard').waitFor();
    await dialog.getByRole('button', { name: 'Start' }).click();
    await dialog.waitFor({ state: 'detached' });

    const entry = agentListItem(page, 'island');
    await entry.getByText('⎇ switchyard/island').waitFor();
    await page.getByRole('region', { name: 'Terminal of island' }).getByText('⎇ switchyard/island').waitFor();

    const status = JSON.parse((await serve.cli('status', '--repo', repo.dir, '--json')).stdout) as { agents: Array<{ id: string; name: string; workspace?: { path: string } }> };
    const island = status.agents.find((a) => a.name === 'island')!;
    expect(island.workspace?.path).toBe(path.join(repo.dir, '.agents', 'worktrees', island.id));
    await waitFor(() => fs.existsSync(path.join(island.workspace!.path, 'island.txt')), 'the agent to write in its worktree');
    expect(repo.exists('island.txt')).toBe(false);
    // The setup ran in the new worktree (its output scrolled under Codex's screen as Codex started).
    expect(fs.readFileSync(path.join(island.workspace!.path, 'prepared.txt'), 'utf8')).toBe('preparing\n');
  });
});
