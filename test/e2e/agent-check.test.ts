/**
 * The check after an agent as a user sees it in the browser UI of `switchyard serve`: the setting
 * turned on in Settings, a real Codex agent (against the scripted model) breaks the repository's
 * test, its check starts by itself when it finishes and shows "check failed" in the agent list;
 * the pane's button opens the output, and Roll back this agent previews each file's diff and
 * restores exactly the agent's files. Needs `npm run build`.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentListItem, chromiumForSuite, saveScreenshot, startBrowserApp, type BrowserApp } from '../harness/browser-app';
import { addFileStep, updateFileStep, type ModelServer } from '../harness/model-server';
import { waitFor } from '../harness/processes';
import type { TempRepo } from '../harness/temp-repo';

const executablePath = chromiumForSuite('agent check e2e');

describe.skipIf(!executablePath)('the check after an agent in the browser UI', () => {
  let app: BrowserApp | undefined;
  let model: ModelServer;
  let repo: TempRepo;
  let page: Page;

  beforeAll(async () => {
    app = await startBrowserApp(executablePath!, { viewport: { width: 1400, height: 900 } });
    ({ model, repo, page } = app);
    repo.write('value.txt', 'ok\n');
    repo.git('add', 'value.txt');
    repo.git('commit', '-q', '-m', 'value');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the failed check with its output, and rolls the agent back after a preview', { timeout: 180_000 }, async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('Test command before committing').fill('cat value.txt; grep -qx ok value.txt');
    await settings.getByLabel('Check each agent when it finishes its task').check();
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.waitFor({ state: 'hidden' });

    model.script('check-alpha', [updateFileStep('value.txt', 'ok', ['broken']), addFileStep('src/alpha.ts', 'export const alpha = 1;'), { kind: 'message', text: 'alpha done' }]);
    await page.getByRole('button', { name: 'New agent' }).click();
    const form = page.getByRole('dialog', { name: 'New agent' });
    await form.getByLabel('Name').fill('alpha');
    await form.getByLabel('Task').fill('Break value.txt [scenario:check-alpha]');
    await form.getByRole('button', { name: 'Start' }).click();
    await form.waitFor({ state: 'detached' });

    // The check starts by itself when alpha finishes its task, and its badge says how it went.
    const badge = agentListItem(page, 'alpha').locator('[data-check-state]');
    await badge.and(page.locator('[data-check-state="failed"]')).waitFor({ timeout: 120_000 });
    expect(await badge.innerText()).toBe('check failed');
    await saveScreenshot(page, 'agent-check-badge.png');

    await agentListItem(page, 'alpha').getByRole('button', { name: 'alpha', exact: true }).click();
    await page.getByRole('button', { name: 'Check failed' }).click();
    const dialog = page.getByRole('dialog', { name: 'Check of alpha' });
    const output = dialog.getByLabel('Check output');
    expect((await output.innerText()).trim()).toBe('broken');
    expect(await dialog.getByRole('status').innerText()).toContain('exited with 1 on HEAD plus 2 file(s) of the agent');
    await saveScreenshot(dialog, 'agent-check-failed.png');

    await dialog.getByRole('button', { name: 'Roll back this agent…' }).click();
    const rollback = page.getByRole('dialog', { name: 'Roll back alpha' });
    const files = rollback.getByRole('list', { name: 'Files to roll back' });
    await files.waitFor();
    expect(await files.getByRole('listitem').evaluateAll((items) => items.map((i) => i.getAttribute('data-path')))).toEqual(['src/alpha.ts', 'value.txt']);
    // The preview is the diff viewer: from what the file holds now back to before alpha.
    await files.getByRole('button', { name: 'value.txt' }).click();
    const diff = rollback.getByTestId('diff-viewer');
    await expect.poll(() => diff.innerText()).toContain('broken');
    expect(await diff.innerText()).toContain('ok');
    await saveScreenshot(rollback, 'agent-rollback-preview.png');

    await rollback.getByRole('button', { name: 'Roll back 2 file(s)' }).click();
    await rollback.waitFor({ state: 'hidden' });
    await waitFor(() => !repo.exists('src/alpha.ts') && repo.read('value.txt') === 'ok\n', 'the rollback to reach the files', 30_000);
    await page.getByRole('status').filter({ hasText: 'Rolled back alpha: 2 file(s) restored' }).waitFor();
  });
});
