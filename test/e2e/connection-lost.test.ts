/**
 * A browser tab whose Switchyard stopped or restarted: every start has a new access token (and,
 * without --port, a new port), so the tab cannot get back in. It must say so and how to reopen it,
 * rather than "reconnecting…" forever; and the page opened without a token says where to find it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumForSuite, startBrowserApp, type BrowserApp } from '../harness/browser-app';
import { startServe, type ServeProcess } from '../harness/serve-process';
import type { TempRepo } from '../harness/temp-repo';

const executablePath = chromiumForSuite('connection-lost e2e');

/** The banner's words once the tab has given up; empty while it still tries. */
const lostBanner = async (page: Page): Promise<string> => {
  const banner = page.getByTestId('connection-lost');
  return (await banner.count()) > 0 ? banner.innerText() : '';
};

describe.skipIf(!executablePath)('a tab whose Switchyard is gone', () => {
  let app: BrowserApp | undefined;
  let repo: TempRepo;
  let browser: Browser;
  let page: Page;
  /** The serves this file starts after the harness's own. */
  const restarted: ServeProcess[] = [];

  beforeAll(async () => {
    app = await startBrowserApp(executablePath!);
    ({ repo, browser, page } = app);
  });
  afterAll(async () => {
    for (const serve of restarted) await serve.stop();
    await app?.close();
  });

  it('without the token, the page tells npm start and switchyard serve users where the address is', async () => {
    const bare = await browser.newPage();
    try {
      await bare.goto(`http://127.0.0.1:${app!.serve.port}/`);
      const text = await bare.locator('main').innerText();
      expect(text).toContain('needs the address Switchyard printed when it started');
      expect(text).toContain('npm start');
      expect(text).toContain('switchyard serve');
      expect(text).toContain('switchyard url --repo /path/to/repository');
      expect(text).toContain('The desktop app opens its own window and needs no address.');
    } finally {
      await bare.close();
    }
  });

  it('after serve restarts elsewhere, the old tab stops trying and says how to get the new address', async () => {
    const first = app!.serve;
    await first.stop();
    const second = await startServe(repo.dir, first.env);
    restarted.push(second);
    expect(second.port).not.toBe(first.port);

    await expect.poll(() => lostBanner(page), { timeout: 30_000 }).toContain('This Switchyard has stopped');
    const banner = await lostBanner(page);
    expect(banner).toContain('This tab cannot reconnect');
    expect(banner).toContain(`switchyard url --repo ${repo.dir}`);
    await expect.poll(() => page.getByText('reconnecting…').count()).toBe(0);

    // The advice works: the command prints the new address, and the UI opens there.
    const printed = await second.cli('url', '--repo', repo.dir);
    expect(printed.stdout.trim()).toBe(second.url);
    await page.goto(`${printed.stdout.trim()}&renderer=dom`);
    await page.getByTestId('repo-path').filter({ hasText: repo.dir }).waitFor();
    expect(await page.getByTestId('connection-lost').count()).toBe(0);
  });

  it('a tab with the token of an earlier start on the same port says that token is refused', async () => {
    const second = restarted[0]!;
    const oldToken = new URL(second.url).searchParams.get('token')!;
    await second.stop();
    const third = await startServe(repo.dir, second.env, ['--port', String(second.port)]);
    restarted.push(third);
    expect(third.port).toBe(second.port);

    // The same address with the earlier token: the page loads, the socket is refused.
    await page.goto(`http://127.0.0.1:${third.port}/?token=${oldToken}&renderer=dom`);
    await expect.poll(() => lostBanner(page), { timeout: 30_000 }).toContain('no longer accepts this tab’s access token');
    expect(await lostBanner(page)).toContain('npm start');
  });
});
