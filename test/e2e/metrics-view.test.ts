/**
 * The Metrics view as a user opens it in the browser UI of `switchyard serve`, after two real Codex
 * agents ran against the scripted model: Alt+S shows it in the terminals' place, each of its charts
 * is drawn (SVG shapes in the state strip, the tokens and cost bars, the edits area), its table
 * shows the tokens the model server reported, and Esc brings the terminals back.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentListItem, chromiumForSuite, saveScreenshot, startBrowserApp, type BrowserApp } from '../harness/browser-app';
import { addFileStep, type ModelServer } from '../harness/model-server';
import type { ServeProcess } from '../harness/serve-process';
import type { TempRepo } from '../harness/temp-repo';

const executablePath = chromiumForSuite('metrics view e2e');

describe.skipIf(!executablePath)('the Metrics view in the browser UI', () => {
  let app: BrowserApp | undefined;
  let model: ModelServer;
  let repo: TempRepo;
  let serve: ServeProcess;
  let page: Page;

  const view = (): Locator => page.getByRole('region', { name: 'Metrics' });
  const chart = (name: string): Locator => view().locator(`figure[data-chart="${name}"] svg`);
  const launch = async (name: string, scenario: string): Promise<void> => {
    const launched = await serve.cli('launch', '--repo', repo.dir, '--name', name, '--task', `Write files [scenario:${scenario}]`, '--json');
    expect(launched.code, launched.stderr).toBe(0);
  };

  beforeAll(async () => {
    app = await startBrowserApp(executablePath!, { viewport: { width: 1400, height: 1000 } });
    ({ model, repo, serve, page } = app);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('opens with Alt+S, draws the state strips, tokens, cost and edits charts, and closes with Esc', async () => {
    model.script('writer-a', [
      { ...addFileStep('a.txt', 'from a'), usage: { input: 12_000, cachedInput: 9_000, output: 800 } },
      { ...addFileStep('a2.txt', 'more from a'), usage: { input: 14_000, cachedInput: 12_000, output: 600 } },
      { kind: 'message', text: 'a done', usage: { input: 15_000, cachedInput: 14_000, output: 200 } },
    ]);
    model.script('writer-b', [
      { ...addFileStep('b.txt', 'from b'), usage: { input: 30_000, cachedInput: 5_000, output: 2_500 } },
      { kind: 'message', text: 'b done', usage: { input: 32_000, cachedInput: 29_000, output: 300 } },
    ]);
    await launch('writer a', 'writer-a');
    await launch('writer b', 'writer-b');
    for (const name of ['writer a', 'writer b']) {
      await agentListItem(page, name).locator('[data-status="finished"]').waitFor({ timeout: 60_000 });
    }

    await page.keyboard.press('Alt+KeyS');
    await view().waitFor();
    expect(await page.getByRole('button', { name: 'Metrics' }).getAttribute('aria-pressed')).toBe('true');
    // The table shows what the model server reported for writer b (input with cached input, then output).
    const reportedB = model.usageReported('writer-b');
    const rowB = view().getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'writer b' }) });
    await rowB.getByRole('cell', { name: `${reportedB.input} (${reportedB.cachedInput})` }).waitFor({ timeout: 30_000 });
    expect(await rowB.getByRole('cell', { name: String(reportedB.output), exact: true }).count()).toBe(1);

    // Every chart is drawn: bars are SVG paths in recharts' rectangles, the edits chart an area path.
    for (const name of ['timeline', 'tokens', 'cost']) {
      await chart(name).locator('.recharts-bar-rectangle path').first().waitFor();
      expect(await chart(name).locator('.recharts-bar-rectangle path').count(), name).toBeGreaterThanOrEqual(2);
    }
    await chart('velocity').locator('path.recharts-area-area').first().waitFor();
    const areas = await chart('velocity').locator('path.recharts-area-area').evaluateAll((paths) => paths.map((p) => p.getAttribute('d') ?? ''));
    expect(areas.length).toBe(2);
    for (const d of areas) expect(d).toMatch(/^M[\d.]+,[\d.]+/);
    // Each agent has a strip in the timeline.
    const names = await chart('timeline').locator('.recharts-yAxis-tick-labels').textContent();
    expect(names).toContain('writer a');
    expect(names).toContain('writer b');
    // The "finished" notifications would cover the charts in the picture.
    await page.addStyleTag({ content: '.toasts { display: none; }' });
    await saveScreenshot(page, 'metrics.png', 'metrics.png');

    await page.keyboard.press('Escape');
    await view().waitFor({ state: 'detached' });
    expect(await page.getByRole('button', { name: 'Metrics' }).getAttribute('aria-pressed')).toBe('false');
    // And back through the header's button.
    await page.getByRole('button', { name: 'Metrics' }).click();
    await chart('tokens').locator('.recharts-bar-rectangle path').first().waitFor();
  });
});
