/**
 * Twenty real Codex agents on one screen, in real Chromium with WebGL (SwiftShader): Focus shows
 * one terminal large and the other nineteen as live thumbnails, all on screen at once; the Grid
 * pages them at a readable size (a short last page spreading its panes over the whole area),
 * maximizes and restores a pane, and moves between panes by key; the same keys work in Tabs and
 * Focus, and a maximized terminal survives a reload.
 * Throughout, terminals take and give back WebGL contexts, far more than the ~16 Chromium keeps
 * alive, and none may be lost: a probe in the page counts every context independently of the app.
 */
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumForSuite, startBrowserApp, type BrowserApp } from '../harness/browser-app';
import type { ModelServer } from '../harness/model-server';
import { APP_ROOT, type ServeProcess } from '../harness/serve-process';
import type { TempRepo } from '../harness/temp-repo';
import { installWebglProbe, readWebglProbe } from '../harness/webgl-probe';

const executablePath = chromiumForSuite('twenty agents e2e');

const AGENTS = 20;
/** The app's budget (webgl-budget.ts): what may be alive at once. */
const WEBGL_BUDGET = 9;
const VIEWPORT = { width: 1600, height: 1000 };
const names = Array.from({ length: AGENTS }, (_, index) => `agent-${String(index + 1).padStart(2, '0')}`);

describe.skipIf(!executablePath)('twenty agents on one screen', () => {
  let app: BrowserApp | undefined;
  let model: ModelServer;
  let repo: TempRepo;
  let serve: ServeProcess;
  let page: Page;
  const ids = new Map<string, string>();
  const browserWarnings: string[] = [];
  let launchedIn = 0;

  const idOf = (name: string): string => ids.get(name)!;
  const pane = (name: string): Locator => page.getByRole('region', { name: `Terminal of ${name}` });
  const hostOf = (testId: string): Locator => page.locator(`[data-testid="${testId}"] .terminal-host`);
  const rendererOf = (testId: string): Promise<string | null> => hostOf(testId).getAttribute('data-renderer');
  const inViewport = async (locator: Locator): Promise<boolean> => {
    const box = await locator.boundingBox();
    return box !== null && box.width > 20 && box.height > 20 && box.x >= 0 && box.y >= 0 &&
      box.x + box.width <= VIEWPORT.width && box.y + box.height <= VIEWPORT.height;
  };
  const launch = async (name: string): Promise<void> => {
    const result = await serve.cli('launch', '--repo', repo.dir, '--name', name, '--task', `Report as ${name} [scenario:${name}]`, '--json');
    expect(result.code, result.stderr).toBe(0);
    ids.set(name, (JSON.parse(result.stdout) as { id: string }).id);
  };

  beforeAll(async () => {
    app = await startBrowserApp(executablePath!, { viewport: VIEWPORT, open: false });
    ({ model, repo, serve, page } = app);
    await installWebglProbe(page);
    page.on('console', (message) => {
      // Chromium's words when it drops the oldest context; the addon's when one is lost.
      if (/too many active webgl contexts|webglcontextlost/i.test(message.text())) browserWarnings.push(message.text());
    });
    const started = performance.now();
    // No `renderer=dom`: the terminals use WebGL wherever the app gives it.
    await page.goto(serve.url);
    await page.getByTestId('repo-path').filter({ hasText: repo.dir }).waitFor();
    for (const name of names) model.script(name, [{ kind: 'message', text: `report-from-${name}` }]);
    // A few launches at a time: each is a CLI process, on a machine with two cores.
    for (let start = 0; start < AGENTS; start += 5) await Promise.all(names.slice(start, start + 5).map(launch));
    const finished = page.getByRole('list', { name: 'Agents' }).locator('[data-status="finished"]');
    // (expect.poll is for tests only: wait for the twentieth to finish its first turn.)
    await finished.nth(AGENTS - 1).waitFor({ timeout: 120_000 });
    launchedIn = performance.now() - started;
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it('Focus shows one terminal large (WebGL) and the other nineteen as live thumbnails (DOM), all on screen', async () => {
    console.log(`${AGENTS} agents launched and through their first turn in ${(launchedIn / 1000).toFixed(1)} s`);
    await page.getByRole('button', { name: 'Focus', exact: true }).click();
    await page.getByRole('list', { name: 'Agents' }).getByRole('button', { name: 'agent-01', exact: true }).click();
    const main = `terminal-${idOf('agent-01')}`;
    await expect.poll(() => rendererOf(main)).toBe('webgl');
    expect(await inViewport(page.getByTestId(main))).toBe(true);

    await page.screenshot({ path: path.join(APP_ROOT, 'test-results', 'twenty-agents-focus.png') });
    const thumbnails = page.getByRole('navigation', { name: 'Other agents' }).getByRole('button');
    expect(await thumbnails.count()).toBe(AGENTS - 1);
    for (const name of names.slice(1)) {
      const testId = `thumbnail-${idOf(name)}`;
      expect(await inViewport(page.getByTestId(testId)), `${name}'s thumbnail on screen`).toBe(true);
      expect(await rendererOf(testId)).toBe('dom');
      // Live: the agent's own screen, drawn small (its reply is on it).
      await expect
        .poll(async () => (await page.locator(`[data-testid="${testId}"] .xterm-rows`).innerText()).replace(/\s/g, ''), { timeout: 15_000 })
        .toContain(`report-from-${name}`);
    }
    const counts = await page.evaluate(() => ({
      webgl: document.querySelectorAll('.terminal-host[data-renderer="webgl"]').length,
      dom: document.querySelectorAll('.terminal-host[data-renderer="dom"]').length,
    }));
    console.log(`Focus with ${AGENTS} agents on screen: ${counts.webgl} terminal on WebGL, ${counts.dom} on the DOM renderer`);
    expect(counts).toEqual({ webgl: 1, dom: AGENTS - 1 });

    // The README's picture of this layout: `SWITCHYARD_UPDATE_SCREENSHOT=1` refreshes it.
    if (process.env.SWITCHYARD_UPDATE_SCREENSHOT === '1') {
      // Without the twenty "finished its task" toasts over the thumbnails.
      const dismiss = page.getByRole('button', { name: 'Dismiss' });
      while ((await dismiss.count()) > 0) await dismiss.first().click();
      await page.screenshot({ path: path.join(APP_ROOT, 'docs', 'twenty-agents.png') });
    }

    // Every agent takes the large pane once: twenty WebGL contexts made, more than Chromium keeps.
    const cycleStarted = performance.now();
    for (const name of names.slice(1)) {
      await page.getByRole('button', { name: `Show ${name}`, exact: true }).click();
      await expect.poll(() => rendererOf(`terminal-${idOf(name)}`)).toBe('webgl');
    }
    console.log(`Each of ${AGENTS - 1} thumbnails clicked to the large pane (on WebGL) in ${((performance.now() - cycleStarted) / 1000).toFixed(1)} s`);
    // Alt+Shift+→ steps on to the next agent in the list (wrapping around).
    const order = (await page.getByRole('list', { name: 'Agents' }).getByRole('button', { name: /^agent-\d\d$/ }).allInnerTexts()).map(
      (text) => /agent-\d\d/.exec(text)?.[0] ?? text,
    );
    expect(order).toHaveLength(AGENTS);
    const after = order[(order.indexOf(names[AGENTS - 1]!) + 1) % AGENTS]!;
    await page.keyboard.press('Alt+Shift+ArrowRight');
    await expect.poll(() => rendererOf(`terminal-${idOf(after)}`)).toBe('webgl');
    expect(await page.getByRole('button', { name: `Show ${names[AGENTS - 1]}`, exact: true }).isVisible()).toBe(true);

    const figures = await readWebglProbe(page);
    console.log(`WebGL contexts after Focus: ${JSON.stringify(figures)}`);
    expect(figures.created).toBeGreaterThan(16);
    expect(figures.lost).toBe(0);
    expect(figures.maxLive).toBeLessThanOrEqual(WEBGL_BUDGET);
    expect(browserWarnings).toEqual([]);
  });

  it('Grid pages the twenty at a readable size, each pane on WebGL; maximize, restore and Alt+Shift+arrows', async () => {
    await page.getByRole('button', { name: 'Grid', exact: true }).click();
    const pager = page.getByRole('navigation', { name: 'Pages of the grid' });
    await pager.waitFor();
    const pageButtons = pager.getByRole('button', { name: /^Page \d+ of \d+$/ });
    const pages = await pageButtons.count();
    expect(pages).toBeGreaterThan(1);
    const panes = page.locator('.terminal-grid .agent-pane');

    await pageButtons.first().click();
    const seen = new Set<string>();
    let fullPage = 0;
    let fullPaneWidth = 0;
    for (let index = 0; index < pages; index++) {
      if (index > 0) await page.keyboard.press('Alt+PageDown');
      await expect.poll(() => pager.locator('[aria-current="page"]').innerText()).toBe(String(index + 1));
      const shown = await panes.count();
      expect(shown).toBeLessThanOrEqual(9);
      for (const label of await panes.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label') ?? ''))) seen.add(label);
      // Every pane of the page draws with WebGL (a page fits the budget), and is readable: at least 460×200.
      await expect.poll(() => page.locator('.terminal-grid .terminal-host[data-renderer="webgl"]').count()).toBe(shown);
      for (const box of await panes.evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().toJSON() as DOMRect))) {
        expect(box.width).toBeGreaterThanOrEqual(440);
        expect(box.height).toBeGreaterThanOrEqual(190);
      }
      console.log(`Grid page ${index + 1} of ${pages}: ${shown} panes, all on WebGL`);
      if (index === 0) {
        fullPage = shown;
        fullPaneWidth = (await panes.first().boundingBox())!.width;
      }
    }
    expect(seen.size).toBe(AGENTS);

    // The last page holds fewer panes than a full one (20 is no multiple of the page size here):
    // they share the whole grid instead of a corner of it, and none is absurdly wide.
    const lastPage = await page.evaluate(() => {
      const area = document.querySelector('.terminal-grid')!.getBoundingClientRect();
      const boxes = [...document.querySelectorAll('.terminal-grid .agent-pane')].map((node) => node.getBoundingClientRect());
      return { area: area.width * area.height, panes: boxes.map((box) => ({ width: box.width, height: box.height })) };
    });
    expect(lastPage.panes.length, `the last page is short (a full page holds ${fullPage})`).toBeLessThan(fullPage);
    const covered = lastPage.panes.reduce((sum, box) => sum + box.width * box.height, 0) / lastPage.area;
    console.log(`Last grid page: ${lastPage.panes.length} panes cover ${(covered * 100).toFixed(0)}% of the grid (${JSON.stringify(lastPage.panes)})`);
    expect(covered).toBeGreaterThan(0.85);
    for (const box of lastPage.panes) {
      // Readable: no narrower than on a full page, and not a long thin strip.
      expect(box.width).toBeGreaterThanOrEqual(fullPaneWidth - 1);
      expect(box.width / box.height).toBeLessThanOrEqual(3.3);
    }

    await page.screenshot({ path: path.join(APP_ROOT, 'test-results', 'twenty-agents-grid.png') });
    // Alt+PageDown selected the last page's first agent; Alt+Shift+→ moves to the pane beside it.
    const selectedName = (): Promise<string> => page.locator('.terminal-grid .agent-pane.selected .agent-pane-name').innerText();
    const onLastPage = await panes.locator('.agent-pane-name').allInnerTexts();
    expect(onLastPage.length).toBeGreaterThan(1);
    expect(await selectedName()).toBe(onLastPage[0]);
    await page.keyboard.press('Alt+Shift+ArrowRight');
    const next = onLastPage[1]!;
    await expect.poll(selectedName).toBe(next);
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.agent-pane')?.getAttribute('aria-label'))).toBe(`Terminal of ${next}`);

    // A double-click on the header maximizes the pane; Alt+Z gives the grid back.
    await pane(next).locator('.agent-pane-name').dblclick();
    await expect.poll(() => panes.count()).toBe(1);
    await expect.poll(() => rendererOf(`terminal-${idOf(next)}`)).toBe('webgl');
    expect(await pane(next).getByRole('button', { name: 'Restore' }).isVisible()).toBe(true);
    await page.keyboard.press('Alt+z');
    await expect.poll(() => panes.count()).toBeGreaterThan(1);
    await expect.poll(() => pane(next).getByRole('button', { name: 'Maximize' }).isVisible()).toBe(true);

    const figures = await readWebglProbe(page);
    console.log(`WebGL contexts after Focus and Grid: ${JSON.stringify(figures)}`);
    expect(figures.lost).toBe(0);
    expect(figures.maxLive).toBeLessThanOrEqual(WEBGL_BUDGET);
    expect(browserWarnings).toEqual([]);
  });

  it('the pane keys in Tabs and Focus: Alt+PageUp/Down and Alt+Shift+arrows step, Alt+Z to Focus and back, and hides the thumbnails (kept on reload)', async () => {
    const order = (await page.getByRole('list', { name: 'Agents' }).getByRole('button', { name: /^agent-\d\d$/ }).allInnerTexts()).map(
      (text) => /agent-\d\d/.exec(text)?.[0] ?? text,
    );
    expect(order).toHaveLength(AGENTS);
    const selectedTab = (): Promise<string> => page.getByRole('tab', { selected: true }).innerText();
    const largePane = (): Promise<string | null> => page.locator('.terminal-focus-main .agent-pane').getAttribute('aria-label');
    const focusedPane = (): Promise<string | null | undefined> =>
      page.evaluate(() => document.activeElement?.closest('.agent-pane')?.getAttribute('aria-label'));
    const thumbnails = page.getByRole('navigation', { name: 'Other agents' });
    const pressed = (name: string): Promise<string | null> => page.getByRole('button', { name, exact: true }).getAttribute('aria-pressed');

    // Tabs: Alt+PageDown / PageUp and Alt+Shift+→ / ← are the next and previous tab, the keyboard in its terminal.
    await page.getByRole('button', { name: 'Tabs', exact: true }).click();
    await page.getByRole('list', { name: 'Agents' }).getByRole('button', { name: order[0]!, exact: true }).click();
    await expect.poll(selectedTab).toContain(order[0]!);
    await expect.poll(focusedPane).toBe(`Terminal of ${order[0]}`);
    await page.keyboard.press('Alt+PageDown');
    await expect.poll(selectedTab).toContain(order[1]!);
    await expect.poll(focusedPane).toBe(`Terminal of ${order[1]}`);
    await page.keyboard.press('Alt+Shift+ArrowRight');
    await expect.poll(selectedTab).toContain(order[2]!);
    await page.keyboard.press('Alt+PageUp');
    await expect.poll(selectedTab).toContain(order[1]!);
    await page.keyboard.press('Alt+Shift+ArrowLeft');
    await expect.poll(selectedTab).toContain(order[0]!);
    // Wrapping round to the last tab.
    await page.keyboard.press('Alt+PageUp');
    await expect.poll(selectedTab).toContain(order[AGENTS - 1]!);

    // Alt+Z: Focus on the same agent, the others as thumbnails; Alt+PageDown brings the next to the large pane.
    await page.keyboard.press('Alt+z');
    await expect.poll(() => pressed('Focus')).toBe('true');
    await expect.poll(largePane).toBe(`Terminal of ${order[AGENTS - 1]}`);
    await thumbnails.waitFor();
    await page.keyboard.press('Alt+PageDown');
    await expect.poll(largePane).toBe(`Terminal of ${order[0]}`);
    await expect.poll(focusedPane).toBe(`Terminal of ${order[0]}`);
    await page.keyboard.press('Alt+Shift+ArrowDown');
    await expect.poll(largePane).toBe(`Terminal of ${order[1]}`);
    await page.keyboard.press('Alt+PageUp');
    await expect.poll(largePane).toBe(`Terminal of ${order[0]}`);
    // Alt+Z again: back to Tabs, on the agent Focus showed.
    await page.keyboard.press('Alt+z');
    await expect.poll(() => pressed('Tabs')).toBe('true');
    await expect.poll(selectedTab).toContain(order[0]!);

    // Focus chosen by its button: Alt+Z hides the thumbnails, the large pane takes their place.
    await page.getByRole('button', { name: 'Focus', exact: true }).click();
    await thumbnails.waitFor();
    const main = page.locator('.terminal-focus-main');
    const withThumbnails = (await main.boundingBox())!.width;
    await page.keyboard.press('Alt+z');
    await thumbnails.waitFor({ state: 'detached' });
    const area = (await page.locator('.terminal-focus').boundingBox())!.width;
    await expect.poll(async () => (await main.boundingBox())!.width).toBeGreaterThan(area - 2);
    expect(withThumbnails).toBeLessThan(area * 0.8);
    // Alt+PageDown keeps it maximized, now the next agent's.
    await page.keyboard.press('Alt+PageDown');
    await expect.poll(largePane).toBe(`Terminal of ${order[1]}`);
    expect(await thumbnails.count()).toBe(0);

    // A reload brings back Focus with the terminal maximized (per repository preferences).
    await page.reload();
    await page.getByTestId('repo-path').filter({ hasText: repo.dir }).waitFor();
    await expect.poll(largePane).toBe(`Terminal of ${order[1]}`);
    expect(await pressed('Focus')).toBe('true');
    expect(await thumbnails.count()).toBe(0);
    await page.keyboard.press('Alt+z');
    await thumbnails.waitFor();
    expect(await thumbnails.getByRole('button').count()).toBe(AGENTS - 1);
  });
});
