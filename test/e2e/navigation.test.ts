/**
 * Getting around the browser UI of `switchyard serve` with two real Codex agents: the map gives
 * way to whatever the user asks for (Esc, a click on an agent, Alt+n, Tabs/Grid), Locks shows over
 * it, Tabs is a real tab strip, `?`/F1 list the shortcuts, header errors show whole and go away,
 * toasts stay off Codex's status line, the sidebar keeps its buttons on one line with the Monitor
 * open, a new terminal fills its pane, and Stop all asks in the app's own dialog.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumForSuite, startBrowserApp, type BrowserApp } from '../harness/browser-app';
import type { ModelServer } from '../harness/model-server';
import { processesOfAgent } from '../harness/processes';
import type { ServeProcess } from '../harness/serve-process';
import type { TempRepo } from '../harness/temp-repo';

const executablePath = chromiumForSuite('navigation e2e');

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe.skipIf(!executablePath)('navigation in the browser UI', () => {
  let app: BrowserApp | undefined;
  let model: ModelServer;
  let repo: TempRepo;
  let serve: ServeProcess;
  let page: Page;
  const ids: Record<string, string> = {};

  const map = (): Locator => page.getByRole('region', { name: 'Change map' });
  const terminalOf = (name: string): Locator => page.getByRole('region', { name: `Terminal of ${name}` });
  const tabs = (): Locator => page.getByRole('tablist', { name: 'Agents’ terminals' });
  const sidebarAgent = (name: string): Locator => page.getByRole('list', { name: 'Agents' }).getByRole('button', { name, exact: true });
  const openMap = async (): Promise<void> => {
    await page.getByRole('button', { name: 'Map' }).click();
    await map().waitFor();
  };
  const box = async (locator: Locator): Promise<Box> => {
    const found = await locator.boundingBox();
    expect(found).not.toBeNull();
    return found!;
  };
  const launch = async (name: string): Promise<string> => {
    const result = await serve.cli('launch', '--repo', repo.dir, '--name', name, '--task', `Say hello as ${name} [scenario:nav-idle]`, '--json');
    expect(result.code, result.stderr).toBe(0);
    return (JSON.parse(result.stdout) as { id: string }).id;
  };

  beforeAll(async () => {
    app = await startBrowserApp(executablePath!, { viewport: { width: 1300, height: 760 } });
    ({ model, repo, serve, page } = app);
    model.script('nav-idle', [{ kind: 'message', text: 'hello, idling' }]);
    ids.alpha = await launch('alpha');
    ids.beta = await launch('beta');
    for (const name of ['alpha', 'beta']) await sidebarAgent(name).waitFor();
    await page.getByRole('status').filter({ hasText: 'beta finished its task' }).waitFor({ timeout: 60_000 });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('Tabs shows a tab per agent; a click or an arrow key switches the terminal', async () => {
    await page.getByRole('button', { name: 'Tabs' }).click();
    const tab = (name: string): Locator => tabs().getByRole('tab', { name, exact: true });
    expect(await tabs().getByRole('tab').count()).toBe(2);
    await tab('beta').click();
    await terminalOf('beta').waitFor();
    expect(await tab('beta').getAttribute('aria-selected')).toBe('true');
    expect(await tab('alpha').getAttribute('aria-selected')).toBe('false');
    expect(await terminalOf('alpha').count()).toBe(0);

    await tab('beta').focus();
    await page.keyboard.press('ArrowLeft');
    await terminalOf('alpha').waitFor();
    expect(await tab('alpha').getAttribute('aria-selected')).toBe('true');
    // The focus stays on the tabs, so the next arrow moves on instead of typing into the agent.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('tab');
  });

  it('the map gives way to Esc, a click on an agent, Alt+n, Tabs and Grid', async () => {
    await openMap();
    // Tabs/Grid say what is shown: neither, while the map is.
    expect(await page.getByRole('button', { name: 'Tabs' }).getAttribute('aria-pressed')).toBe('false');
    await page.keyboard.press('Escape');
    await map().waitFor({ state: 'detached' });
    await terminalOf('alpha').waitFor();

    await openMap();
    await sidebarAgent('beta').click();
    await map().waitFor({ state: 'detached' });
    await terminalOf('beta').waitFor();
    expect(await tabs().getByRole('tab', { name: 'beta', exact: true }).getAttribute('aria-selected')).toBe('true');

    await openMap();
    await page.keyboard.press('Alt+Digit1');
    await map().waitFor({ state: 'detached' });
    await terminalOf('alpha').waitFor();

    await openMap();
    await page.getByRole('button', { name: 'Tabs' }).click();
    await map().waitFor({ state: 'detached' });
    await terminalOf('alpha').waitFor();
    expect(await page.getByRole('button', { name: 'Tabs' }).getAttribute('aria-pressed')).toBe('true');

    await openMap();
    await page.getByRole('button', { name: 'Grid' }).click();
    await map().waitFor({ state: 'detached' });
    await terminalOf('alpha').waitFor();
    await terminalOf('beta').waitFor();
    await page.getByRole('button', { name: 'Tabs' }).click();
    await tabs().waitFor();
  });

  it('Locks opened over the map is on screen and on top', async () => {
    await openMap();
    await page.getByRole('button', { name: 'Locks' }).click();
    const panel = page.getByTestId('locks-panel');
    await panel.waitFor();
    const viewport = page.viewportSize()!;
    const shown = await box(panel);
    expect(shown.y + shown.height).toBeLessThanOrEqual(viewport.height + 1);
    expect(shown.height).toBeGreaterThan(100);
    // Nothing covers it: the element at its middle belongs to it.
    const onTop = await panel.evaluate((element) => {
      const rect = element.getBoundingClientRect();
      const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
      return hit !== null && element.contains(hit);
    });
    expect(onTop).toBe(true);
    await page.getByRole('button', { name: 'Locks' }).click();
    await panel.waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await map().waitFor({ state: 'detached' });
  });

  it('? and F1 list the shortcuts; ? typed into a field or a terminal stays text', async () => {
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    // Somewhere neutral that takes no keys: the header's own padding (its title is hidden at 1300 px).
    await page.locator('.app-header').click({ position: { x: 4, y: 4 } });
    await page.keyboard.press('?');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Alt+M');
    // The pane keys mean something in each layout, and the list says what.
    for (const keys of ['Alt+Shift+← → ↑ ↓', 'Alt+PageUp, Alt+PageDown', 'Alt+Z']) {
      const meanings = await dialog.getByRole('list', { name: `${keys} in each layout` }).getByRole('listitem').allInnerTexts();
      expect(meanings.map((text) => text.split(':')[0])).toEqual(['Grid', 'Tabs', 'Focus']);
    }
    expect(await dialog.getByRole('list', { name: 'Alt+Z in each layout' }).innerText()).toContain('switch to Focus on the same agent');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    const field = page.getByLabel('Repository path');
    await field.fill('');
    await field.focus();
    await page.keyboard.press('?');
    expect(await field.inputValue()).toBe('?');
    expect(await dialog.isVisible()).toBe(false);
    await page.keyboard.press('F1');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await field.fill('');

    // In a terminal, `?` goes to Codex (which answers on screen, with its own key help), not to the overlay.
    const screen = terminalOf('alpha').locator('.xterm-rows');
    await terminalOf('alpha').locator('.xterm').click();
    const before = await screen.innerText();
    await page.keyboard.press('?');
    await expect.poll(() => screen.innerText()).not.toBe(before);
    expect(await dialog.isVisible()).toBe(false);
    await page.keyboard.press('Escape');
  });

  it('a header error shows whole, over the content, can be dismissed, and goes once a repository opens', async () => {
    const terminalBefore = await box(terminalOf('alpha'));
    const badPath = `${repo.dir}-this-folder-does-not-exist/with/a/rather/long/path/that/would/not/fit/in/the/header/line`;
    const field = page.getByLabel('Repository path');
    await field.fill(badPath);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const alert = page.getByTestId('header-alert-repo');
    await alert.waitFor();
    const message = alert.locator('.header-alert-message');
    expect(await message.innerText()).toContain('/that/would/not/fit/in/the/header/line');
    // Whole: nothing is clipped.
    expect(await message.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    // Over the content: the terminal (and so the agent's pty) keeps its size.
    expect(await box(terminalOf('alpha'))).toEqual(terminalBefore);
    await alert.getByRole('button', { name: /^Dismiss/ }).click();
    await alert.waitFor({ state: 'detached' });

    // Resolved: opening a repository (here the one already open) clears it without a click.
    await field.fill(badPath);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await alert.waitFor();
    await field.fill(repo.dir);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await alert.waitFor({ state: 'detached' });
  });

  it('toasts stay off the bottom of the terminal, where Codex asks for input', async () => {
    model.script('nav-toast', [{ kind: 'message', text: 'toast please' }]);
    const result = await serve.cli('launch', '--repo', repo.dir, '--name', 'gamma', '--task', 'Say hello [scenario:nav-toast]', '--json');
    expect(result.code, result.stderr).toBe(0);
    ids.gamma = (JSON.parse(result.stdout) as { id: string }).id;
    const toast = page.getByRole('status').filter({ hasText: 'gamma finished its task' });
    await toast.waitFor({ timeout: 60_000 });
    await sidebarAgent('alpha').click();
    const terminal = await box(terminalOf('alpha').locator('.terminal-container'));
    const bottomRows: Box = { ...terminal, y: terminal.y + terminal.height * 0.75, height: terminal.height * 0.25 };
    expect(overlaps(await box(toast), bottomRows)).toBe(false);
  });

  it('a newly shown terminal fills its pane without waiting for a resize', async () => {
    for (const name of ['gamma', 'alpha']) {
      await sidebarAgent(name).click();
      const container = terminalOf(name).locator('.terminal-container');
      await container.locator('.xterm-screen').waitFor();
      await expect
        .poll(() =>
          container.evaluate((element) => {
            const screen = element.querySelector('.xterm-screen')!.getBoundingClientRect();
            const row = element.querySelector('.xterm-rows > div')!.getBoundingClientRect();
            const inner = element.getBoundingClientRect();
            // What is left below the last row: less than one row (plus the container's padding).
            return inner.bottom - screen.bottom < row.height + 6;
          }),
        )
        .toBe(true);
    }
  });

  it('the agent list shows how long each agent has run and when it last did something', async () => {
    const times = page.getByTestId(`agent-times-${ids.alpha}`);
    await expect.poll(() => times.innerText()).toMatch(/^running \d+(s|m \d+s) · active \d+(s|m \d+s) ago$/);
  });

  it('the sidebar keeps its buttons on one line with the Monitor open on a short window', async () => {
    await page.setViewportSize({ width: 1300, height: 360 });
    const newAgent = page.getByRole('button', { name: 'New agent' });
    const stopAll = page.locator('.sidebar').getByRole('button', { name: 'Stop all' });
    const before = await box(newAgent);
    await page.getByRole('button', { name: 'Monitor' }).click();
    await page.getByTestId('monitor-body').getByText(/unmanaged Codex/).waitFor({ timeout: 30_000 });
    // The case in question: the sidebar's content no longer fits, so something scrolls; but not the
    // sidebar itself, whose scrollbar (where scrollbars take room; headless Chromium hides them)
    // would take its width from the header's buttons.
    const sidebar = page.locator('.sidebar');
    const overflow = await sidebar.evaluate((element) =>
      [...element.children].reduce((sum, child) => sum + child.scrollHeight, 0) - element.clientHeight,
    );
    expect(overflow).toBeGreaterThan(0);
    expect(await sidebar.evaluate((element) => element.scrollHeight - element.clientHeight)).toBe(0);
    const after = await box(newAgent);
    expect(after.height).toBe(before.height);
    expect(after.width).toBe(before.width);
    expect((await box(stopAll)).y).toBe(after.y);
    await page.getByRole('button', { name: 'Monitor' }).click();
    await page.setViewportSize({ width: 1300, height: 760 });
  });

  it('a refused notification permission says so, and how to allow it', async () => {
    // Headless Chromium refuses permission requests without asking: what a user's "Block" gives.
    await page.getByRole('button', { name: 'Enable desktop notifications' }).click();
    const toast = page.getByRole('alert').filter({ hasText: 'Desktop notifications are blocked' });
    await toast.waitFor();
    expect(await toast.getAttribute('data-tone')).toBe('warning');
    expect(await toast.innerText()).toMatch(/set Notifications to Allow/);
    expect(await page.evaluate(() => Notification.permission)).toBe('denied');
  });

  it('Stop all asks in the app’s own dialog; Cancel keeps the agents, confirming stops them', async () => {
    let nativeDialogs = 0;
    page.on('dialog', (dialog) => {
      nativeDialogs++;
      void dialog.dismiss();
    });
    const confirm = page.getByRole('dialog', { name: 'Stop all agents' });
    await page.locator('.sidebar').getByRole('button', { name: 'Stop all' }).click();
    await confirm.waitFor();
    expect(await confirm.innerText()).toMatch(/Stop all 3 running and queued agents\?/);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(processesOfAgent(ids.alpha!).length).toBeGreaterThan(0);

    await page.locator('.sidebar').getByRole('button', { name: 'Stop all' }).click();
    await confirm.getByRole('button', { name: 'Stop all' }).click();
    await confirm.waitFor({ state: 'hidden' });
    for (const id of Object.values(ids)) await expect.poll(() => processesOfAgent(id), { timeout: 30_000 }).toEqual([]);
    expect(nativeDialogs).toBe(0);
  });
});
