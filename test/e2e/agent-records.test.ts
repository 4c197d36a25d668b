/**
 * An agent's record as a user manages it in the browser UI of `switchyard serve`, with real Codex
 * agents against the scripted model: a claim outside the repository refused in the launch form
 * (and never kept), a taken name suffixed and said so, Run again from an ended agent, Rename, and
 * Remove of an ended agent.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentListItem, agentStatusInList, chromiumForSuite, startBrowserApp, type BrowserApp } from '../harness/browser-app';
import type { ModelServer } from '../harness/model-server';
import type { ServeProcess } from '../harness/serve-process';
import type { TempRepo } from '../harness/temp-repo';

const executablePath = chromiumForSuite('agent records e2e');

interface MonitorJson {
  agents: Array<{ id: string; name: string; claims: string[] }>;
  duplicates: unknown[];
}

describe.skipIf(!executablePath)('agent records in the browser UI', () => {
  let app: BrowserApp | undefined;
  let model: ModelServer;
  let repo: TempRepo;
  let serve: ServeProcess;
  let page: Page;

  const item = (name: string): Locator => agentListItem(page, name);
  const statusOf = (name: string): Promise<string | null> => agentStatusInList(page, name);
  const pane = (name: string): Locator => page.getByRole('region', { name: `Terminal of ${name}`, exact: true });
  const monitor = async (): Promise<MonitorJson> => JSON.parse((await serve.cli('monitor', '--repo', repo.dir, '--json')).stdout) as MonitorJson;

  beforeAll(async () => {
    app = await startBrowserApp(executablePath!, { viewport: { width: 1400, height: 860 } });
    ({ model, repo, serve, page } = app);
    // Each agent answers once and then idles in its interactive Codex.
    model.script('record-keeper', [{ kind: 'message', text: 'kept the records' }]);
    model.script('record-other', [{ kind: 'message', text: 'did something else' }]);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('refuses a claim outside the repository in the form, with the reason, and never keeps it', async () => {
    await page.getByRole('button', { name: 'New agent' }).click();
    const dialog = page.getByRole('dialog', { name: 'New agent' });
    await dialog.getByLabel('Name').fill('keeper');
    await dialog.getByLabel('Task').fill('Keep the records in order [scenario:record-keeper]');

    // Enter in "Files it owns" adds the claim: the core checks it first and says why not.
    const claimField = dialog.getByLabel('Files it owns');
    await claimField.fill('../outside.txt');
    await claimField.press('Enter');
    const problem = dialog.getByRole('alert').filter({ hasText: '../outside.txt' });
    await problem.waitFor();
    expect(await problem.innerText()).toContain('outside the repository');
    expect(await claimField.inputValue()).toBe('../outside.txt');
    expect(await claimField.getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.getByRole('list', { name: 'Claims it will hold' }).count()).toBe(0);

    // Typed but not added, it still counts at Start: the launch is refused with the reason.
    await claimField.fill('/etc/passwd');
    await dialog.getByRole('button', { name: 'Start' }).click();
    const refused = dialog.getByRole('alert').filter({ hasText: 'Cannot claim /etc/passwd' });
    await refused.waitFor();
    expect(await refused.innerText()).toContain('outside the repository');
    expect(await dialog.isVisible()).toBe(true);
    expect((await monitor()).agents).toEqual([]);

    // A claim inside the repository is added as the lock table spells it; the agent starts with it alone.
    await claimField.fill('./records/');
    await claimField.press('Enter');
    await dialog.getByRole('list', { name: 'Claims it will hold' }).getByRole('listitem').filter({ hasText: 'records/' }).waitFor();
    await dialog.getByRole('button', { name: 'Start' }).click();
    await dialog.waitFor({ state: 'detached' });
    await item('keeper').waitFor();

    await page.getByRole('button', { name: 'New agent' }).click();
    await page.getByLabel('Name').fill('other');
    await page.getByLabel('Task').fill('Rewrite the changelog wording [scenario:record-other]');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await item('other').waitFor();

    const snapshot = await monitor();
    expect(snapshot.agents.map((a) => [a.name, a.claims])).toEqual([['keeper', ['records/']], ['other', []]]);
    expect(snapshot.duplicates).toEqual([]);
  });

  it('runs an ended agent again under a suffixed name, renames it, and removes the ended one, by keyboard', async () => {
    await item('keeper').getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(() => statusOf('keeper'), { timeout: 20_000 }).toBe('stopped');
    await item('keeper').getByRole('button', { name: 'keeper', exact: true }).click();

    // Run again: the form comes back with the ended agent's task, claims and priority.
    await pane('keeper').getByRole('button', { name: 'Run again' }).click();
    const dialog = page.getByRole('dialog', { name: 'Run again' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Name').inputValue()).toBe('keeper');
    expect(await dialog.getByLabel('Task').inputValue()).toBe('Keep the records in order [scenario:record-keeper]');
    expect(await dialog.getByLabel('Priority').inputValue()).toBe('0');
    expect(await dialog.getByRole('list', { name: 'Claims it will hold' }).getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringContaining('records/'),
    ]);
    await dialog.getByRole('button', { name: 'Start' }).click();
    await dialog.waitFor({ state: 'detached' });

    // "keeper" (stopped) keeps its name: the new one is "keeper (2)", and a toast says why.
    await item('keeper (2)').waitFor();
    await page.getByRole('status').filter({ hasText: 'Another agent is already named "keeper", so this one is "keeper (2)".' }).waitFor();

    // Rename by keyboard: the field takes the focus; Enter saves.
    await item('keeper (2)').getByRole('button', { name: 'keeper (2)', exact: true }).click();
    await pane('keeper (2)').getByRole('button', { name: 'Rename' }).focus();
    await page.keyboard.press('Enter');
    const field = page.getByLabel('New name for keeper (2)');
    await field.waitFor();
    // A name another agent has is refused, next to the field.
    await field.fill('OTHER');
    await page.keyboard.press('Enter');
    await pane('keeper (2)').getByRole('alert').filter({ hasText: 'Another agent is already named "other"' }).waitFor();
    await field.fill('second keeper');
    await page.keyboard.press('Enter');
    await item('second keeper').waitFor();

    // Remove the ended "keeper", by keyboard: the confirm takes the focus, Enter confirms.
    await item('keeper').getByRole('button', { name: 'keeper', exact: true }).click();
    await pane('keeper').getByRole('button', { name: 'Remove' }).focus();
    await page.keyboard.press('Enter');
    await pane('keeper').getByRole('group', { name: 'Remove keeper?' }).waitFor();
    await page.keyboard.press('Enter');
    await item('keeper').waitFor({ state: 'detached' });

    const names = (await monitor()).agents.map((a) => a.name);
    expect(names).toEqual(['other', 'second keeper']);
  });

  it('refuses to remove an agent that still runs', async () => {
    const result = await serve.cli('rm', '--repo', repo.dir, 'other');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('stop it before removing it');
    expect(await item('other').count()).toBe(1);
  });
});
