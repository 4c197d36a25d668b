import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumForSuite, startBrowserApp, type BrowserApp } from '../harness/browser-app';

const executablePath = chromiumForSuite('explore');
describe('explore', () => {
  let app: BrowserApp | undefined;
  let page: Page;
  beforeAll(async () => {
    app = await startBrowserApp(executablePath!, { viewport: { width: 1300, height: 760 } });
    page = app.page;
  });
  afterAll(async () => { await app?.close(); });
  it('shots', async () => {
    const { model, serve, repo } = app!;
    model.script('idle', [{ kind: 'message', text: 'ready' }]);
    for (const name of ['alpha', 'beta']) {
      const r = await serve.cli('launch', '--repo', repo.dir, '--name', name, '--task', `Go [scenario:idle]`, '--json');
      expect(r.code).toBe(0);
    }
    await page.getByRole('status').filter({ hasText: 'beta finished' }).waitFor({ timeout: 60000 });
    console.log('perm before', await page.evaluate(() => Notification.permission));
    await page.getByRole('button', { name: 'Enable desktop notifications' }).click();
    await page.waitForTimeout(1500);
    console.log('perm after', await page.evaluate(() => Notification.permission));
    console.log('scrollbar', await page.evaluate(() => { const d = document.createElement('div'); d.style.cssText='width:100px;height:50px;overflow-y:scroll'; document.body.appendChild(d); const w = d.offsetWidth - d.clientWidth; d.remove(); return w; }));
    await page.screenshot({ path: '/tmp/navshots/a-tabs.png' });
    await page.getByLabel('Repository path').fill('/nope/this/is/not/a/repository/and/the/path/is/long/enough/to/be/cut/off');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.waitForTimeout(800);
    await page.getByRole('button', { name: 'Monitor' }).click();
    await page.waitForTimeout(2500);
    await page.screenshot({ path: '/tmp/navshots/b-alert-monitor.png' });
    await page.locator('.app-title').click();
    await page.keyboard.press('?');
    await page.waitForTimeout(300);
    await page.screenshot({ path: '/tmp/navshots/c-shortcuts.png' });
    await page.keyboard.press('Escape');
    await page.locator('.sidebar').getByRole('button', { name: 'Stop all' }).click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: '/tmp/navshots/d-stopall.png' });
  });
});
