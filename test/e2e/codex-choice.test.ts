/**
 * Which Codex runs, as a user sees it in the browser UI of `switchyard serve`: the header names
 * its version and why (the path on hover), Settings refuses a Codex binary that does not exist,
 * and a Codex path set there is what the header then names (unless SWITCHYARD_CODEX_PATH wins).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumForSuite, startBrowserApp, type BrowserApp } from '../harness/browser-app';
import { codexUnderTest } from '../harness/codex-under-test';

const executablePath = chromiumForSuite('Codex choice e2e');

describe.skipIf(!executablePath)('which Codex runs, in the browser UI', () => {
  let app: BrowserApp | undefined;
  let page: Page;

  beforeAll(async () => {
    app = await startBrowserApp(executablePath!);
    page = app.page;
  });
  afterAll(async () => {
    await app?.close();
  });

  const saveCodexPath = async (value: string): Promise<void> => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('Codex binary').fill(value);
    await settings.getByRole('button', { name: 'Save' }).click();
  };

  it('names the Codex in the header, refuses a missing binary in Settings, and follows the setting', async () => {
    const expected = codexUnderTest(app!.serve.env);
    const badge = page.locator('.codex-badge');
    const short = { flag: '--codex-path', env: 'env', setting: 'setting', path: 'on PATH', bundled: 'bundled' };
    await expect.poll(() => badge.innerText()).toMatch(new RegExp(`^Codex \\d+\\.\\d+\\.\\d+ · ${short[expected.source]}$`));
    expect(await badge.getAttribute('title')).toBe(`${expected.path} (${expected.reason})`);
    const version = /^Codex (\S+) ·/.exec(await badge.innerText())![1]!;

    const settings = page.getByRole('dialog', { name: 'Settings' });
    await saveCodexPath('/no/such/codex');
    await expect.poll(() => settings.getByRole('alert').innerText()).toContain('The Codex binary from the Codex path setting (/no/such/codex) does not exist.');
    await settings.getByRole('button', { name: 'Cancel' }).click();
    await settings.waitFor({ state: 'hidden' });

    // The same binary, named by the setting: the header says so (SWITCHYARD_CODEX_PATH would still win).
    await saveCodexPath(expected.path);
    await settings.waitFor({ state: 'hidden' });
    const source = expected.source === 'env' ? 'env' : 'setting';
    await expect.poll(() => badge.innerText()).toBe(`Codex ${version} · ${short[source]}`);
    await expect.poll(() => badge.getAttribute('title')).toBe(`${expected.path} (${source === 'env' ? expected.reason : 'from the Codex path setting'})`);

    await saveCodexPath('');
    await settings.waitFor({ state: 'hidden' });
    await expect.poll(() => badge.getAttribute('title')).toBe(`${expected.path} (${expected.reason})`);
  });
});
