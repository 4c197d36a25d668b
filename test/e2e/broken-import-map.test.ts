/**
 * A broken import on the lock/conflict map of `switchyard serve`: a real Codex agent writes a file
 * that imports a module which does not exist, and the map lists a "Broken import" conflict
 * naming the agent, the file, and an action to tell the agent. Needs `npm run build`.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumForSuite, startBrowserApp, type BrowserApp } from '../harness/browser-app';
import { addFileStep } from '../harness/model-server';
import { processesOfAgent } from '../harness/processes';

const executablePath = chromiumForSuite('broken import map e2e');

describe.skipIf(!executablePath)('a broken import on the map', () => {
  let app: BrowserApp | undefined;
  let page: Page;

  const conflicts = (): Locator => page.getByRole('region', { name: 'Change map' }).getByRole('region', { name: 'Conflicts' });

  beforeAll(async () => {
    app = await startBrowserApp(executablePath!);
    page = app.page;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the import of a module that never existed as a "Broken import" with the agent and a message action', async () => {
    const { model, repo, serve } = app!;
    model.script('map-importer', [
      addFileStep('src/report.ts', "import { discount } from './pricing';\nexport const report = discount;"),
      { kind: 'message', text: 'importer idles', delayMs: 90_000 },
    ]);
    const launched = await serve.cli('launch', '--repo', repo.dir, '--name', 'importer', '--task', 'Write a report [scenario:map-importer]', '--json');
    expect(launched.code, launched.stderr).toBe(0);
    const id = (JSON.parse(launched.stdout) as { id: string }).id;

    await page.getByRole('button', { name: 'Map' }).click();
    const card = conflicts().locator('[data-kind="broken-import"]');
    await card.waitFor({ timeout: 60_000 });
    expect(await card.locator('.map-conflict-kind').innerText()).toBe('Broken import');
    const text = await card.innerText();
    expect(text).toContain('src/report.ts imports the module ./pricing, which does not exist.');
    expect(text).toContain('importer');
    await card.getByRole('button', { name: 'src/report.ts', exact: true }).waitFor();
    await card.getByRole('button', { name: 'Tell agent "importer"' }).click();
    // The suggested message opens for editing before it is sent.
    expect(await card.getByRole('form', { name: 'Message to importer' }).locator('textarea').inputValue()).toContain(
      'src/report.ts imports the module ./pricing, which does not exist',
    );

    await serve.cli('stop', '--repo', repo.dir, id);
    await expect.poll(() => processesOfAgent(id), { timeout: 20_000 }).toEqual([]);
  });
});
