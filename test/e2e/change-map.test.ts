/**
 * The lock/conflict map as a user sees and drives it in the browser UI of `switchyard serve`, with
 * two real Codex agents against the scripted model writing the same file: the file shows in both
 * agents' colours (and under each agent's filter) with an overlap conflict beside it, updates live,
 * its timeline and diff open on a click, and the conflict's restore action writes the first
 * agent's content back byte for byte.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumForSuite, saveScreenshot, startBrowserApp, type BrowserApp } from '../harness/browser-app';
import type { ModelServer, ScenarioStep } from '../harness/model-server';
import { processesOfAgent } from '../harness/processes';
import type { ServeProcess } from '../harness/serve-process';
import type { TempRepo } from '../harness/temp-repo';

const executablePath = chromiumForSuite('change map e2e');

const FILE = 'src/shared.txt';
const ALPHA_CONTENT = 'alpha wrote this line\nand this one, with a tab\there\n';
const BETA_CONTENT = 'beta overwrote it\n';

/** A shell write (printf, so the bytes are exact) of `content` to FILE. */
const writeStep = (content: string): ScenarioStep => ({
  kind: 'exec',
  cmd: `mkdir -p src && printf '${content.replace(/\n/g, '\\n').replace(/\t/g, '\\t')}' > ${FILE}`,
});

describe.skipIf(!executablePath)('the lock/conflict map in the browser UI', () => {
  let app: BrowserApp | undefined;
  let model: ModelServer;
  let repo: TempRepo;
  let serve: ServeProcess;
  let page: Page;

  const map = (): Locator => page.getByRole('region', { name: 'Change map' });
  const fileRow = (): Locator => map().getByRole('tree', { name: 'Touched files' }).locator(`[data-path="${FILE}"]`);
  const conflicts = (): Locator => map().getByRole('region', { name: 'Conflicts' });
  const filterChip = (name: string | RegExp): Locator => map().getByRole('group', { name: 'Filter by agent' }).getByRole('button', { name });
  const launch = async (name: string, scenario: string): Promise<string> => {
    const launched = await serve.cli('launch', '--repo', repo.dir, '--name', name, '--task', `Write ${FILE} [scenario:${scenario}]`, '--json');
    expect(launched.code, launched.stderr).toBe(0);
    return (JSON.parse(launched.stdout) as { id: string }).id;
  };

  beforeAll(async () => {
    app = await startBrowserApp(executablePath!, { viewport: { width: 1500, height: 900 } });
    ({ model, repo, serve, page } = app);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows two agents’ writes to one file with an overlap conflict, live, and its restore action brings the first agent’s bytes back', async () => {
    // Observe mode: the gate lets the second agent write the first one's file, so the overlap happens for real.
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('Write gate').selectOption('observe');
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.waitFor({ state: 'hidden' });

    // The map, opened from the header before anything is written, shows that nothing is yet.
    await page.getByRole('button', { name: 'Map' }).click();
    expect(await page.getByRole('button', { name: 'Map' }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => map().innerText()).toContain('No agent has touched or claimed a file yet');

    // alpha writes the file; beta waits for alpha's content, then overwrites it and stays on its turn.
    model.script('map-alpha', [writeStep(ALPHA_CONTENT), { kind: 'message', text: 'alpha done' }]);
    model.script('map-beta', [
      { kind: 'exec', cmd: `until grep -q alpha ${FILE} 2>/dev/null; do sleep 0.2; done` },
      writeStep(BETA_CONTENT),
      { kind: 'message', text: 'beta idles', delayMs: 90_000 },
    ]);
    const alpha = await launch('alpha', 'map-alpha');
    await expect.poll(() => fileRow().getAttribute('data-owners'), { timeout: 60_000 }).toBe(alpha);

    const beta = await launch('beta', 'map-beta');
    // Live: the overwrite shows on the open map shortly after it lands on disk.
    await expect.poll(() => (repo.exists(FILE) ? repo.read(FILE) : ''), { timeout: 60_000, interval: 20 }).toBe(BETA_CONTENT);
    const landed = Date.now();
    await expect.poll(() => fileRow().getAttribute('data-owners'), { timeout: 10_000, interval: 20 }).toBe(`${beta} ${alpha}`);
    const shownAfterMs = Date.now() - landed;
    console.log(`change map: the overwrite showed ${shownAfterMs} ms after it reached the disk`);
    // Printed, not asserted: speed belongs to the benchmarks (the core announces within 100 ms and
    // the view refetches within 250 ms; the poll above fails the test if the map never updates).

    // The file is drawn in both agents' colours, says who wrote it, and is marked as in a conflict.
    const row = fileRow();
    expect(await row.getAttribute('data-conflict')).toMatch(/warning|critical/);
    expect(await row.innerText()).toMatch(/written by beta and alpha/);
    expect(await row.locator('.map-swatch').getAttribute('style')).toContain('linear-gradient');

    // It is in both agents' context: each agent's filter shows it.
    for (const name of ['alpha', 'beta']) {
      await filterChip(new RegExp(`^${name} `)).click();
      await expect.poll(() => fileRow().count()).toBe(1);
    }
    await filterChip(/^All /).click();

    // The overlap conflict names both agents and offers a restore of alpha's version.
    const overlap = conflicts().locator('[data-kind="overlap"]');
    await overlap.waitFor({ timeout: 15_000 });
    expect(await overlap.innerText()).toContain(FILE);
    expect(await overlap.innerText()).toMatch(/alpha/);
    expect(await overlap.innerText()).toMatch(/beta/);
    expect(await page.getByTestId('map-conflict-count').innerText()).toMatch(/^[1-9]\d*$/);

    // A click on the file opens its timeline (alpha's version, then beta's) and the diff between them.
    await row.click();
    const detail = map().getByTestId('map-file-detail');
    const versions = detail.getByRole('list', { name: 'Versions' }).getByRole('button');
    await expect.poll(() => versions.count()).toBeGreaterThanOrEqual(2);
    expect(await versions.first().innerText()).toContain('beta');
    await expect.poll(() => detail.getByTestId('diff-viewer').innerText()).toContain('beta overwrote it');
    expect(await detail.getByTestId('diff-viewer').innerText()).toContain('alpha wrote this line');

    await saveScreenshot(page, 'change-map.png', 'map.png');

    // The conflict's restore action asks first; confirming writes alpha's bytes back, and nothing else.
    await overlap.getByRole('button', { name: /^Restore version \d+ of src\/shared\.txt \(by agent "alpha"\)/ }).click();
    const confirm = page.getByRole('dialog', { name: 'Restore this version' });
    await expect.poll(() => confirm.innerText()).toContain('alpha');
    await confirm.getByRole('button', { name: /^Restore version \d+$/ }).click();
    await confirm.waitFor({ state: 'hidden' });
    await expect.poll(() => fs.readFileSync(path.join(repo.dir, FILE))).toEqual(Buffer.from(ALPHA_CONTENT));
    expect(await page.getByRole('status').filter({ hasText: `of ${FILE}` }).count()).toBeGreaterThan(0);
    expect(repo.read('README.md')).toBe('# test repository\n');
    // The restore is a new version in the timeline.
    await expect.poll(() => versions.count()).toBeGreaterThanOrEqual(3);

    // Stopping beta from the conflict (offered while it is still on its turn) ends its processes.
    await conflicts().getByRole('button', { name: 'Stop agent "beta"' }).first().click();
    await expect.poll(() => processesOfAgent(beta), { timeout: 20_000 }).toEqual([]);
    await page.getByRole('status').filter({ hasText: 'Stopped beta' }).waitFor();
    // Alt+M hides the map (the terminals come back) and shows it again.
    await page.keyboard.press('Alt+KeyM');
    await map().waitFor({ state: 'detached' });
    expect(await page.getByRole('button', { name: 'Map' }).getAttribute('aria-pressed')).toBe('false');
    await page.keyboard.press('Alt+KeyM');
    await fileRow().waitFor();

    for (const id of [alpha, beta]) await serve.cli('stop', '--repo', repo.dir, id);
    for (const id of [alpha, beta]) await expect.poll(() => processesOfAgent(id), { timeout: 20_000 }).toEqual([]);
  });

  it('draws 1,200 touched files without stutter: only the rows in view exist, and the page keeps answering while they arrive', async () => {
    const BULK = 1_200;
    await page.evaluate(() => {
      const w = window as unknown as { longestTaskMs: number };
      w.longestTaskMs = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.longestTaskMs = Math.max(w.longestTaskMs, entry.duration);
      }).observe({ type: 'longtask' });
    });
    // The user writes them (no agent runs), so they are unattributed: one directory, one burst.
    for (let i = 0; i < BULK; i++) repo.write(`bulk/file${i}.txt`, `bulk file ${i}\n`);

    const unattributed = filterChip(/^Unattributed /);
    await expect.poll(() => unattributed.innerText(), { timeout: 60_000 }).toMatch(new RegExp(`^Unattributed\\s+${BULK}$`));
    const tree = map().getByRole('tree', { name: 'Touched files' });
    const rendered = await tree.locator('.map-row').count();
    console.log(`change map: ${rendered} rows rendered for ${BULK + 1} files`);
    expect(rendered).toBeLessThan(150);

    // The last file (by name) is reachable by scrolling, and opens like any other.
    await tree.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    const last = tree.locator('[data-path="bulk/file999.txt"]');
    await last.waitFor();
    await last.click();
    await expect.poll(() => map().getByTestId('map-file-detail').innerText()).toContain('bulk/file999.txt');
    expect(await tree.locator('.map-row').count()).toBeLessThan(150);
    // The keyboard walks the tree too: up one row, Enter opens that file.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect.poll(() => map().getByTestId('map-file-detail').innerText()).toContain('bulk/file998.txt');

    // An unattributed file can be given to an agent: the map then draws it in that agent's colour.
    const detail = map().getByTestId('map-file-detail');
    await detail.getByRole('button', { name: 'Assign to agent…' }).click();
    const assign = detail.getByRole('form', { name: 'Assign to agent' });
    await assign.getByRole('combobox').selectOption({ label: 'alpha' });
    await assign.getByRole('button', { name: 'Assign' }).click();
    await page.getByRole('status').filter({ hasText: 'of bulk/file998.txt to alpha' }).waitFor();
    const alphaId = (await page.getByRole('list', { name: 'Agents' }).getByRole('listitem').filter({ hasText: 'alpha' }).getAttribute('data-agent-id'))!;
    await expect.poll(() => tree.locator('[data-path="bulk/file998.txt"]').getAttribute('data-owners')).toBe(alphaId);

    const longestTaskMs = await page.evaluate(() => (window as unknown as { longestTaskMs: number }).longestTaskMs);
    console.log(`change map: longest main-thread task while ${BULK} files arrived: ${Math.round(longestTaskMs)} ms`);
    // Printed, not asserted (speed belongs to the benchmarks); the row count above is what proves
    // the list is virtualised.
  });
});
