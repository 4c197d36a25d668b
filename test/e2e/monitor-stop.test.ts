/**
 * Stopping a Codex that runs outside Switchyard from the browser UI: the Monitor panel lists the
 * real Codex started in a pty with its own CODEX_HOME, its Stop button asks first (Cancel leaves it
 * running), and confirming ends the process and says how.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumForSuite, saveScreenshot, startBrowserApp, type BrowserApp } from '../harness/browser-app';
import { startOutsideCodex, type OutsideCodex } from '../harness/outside-codex';
import { isAlive, waitFor } from '../harness/processes';

const executablePath = chromiumForSuite('monitor stop e2e');

/** A model answer slow enough that Codex stays busy (and alive) for the whole test. */
const BUSY_FOR_MS = 120_000;

describe.skipIf(!executablePath)('stopping an outside Codex from the Monitor panel', () => {
  let app: BrowserApp | undefined;
  let page: Page;
  let outside: OutsideCodex | undefined;

  beforeAll(async () => {
    app = await startBrowserApp(executablePath!, { viewport: { width: 1400, height: 860 } });
    page = app.page;
  });
  afterAll(async () => {
    await outside?.kill();
    await app?.close();
  });

  it('asks first, then stops the process and says so', async () => {
    const { model, repo, home } = app!;
    model.script('outside-ui', [{ kind: 'message', text: 'thinking', delayMs: BUSY_FOR_MS }]);
    outside = startOutsideCodex({ cwd: repo.dir, repo: repo.dir, task: 'polish the docs [scenario:outside-ui]', home });
    await waitFor(() => model.requestCount('outside-ui') > 0, 'the outside Codex to ask the model');

    await page.getByRole('button', { name: 'Monitor' }).click();
    const list = page.getByRole('list', { name: 'Unmanaged Codex processes' });
    const entry = list.locator(`[data-pid="${outside.pid}"]`);
    await entry.waitFor();
    const stop = entry.getByRole('button', { name: `Stop Codex pid ${outside.pid}` });

    await stop.click();
    const dialog = page.getByRole('dialog', { name: `Stop Codex pid ${outside.pid}` });
    await dialog.waitFor();
    await saveScreenshot(page, 'monitor-stop-confirm.png');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(isAlive(outside.pid)).toBe(true);

    await stop.click();
    await dialog.getByRole('button', { name: 'Stop it' }).click();
    await outside.exited;
    expect(isAlive(outside.pid)).toBe(false);
    const said = page.getByLabel('Notifications').getByText(new RegExp(`Codex pid ${outside.pid} (ended after SIGTERM|was killed with SIGKILL)`));
    await said.waitFor();
    // The next scan no longer lists it.
    await entry.waitFor({ state: 'detached' });
    await saveScreenshot(page, 'monitor-stop-done.png');
  });
});
