/**
 * The change map beside the selected agent's terminal, in the browser UI of `switchyard serve`
 * with two real Codex agents that each write a file: both show side by side, a click on an agent
 * or Alt+n changes the terminal and keeps the map, the divider resizes with the mouse and the
 * arrow keys, the width and the split survive a reload, and Esc closes the map.
 * `SWITCHYARD_UPDATE_SCREENSHOT=1` refreshes docs/map-beside.png, README's picture of it.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumForSuite, saveScreenshot, startBrowserApp, type BrowserApp } from '../harness/browser-app';
import type { ModelServer } from '../harness/model-server';
import type { ServeProcess } from '../harness/serve-process';
import type { TempRepo } from '../harness/temp-repo';

const executablePath = chromiumForSuite('map beside e2e');

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

describe.skipIf(!executablePath)('the map beside a terminal in the browser UI', () => {
  let app: BrowserApp | undefined;
  let model: ModelServer;
  let repo: TempRepo;
  let serve: ServeProcess;
  let page: Page;

  const map = (): Locator => page.getByRole('region', { name: 'Change map' });
  const terminalOf = (name: string): Locator => page.getByRole('region', { name: `Terminal of ${name}` });
  const sidebarAgent = (name: string): Locator => page.getByRole('list', { name: 'Agents' }).getByRole('button', { name, exact: true });
  const divider = (): Locator => page.getByRole('separator', { name: 'Resize the map and the terminal' });
  const beside = (): Locator => page.getByRole('button', { name: 'Beside', exact: true });
  const fileRow = (file: string): Locator => map().getByRole('tree', { name: 'Touched files' }).locator(`[data-path="${file}"]`);
  const box = async (locator: Locator): Promise<Box> => {
    const found = await locator.boundingBox();
    expect(found).not.toBeNull();
    return found!;
  };
  const splitValue = async (): Promise<number> => Number(await divider().getAttribute('aria-valuenow'));
  const launch = async (name: string, file: string): Promise<string> => {
    model.script(`beside-${name}`, [
      { kind: 'exec', cmd: `printf '${name} was here\\n' > ${file}`, login: false },
      { kind: 'message', text: `${name} wrote ${file}` },
    ]);
    const result = await serve.cli('launch', '--repo', repo.dir, '--name', name, '--task', `Write ${file} [scenario:beside-${name}]`, '--json');
    expect(result.code, result.stderr).toBe(0);
    return (JSON.parse(result.stdout) as { id: string }).id;
  };
  /** Both side by side: the map on the left, the terminal on the right, neither covering the other. */
  const expectSideBySide = async (name: string): Promise<{ map: Box; terminal: Box }> => {
    await map().waitFor();
    await terminalOf(name).waitFor();
    const shown = { map: await box(map()), terminal: await box(terminalOf(name)) };
    expect(shown.map.x + shown.map.width).toBeLessThanOrEqual(shown.terminal.x);
    expect(shown.map.width).toBeGreaterThan(200);
    expect(shown.terminal.width).toBeGreaterThan(200);
    return shown;
  };

  beforeAll(async () => {
    app = await startBrowserApp(executablePath!, { viewport: { width: 1500, height: 860 } });
    ({ model, repo, serve, page } = app);
    await launch('alpha', 'alpha.txt');
    await launch('beta', 'beta.txt');
    for (const name of ['alpha', 'beta']) {
      await page.getByRole('status').filter({ hasText: `${name} finished its task` }).waitFor({ timeout: 60_000 });
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  it('Beside shows the map and the selected terminal together; a click on an agent or Alt+n keeps the map', async () => {
    // Each wrote its file before saying it was done.
    expect([repo.exists('alpha.txt'), repo.exists('beta.txt')]).toEqual([true, true]);
    await sidebarAgent('alpha').click();
    await terminalOf('alpha').waitFor();
    await beside().click();
    expect(await beside().getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('button', { name: 'Map', exact: true }).getAttribute('aria-pressed')).toBe('true');
    await expectSideBySide('alpha');
    await fileRow('alpha.txt').waitFor({ timeout: 30_000 });
    await fileRow('beta.txt').waitFor({ timeout: 30_000 });

    await sidebarAgent('beta').click();
    await expectSideBySide('beta');
    expect(await terminalOf('alpha').count()).toBe(0);
    await page.keyboard.press('Alt+Digit1');
    await expectSideBySide('alpha');
  });

  it('the divider resizes with the mouse and with the arrow keys', async () => {
    const before = await expectSideBySide('alpha');
    expect(await splitValue()).toBe(50);
    const area = await box(page.getByTestId('map-beside'));
    const handle = await box(divider());
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(area.x + area.width * 0.35, handle.y + handle.height / 2, { steps: 8 });
    await page.mouse.up();
    await expect.poll(splitValue).toBe(35);
    const dragged = await expectSideBySide('alpha');
    expect(dragged.map.width).toBeLessThan(before.map.width - 100);
    expect(dragged.terminal.width).toBeGreaterThan(before.terminal.width + 100);

    await divider().focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(splitValue).toBe(45);
    await page.keyboard.press('Home');
    await expect.poll(splitValue).toBe(20);
    await page.keyboard.press('End');
    await expect.poll(splitValue).toBe(80);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(splitValue).toBe(75);
    const keyed = await expectSideBySide('alpha');
    expect(keyed.map.width).toBeGreaterThan(before.map.width + 100);
  });

  it('the split and its width survive a reload', async () => {
    const before = await expectSideBySide('alpha');
    await page.reload();
    await page.getByTestId('repo-path').filter({ hasText: repo.dir }).waitFor();
    const after = await expectSideBySide('alpha');
    expect(await splitValue()).toBe(75);
    expect(Math.abs(after.map.width - before.map.width)).toBeLessThan(2);
    expect(await beside().getAttribute('aria-pressed')).toBe('true');

    await page.keyboard.press('Alt+Digit2');
    await expectSideBySide('beta');
    await divider().focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    await expect.poll(splitValue).toBe(60);
    await fileRow('beta.txt').click();
    await map().getByText('beta was here').first().waitFor({ timeout: 30_000 });
    // README's picture of the map beside a terminal.
    await saveScreenshot(page, 'switchyard-map-beside.png', 'map-beside.png');
  });

  it('Beside again puts the map in the terminals’ place; Esc closes it; Alt+Shift+M brings it back beside', async () => {
    await beside().click();
    await map().waitFor();
    await page.getByTestId('map-beside').waitFor({ state: 'detached' });
    expect(await terminalOf('beta').count()).toBe(0);
    // A click on an agent closes a map in the terminals' place, as before.
    await sidebarAgent('alpha').click();
    await map().waitFor({ state: 'detached' });
    await terminalOf('alpha').waitFor();

    await page.keyboard.press('Alt+Shift+KeyM');
    await expectSideBySide('alpha');
    // Esc reaches the app once nothing that takes keys (a terminal: Codex needs its Esc) has the focus.
    await page.locator('.app-title').click();
    await page.keyboard.press('Escape');
    await map().waitFor({ state: 'detached' });
    await terminalOf('alpha').waitFor();
    expect(await beside().getAttribute('aria-pressed')).toBe('false');
    // Map reopens it the way it was last shown: beside.
    await page.getByRole('button', { name: 'Map', exact: true }).click();
    await expectSideBySide('alpha');
  });
});
