/**
 * The connection switcher (issue 16) with a real second Switchyard: the window, served for one
 * repository, adds the `serve` of another repository on this machine through the header switcher,
 * shows that instance's agent, and follows it when it is killed (a banner that says it
 * reconnects) and started again on the same repository with a new port and token (it reconnects).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentListItem, chromiumForSuite, saveScreenshot, startBrowserApp, type BrowserApp } from '../harness/browser-app';
import { startServe, type ServeProcess } from '../harness/serve-process';
import { makeTempRepo, type TempRepo } from '../harness/temp-repo';

const executablePath = chromiumForSuite('connections e2e');

describe.skipIf(!executablePath)('switching the window to another Switchyard on this machine', () => {
  let app: BrowserApp | undefined;
  let page: Page;
  let farRepo: TempRepo | undefined;
  let far: ServeProcess | undefined;

  const switcher = () => page.getByTestId('connection-switcher');
  const repoPath = () => page.getByTestId('repo-path');

  beforeAll(async () => {
    app = await startBrowserApp(executablePath!, { viewport: { width: 1300, height: 760 } });
    page = app.page;
    farRepo = makeTempRepo();
    // The same runtime directory: the window's host finds the other serve in the instance registry.
    far = await startServe(farRepo.dir, app.serve.env);
    app.model.script('far-agent', [{ kind: 'message', text: 'hello from the other repository' }]);
    const launched = await far.cli('launch', '--repo', farRepo.dir, '--name', 'far agent', '--task', 'Say hello [scenario:far-agent]', '--json');
    expect(launched.stderr).toBe('');
    expect(launched.code).toBe(0);
  });
  afterAll(async () => {
    await far?.stop();
    await app?.close();
    farRepo?.remove();
  });

  it('lists this window’s core first and adds the other repository from the switcher, then shows it', async () => {
    await switcher().click();
    const list = page.getByRole('listbox', { name: 'Connections' });
    expect(await list.getByRole('option').allInnerTexts()).toEqual([`This window’s core\n${app!.repo.dir}`]);
    // The switcher's own (the Open row has one too).
    await page.locator('.connection-popup').getByRole('button', { name: 'Add connection…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add connection' });
    await dialog.getByLabel('Repository path').fill(farRepo!.dir);
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await repoPath().filter({ hasText: farRepo!.dir }).waitFor();
    await agentListItem(page, 'far agent').waitFor();
    expect(await switcher().innerText()).toContain(farRepo!.dir.split('/').pop());
    // At 1300 px the header still holds everything on one row, nothing over anything else.
    const boxes = await page.locator('.app-header').evaluate((header) =>
      ['[data-testid="connection-switcher"]', '[data-testid="repo-path"]', '#repo-path-input', '.repo-form button', '.add-connection-button', '.codex-badge', '.header-actions > button']
        .map((selector) => header.querySelector(selector)!.getBoundingClientRect())
        .map((rect) => ({ left: rect.left, right: rect.right })),
    );
    for (let i = 1; i < boxes.length; i++) {
      expect(boxes[i]!.left, `item ${i} starts after item ${i - 1} ends`).toBeGreaterThanOrEqual(boxes[i - 1]!.right);
    }
    // The address names the connection, so a reload comes back to it.
    expect(new URL(page.url()).searchParams.get('connection')).toBe('c1');
  });

  it('switches back to its own repository and again to the other one with the keyboard', async () => {
    await switcher().click();
    await page.getByRole('option', { name: /This window’s core/ }).click();
    await repoPath().filter({ hasText: app!.repo.dir }).waitFor();
    await expect.poll(() => agentListItem(page, 'far agent').count()).toBe(0);

    await switcher().focus();
    await page.keyboard.press('Enter');
    const list = page.getByRole('listbox', { name: 'Connections' });
    await expect.poll(() => list.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('ArrowDown');
    expect(await list.getAttribute('aria-activedescendant')).toBe('connection-option-c1');
    await saveScreenshot(page, 'connections-local.png');
    await page.keyboard.press('Enter');
    await repoPath().filter({ hasText: farRepo!.dir }).waitFor();
    await agentListItem(page, 'far agent').waitFor();
    expect(await page.getByRole('listbox', { name: 'Connections' }).count()).toBe(0);
  });

  it('says the connection dropped when the other serve is killed, and reconnects when it starts again', async () => {
    const killed = new Promise((resolve) => far!.child.once('exit', resolve));
    far!.child.kill('SIGKILL');
    await killed;

    const banner = page.getByTestId('connection-link-down');
    await expect.poll(() => banner.count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => banner.innerText(), { timeout: 30_000 }).toContain(`Lost the connection to ${farRepo!.dir} — reconnecting…`);
    // The host's own view, with the reason, in the switcher.
    await expect.poll(() => banner.innerText(), { timeout: 30_000 }).toContain('stopped; waiting for one to start there');
    await switcher().click();
    expect(await page.getByTestId('connection-option-c1').innerText()).toContain('reconnecting — The Switchyard serving');
    await page.keyboard.press('Escape');

    const previousPort = far!.port;
    far = await startServe(farRepo!.dir, app!.serve.env);
    expect(far.port).not.toBe(previousPort);
    await expect.poll(() => banner.count(), { timeout: 30_000 }).toBe(0);
    await repoPath().filter({ hasText: farRepo!.dir }).waitFor();
    await agentListItem(page, 'far agent').waitFor();
  });

  it('the ⇄+ beside Open adds an SSH host too; one that does not exist shows ssh’s reason, with Retry and Remove', async () => {
    await page.locator('.repo-picker').getByRole('button', { name: 'Add connection…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add connection' });
    await dialog.getByLabel('On another machine, over SSH').check();
    await dialog.getByLabel('SSH host').fill('me@far.invalid:2222');
    await dialog.getByLabel('Repository path on that host').fill('/srv/repo');
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The window shows it (c2); its link fails with the one sentence ssh's error comes down to.
    const sentence = 'SSH could not find the host far.invalid; check the name and your ~/.ssh/config.';
    const banner = page.getByTestId('connection-link-down');
    await expect.poll(() => banner.innerText(), { timeout: 30_000 }).toBe(
      `Could not connect to me@far.invalid:2222:/srv/repo. ${sentence} Retry it or remove it in the connection switcher.`,
    );
    expect(new URL(page.url()).searchParams.get('connection')).toBe('c2');
    await switcher().click();
    const failed = page.getByTestId('connection-option-c2');
    expect(await failed.innerText()).toBe(`me@far.invalid:2222:/srv/repo\nfailed — ${sentence}`);

    // Retry goes through connecting (the first step said) to the same answer: nothing was fixed.
    await failed.hover();
    await failed.evaluate((option) => {
      const seen: string[] = [];
      (window as unknown as { seenTexts: string[] }).seenTexts = seen;
      new MutationObserver(() => seen.push(option.textContent ?? '')).observe(option, { subtree: true, childList: true, characterData: true });
    });
    await page.locator('.connection-popup').getByRole('button', { name: 'Retry' }).click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { seenTexts: string[] }).seenTexts.at(-1)), { timeout: 30_000 })
      .toContain(`failed — ${sentence}`);
    expect(await page.evaluate(() => (window as unknown as { seenTexts: string[] }).seenTexts[0])).toContain(
      'connecting — Checking that far.invalid has Node, git, Codex and Switchyard…',
    );

    // Removed, the window goes back to its own core; then to the other repository again for the next test.
    await page.locator('.connection-popup').getByRole('button', { name: 'Remove' }).click();
    await repoPath().filter({ hasText: app!.repo.dir }).waitFor();
    expect(await page.getByRole('listbox', { name: 'Connections' }).getByRole('option').count()).toBe(2);
    await page.getByTestId('connection-option-c1').click();
    await repoPath().filter({ hasText: farRepo!.dir }).waitFor();
  });

  it('goes back to its own core when the connection it shows is removed', async () => {
    await switcher().click();
    await page.getByTestId('connection-option-c1').hover();
    await page.locator('.connection-popup').getByRole('button', { name: 'Remove' }).click();
    await repoPath().filter({ hasText: app!.repo.dir }).waitFor();
    expect(await page.getByRole('listbox', { name: 'Connections' }).getByRole('option').count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('connection')).toBeNull();
  });
});
