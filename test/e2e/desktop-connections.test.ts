/**
 * The desktop window switching connections (issue 16), without Electron (its binary cannot be
 * downloaded here; see TESTING.md): the renderer runs in Chromium with the preload's bridge played
 * by test/harness/desktop-bridge.ts, whose relays are the main process's real relay module to a
 * real second `serve`. What this leaves out is Electron's own IPC and the preload file itself.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalInstanceLink } from '../../src/core/connections/local-instance-link';
import { chromiumForSuite, startBrowserApp, type BrowserApp } from '../harness/browser-app';
import { playDesktopBridge, type PlayedDesktopBridge } from '../harness/desktop-bridge';
import { startServe, type ServeProcess } from '../harness/serve-process';
import { makeTempRepo, type TempRepo } from '../harness/temp-repo';

const executablePath = chromiumForSuite('desktop connections e2e');

describe.skipIf(!executablePath)('the desktop window switching to another Switchyard through the main process’s relay', () => {
  let app: BrowserApp | undefined;
  let page: Page;
  let farRepo: TempRepo | undefined;
  let far: ServeProcess | undefined;
  let link: LocalInstanceLink | undefined;
  let bridge: PlayedDesktopBridge;

  const switcher = () => page.getByTestId('connection-switcher');
  const repoPath = () => page.getByTestId('repo-path');
  const chooseFolder = () => page.getByRole('button', { name: 'Choose folder…' });

  beforeAll(async () => {
    app = await startBrowserApp(executablePath!, { open: false });
    page = app.page;
    farRepo = makeTempRepo();
    far = await startServe(farRepo.dir, app.serve.env);
    // The window's core lists it as c1; the main process's registry would hold the same link.
    const connected = await app.serve.cli('connect', '--repo', farRepo.dir);
    expect(connected.code).toBe(0);
    link = new LocalInstanceLink({ id: 'c1', repo: farRepo.dir, env: app.serve.env });
    bridge = await playDesktopBridge(page, { link: (id) => (id === 'c1' ? link : undefined) });
    await page.goto(`${app.serve.url}&renderer=dom`);
    await repoPath().filter({ hasText: app.repo.dir }).waitFor();
  });
  afterAll(async () => {
    bridge?.relays.closeAll();
    await link?.close();
    await far?.stop();
    await app?.close();
    farRepo?.remove();
  });

  it('shows the switcher and the ⇄+, and the native folder chooser for its own core', async () => {
    expect(await page.evaluate(() => 'switchyard' in window)).toBe(true);
    await switcher().waitFor();
    expect(await page.locator('.repo-picker').getByRole('button', { name: 'Add connection…' }).count()).toBe(1);
    expect(await chooseFolder().count()).toBe(1);
  });

  it('switches to the other core through the relay, with a path field instead of the folder chooser', async () => {
    await switcher().click();
    await page.getByTestId('connection-option-c1').click();
    await repoPath().filter({ hasText: farRepo!.dir }).waitFor();
    expect(new URL(page.url()).searchParams.get('connection')).toBe('c1');
    // Through the relay, not a socket of the page: it opened one for c1 and sent the far core commands.
    expect(bridge.requests).toContainEqual({ type: 'open', relay: expect.any(String), connection: 'c1' });
    expect(bridge.requests).toContainEqual({ type: 'frame', relay: expect.any(String), frame: expect.stringContaining('"name":"repo.get"') });
    expect(await chooseFolder().count()).toBe(0);
    expect(await page.locator('#repo-path-input').count()).toBe(1);
  });

  it('comes back to the same connection after a reload', async () => {
    // What the main process does when the window starts another document.
    bridge.relays.closeAll();
    await page.reload();
    await repoPath().filter({ hasText: farRepo!.dir }).waitFor();
    expect(await switcher().innerText()).toContain(farRepo!.dir.split('/').pop());
  });

  it('says the connection dropped when the other serve is killed, and goes back to its own core over IPC', async () => {
    const killed = new Promise((resolve) => far!.child.once('exit', resolve));
    far!.child.kill('SIGKILL');
    await killed;
    const banner = page.getByTestId('connection-link-down');
    await expect.poll(() => banner.count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => banner.innerText(), { timeout: 30_000 }).toContain(`Lost the connection to ${farRepo!.dir} — reconnecting…`);

    await switcher().click();
    await page.getByRole('option', { name: /This window’s core/ }).click();
    await repoPath().filter({ hasText: app!.repo.dir }).waitFor();
    await expect.poll(() => banner.count()).toBe(0);
    expect(await chooseFolder().count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('connection')).toBeNull();
  });
});
