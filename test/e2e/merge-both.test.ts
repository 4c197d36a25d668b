/**
 * "Merge both" as a user drives it on the map in the browser UI of `switchyard serve`: two real
 * Codex agents against the scripted model edit two files, the second from a stale copy, so each of
 * its writes drops the first agent's edit. On the file where they changed different lines, the
 * overlap conflict's Merge both action previews a clean merge and writes it in one click; on the
 * file where they changed the same line, the preview shows the conflict region and nothing is
 * written until the user ticks that they want the conflict markers.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumForSuite, saveScreenshot, startBrowserApp, type BrowserApp } from '../harness/browser-app';
import { updateFileStep, type ModelServer, type ScenarioStep } from '../harness/model-server';
import { processesOfAgent } from '../harness/processes';
import type { ServeProcess } from '../harness/serve-process';
import type { TempRepo } from '../harness/temp-repo';

const executablePath = chromiumForSuite('merge both e2e');

const LINES = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];
const text = (lines: readonly string[]): string => `${lines.join('\n')}\n`;
const withLines = (changes: Record<number, string>): string[] => LINES.map((line, i) => changes[i] ?? line);
const staleWrite = (file: string, lines: readonly string[]): ScenarioStep => ({ kind: 'exec', cmd: `printf '${lines.join('\\n')}\\n' > ${file}` });
const awaitLine = (file: string, line: string): ScenarioStep => ({ kind: 'exec', cmd: `until grep -q '${line}' ${file}; do sleep 0.2; done` });

describe.skipIf(!executablePath)('Merge both on the map in the browser UI', () => {
  let app: BrowserApp | undefined;
  let model: ModelServer;
  let repo: TempRepo;
  let serve: ServeProcess;
  let page: Page;

  const map = (): Locator => page.getByRole('region', { name: 'Change map' });
  const overlapOn = (file: string): Locator => map().getByRole('region', { name: 'Conflicts' }).locator('[data-kind="overlap"]').filter({ hasText: file });
  const launch = async (name: string, scenario: string): Promise<string> => {
    const launched = await serve.cli('launch', '--repo', repo.dir, '--name', name, '--task', `Edit the lines [scenario:${scenario}]`, '--json');
    expect(launched.code, launched.stderr).toBe(0);
    return (JSON.parse(launched.stdout) as { id: string }).id;
  };

  beforeAll(async () => {
    app = await startBrowserApp(executablePath!, { viewport: { width: 1500, height: 950 } });
    ({ model, repo, serve, page } = app);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('previews and writes a clean merge in one click, and shows a conflicted one without writing it', async () => {
    // Observe mode: the gate lets the second agent write over the first one's files.
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('Write gate').selectOption('observe');
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.waitFor({ state: 'hidden' });
    for (const file of ['apart.txt', 'same.txt']) repo.write(file, text(LINES));
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'lines');

    model.script('merge-alpha', [
      updateFileStep('apart.txt', 'two', ['TWO by alpha']),
      updateFileStep('same.txt', 'four', ['FOUR by alpha']),
      { kind: 'message', text: 'alpha done' },
    ]);
    model.script('merge-beta', [
      awaitLine('same.txt', 'FOUR by alpha'),
      staleWrite('apart.txt', withLines({ 6: 'SEVEN by beta' })),
      staleWrite('same.txt', withLines({ 3: 'four by beta' })),
      { kind: 'message', text: 'beta done' },
    ]);
    const alpha = await launch('alpha', 'merge-alpha');
    const beta = await launch('beta', 'merge-beta');
    await page.getByRole('button', { name: 'Map' }).click();

    // The clean one: different lines. The conflict offers Merge both; its preview says so and shows the diff.
    const apart = overlapOn('apart.txt');
    const mergeApart = apart.getByRole('button', { name: /^Merge both: keep agent "beta"'s apart\.txt and bring back agent "alpha"'s changes$/ });
    await mergeApart.waitFor({ timeout: 90_000 });
    expect(repo.read('apart.txt')).toBe(text(withLines({ 6: 'SEVEN by beta' })));
    await mergeApart.click();
    const dialog = page.getByRole('dialog', { name: 'Merge both versions of apart.txt' });
    await expect.poll(() => dialog.getByTestId('merge-verdict').innerText()).toContain('The versions merge cleanly');
    expect(await dialog.innerText()).toMatch(/alpha[\s\S]*beta/);
    await expect.poll(() => dialog.getByTestId('diff-viewer').innerText()).toContain('TWO by alpha');
    await saveScreenshot(page, 'merge-both-clean.png');
    await dialog.getByRole('button', { name: 'Write the merge' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => repo.read('apart.txt')).toBe(text(withLines({ 1: 'TWO by alpha', 6: 'SEVEN by beta' })));
    await page.getByRole('status').filter({ hasText: 'Merged both versions of apart.txt' }).waitFor();
    // The merge settles the overlap on that file.
    await expect.poll(() => apart.count(), { timeout: 15_000 }).toBe(0);

    // The conflicted one: the same line. The preview shows the region; nothing is written unasked.
    const same = overlapOn('same.txt');
    await same.getByRole('button', { name: /^Merge both/ }).click();
    const conflicted = page.getByRole('dialog', { name: 'Merge both versions of same.txt' });
    await expect.poll(() => conflicted.getByTestId('merge-verdict').innerText()).toContain('1 region could not be merged');
    const region = await conflicted.locator('.merge-region pre').innerText();
    expect(region).toContain('four by beta');
    expect(region).toContain('FOUR by alpha');
    expect(region).toMatch(/^<<<<<<< ours/);
    const writeMarkers = conflicted.getByRole('button', { name: 'Write with conflict markers' });
    expect(await writeMarkers.isDisabled()).toBe(true);
    expect(await conflicted.getByRole('button', { name: 'Resolve with an agent' }).isEnabled()).toBe(true);
    await saveScreenshot(page, 'merge-both-conflicted.png');
    await conflicted.getByRole('button', { name: 'Cancel' }).click();
    await conflicted.waitFor({ state: 'hidden' });
    expect(repo.read('same.txt')).toBe(text(withLines({ 3: 'four by beta' })));

    for (const id of [alpha, beta]) await serve.cli('stop', '--repo', repo.dir, id);
    for (const id of [alpha, beta]) await expect.poll(() => processesOfAgent(id), { timeout: 20_000 }).toEqual([]);
  });
});
