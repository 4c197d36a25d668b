/**
 * A tidy sidebar and a window that remembers, in the browser UI of `switchyard serve` with three
 * real Codex agents: ended agents gather in a foldable "Ended (N)" section below the live ones,
 * Alt+1…9 and the tabs count the live agents first, the layout, selection, Monitor and fold come
 * back after a reload and per repository, and "Clear ended" (after the app's own confirm) removes
 * the ended agents from the list while the orchestrator's log of them stays.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumForSuite, startBrowserApp, type BrowserApp } from '../harness/browser-app';
import type { ServeProcess } from '../harness/serve-process';
import { makeTempRepo, type TempRepo } from '../harness/temp-repo';

const executablePath = chromiumForSuite('ended agents e2e');

describe.skipIf(!executablePath)('ended agents and remembered UI in the browser UI', () => {
  let app: BrowserApp | undefined;
  let repo: TempRepo;
  let otherRepo: TempRepo | undefined;
  let serve: ServeProcess;
  let page: Page;
  const ids: Record<string, string> = {};

  const liveList = (): Locator => page.getByRole('list', { name: 'Agents', exact: true });
  const endedList = (): Locator => page.getByRole('list', { name: 'Ended agents', exact: true });
  const endedToggle = (): Locator => page.locator('.sidebar').getByRole('button', { name: /^Ended \(\d+\)$/ });
  const sidebarAgent = (name: string): Locator => page.locator('.sidebar').getByRole('button', { name, exact: true });
  const terminalOf = (name: string): Locator => page.getByRole('region', { name: `Terminal of ${name}` });
  const button = (name: string): Locator => page.getByRole('button', { name, exact: true });
  const idsIn = (list: Locator): Promise<string[]> =>
    list.locator('.agent-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-agent-id') ?? ''));
  const stop = async (name: string): Promise<void> => {
    const result = await serve.cli('stop', '--repo', repo.dir, ids[name]!);
    expect(result.code, result.stderr).toBe(0);
  };
  const openRepo = async (dir: string): Promise<void> => {
    await page.getByLabel('Repository path').fill(dir);
    await button('Open').click();
    await page.getByTestId('repo-path').filter({ hasText: dir }).waitFor();
  };
  const reload = async (): Promise<void> => {
    await page.reload();
    await page.getByTestId('repo-path').filter({ hasText: repo.dir }).waitFor();
  };

  beforeAll(async () => {
    app = await startBrowserApp(executablePath!, { viewport: { width: 1300, height: 800 } });
    ({ repo, serve, page } = app);
    app.model.script('ended-idle', [{ kind: 'message', text: 'hello, idling' }]);
    for (const name of ['alpha', 'beta', 'gamma']) {
      const result = await serve.cli('launch', '--repo', repo.dir, '--name', name, '--task', `Say hello as ${name} [scenario:ended-idle]`, '--json');
      expect(result.code, result.stderr).toBe(0);
      ids[name] = (JSON.parse(result.stdout) as { id: string }).id;
    }
    for (const name of ['alpha', 'beta', 'gamma']) {
      await page.getByRole('status').filter({ hasText: `${name} finished its task` }).waitFor({ timeout: 60_000 });
    }
    await stop('alpha');
  });
  afterAll(async () => {
    await app?.close();
    otherRepo?.remove();
  });

  it('ended agents sit in "Ended (N)" below the live ones; Alt+1…9 and the tabs count the live first', async () => {
    await expect.poll(() => endedToggle().textContent()).toMatch(/Ended \(1\)$/);
    expect(await idsIn(liveList())).toEqual([ids.beta, ids.gamma]);
    expect(await idsIn(endedList())).toEqual([ids.alpha]);
    expect(await sidebarAgent('alpha').getAttribute('title')).toBe('Alt+3');

    await page.keyboard.press('Alt+Digit1');
    await terminalOf('beta').waitFor();
    await page.keyboard.press('Alt+Digit3');
    await terminalOf('alpha').waitFor();
    await page.keyboard.press('Alt+Digit2');
    await terminalOf('gamma').waitFor();
    const tabs = page.getByRole('tablist', { name: 'Agents’ terminals' }).getByRole('tab');
    expect(await tabs.evaluateAll((found) => found.map((tab) => tab.getAttribute('data-agent-id')))).toEqual([ids.beta, ids.gamma, ids.alpha]);
  });

  it('the fold, layout, selection and Monitor come back after a reload, and per repository', async () => {
    await endedToggle().click();
    expect(await endedToggle().getAttribute('aria-expanded')).toBe('false');
    await endedList().waitFor({ state: 'detached' });
    await button('Grid').click();
    await sidebarAgent('beta').click();
    await button('Monitor').click();
    expect(await button('Monitor').getAttribute('aria-expanded')).toBe('true');

    await reload();
    expect(await endedToggle().getAttribute('aria-expanded')).toBe('false');
    expect(await endedList().count()).toBe(0);
    expect(await button('Grid').getAttribute('aria-pressed')).toBe('true');
    expect(await button('Monitor').getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => sidebarAgent('beta').getAttribute('aria-current')).toBe('true');

    // Another repository (the core switches only once no agent runs) keeps its own choices.
    await stop('beta');
    await stop('gamma');
    await expect.poll(() => endedToggle().textContent()).toMatch(/Ended \(3\)$/);
    otherRepo = makeTempRepo();
    await openRepo(otherRepo.dir);
    await page.getByText('No agents yet.').waitFor();
    await button('Tabs').click();
    await button('Monitor').click();
    expect(await button('Monitor').getAttribute('aria-expanded')).toBe('false');

    await openRepo(repo.dir);
    await expect.poll(() => button('Grid').getAttribute('aria-pressed')).toBe('true');
    expect(await button('Monitor').getAttribute('aria-expanded')).toBe('true');
    expect(await endedToggle().getAttribute('aria-expanded')).toBe('false');
    await endedToggle().click();
    await expect.poll(() => sidebarAgent('beta').getAttribute('aria-current')).toBe('true');

    await openRepo(otherRepo.dir);
    await expect.poll(() => button('Tabs').getAttribute('aria-pressed')).toBe('true');
    expect(await button('Monitor').getAttribute('aria-expanded')).toBe('false');
    await openRepo(repo.dir);
    await reload();
    expect(await button('Grid').getAttribute('aria-pressed')).toBe('true');
    expect(await endedToggle().getAttribute('aria-expanded')).toBe('true');
  });

  it('Clear ended asks in the app’s dialog; Cancel keeps them, confirming removes them and their log stays', async () => {
    const dialog = page.getByRole('dialog', { name: 'Clear ended agents' });
    await button('Clear ended').click();
    await dialog.waitFor();
    expect(await dialog.innerText()).toMatch(/Remove 3 ended agents from the list\?/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await idsIn(endedList())).toEqual([ids.alpha, ids.beta, ids.gamma]);

    await button('Clear ended').click();
    await dialog.getByRole('button', { name: 'Clear ended' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('No agents yet.').waitFor();
    expect(await endedToggle().count()).toBe(0);
    const log = fs.readFileSync(path.join(repo.dir, '.agents', 'orchestrator.log'), 'utf8');
    for (const id of Object.values(ids)) expect(log).toContain(id);
    // Gone from the core too, not only from this page.
    await reload();
    await page.getByText('No agents yet.').waitFor();
  });
});
