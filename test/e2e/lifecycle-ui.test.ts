/**
 * The agent lifecycle as a user drives it in the browser UI of `switchyard serve`, with real Codex
 * agents against the scripted model: the queue (Settings' max concurrent, "Waits for"), the
 * "finished" notification as a toast, Resume of a stopped agent, and Stop all.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumForSuite, startBrowserApp, type BrowserApp } from '../harness/browser-app';
import { addFileStep, type ModelServer } from '../harness/model-server';
import { processesOfAgent } from '../harness/processes';
import type { TempRepo } from '../harness/temp-repo';

const executablePath = chromiumForSuite('lifecycle UI e2e');

describe.skipIf(!executablePath)('agent lifecycle in the browser UI', () => {
  let app: BrowserApp | undefined;
  let model: ModelServer;
  let repo: TempRepo;
  let page: Page;

  const item = (name: string): Locator =>
    page.getByRole('list', { name: 'Agents' }).getByRole('listitem').filter({ has: page.getByRole('button', { name, exact: true }) });
  const statusOf = (name: string): Promise<string | null> => item(name).locator('[data-status]').getAttribute('data-status');
  const pidOf = (name: string): Promise<string> => item(name).locator('.agent-pid').innerText();

  const launchFromForm = async (fields: { name: string; task: string; waitsFor?: string; priority?: string }): Promise<string> => {
    await page.getByRole('button', { name: 'New agent' }).click();
    await page.getByLabel('Name').fill(fields.name);
    await page.getByLabel('Task').fill(fields.task);
    if (fields.waitsFor) {
      await page.getByRole('group', { name: 'Waits for' }).getByRole('checkbox', { name: fields.waitsFor, exact: true }).check();
    }
    if (fields.priority) await page.getByLabel('Priority').fill(fields.priority);
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await item(fields.name).waitFor();
    return (await item(fields.name).getAttribute('data-agent-id'))!;
  };

  beforeAll(async () => {
    app = await startBrowserApp(executablePath!, { viewport: { width: 1400, height: 860 } });
    ({ model, repo, page } = app);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('queues a dependant, toasts when its dependency finishes, starts it only when a slot frees, and resumes a stopped agent', async () => {
    // The first answer comes late, so the dependant is launched while "first" still works on its task.
    model.script('life-first', [addFileStep('first.txt', 'by first', 4000), { kind: 'message', text: 'first-finished' }]);
    model.script('life-second', [{ kind: 'message', text: 'second-finished' }]);

    // One agent at a time, set in Settings; reopening shows the saved value.
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('Max concurrent agents').fill('1');
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect.poll(() => settings.getByLabel('Max concurrent agents').inputValue()).toBe('1');
    await settings.getByRole('button', { name: 'Cancel' }).click();
    await settings.waitFor({ state: 'hidden' });

    const first = await launchFromForm({ name: 'first', task: 'Write first.txt [scenario:life-first]' });
    await expect.poll(() => statusOf('first'), { timeout: 30_000 }).toMatch(/starting|working|idle/);
    const second = await launchFromForm({ name: 'second', task: 'Answer [scenario:life-second]', waitsFor: 'first', priority: '3' });

    // Queued behind "first": the item says what it waits for, by name, and its priority.
    expect(await statusOf('second')).toBe('queued');
    expect(await item('second').getByTestId(`queue-${second}`).innerText()).toBe('Waits for first · priority 3');

    // "first" finishes its task (Codex's Stop hook): a toast says so, styled as news, not an error.
    const finished = page.getByRole('status').filter({ hasText: 'first finished its task' });
    await finished.waitFor({ timeout: 60_000 });
    expect(await finished.getAttribute('data-tone')).toBe('info');
    expect(repo.read('first.txt')).toBe('by first\n');

    // Its dependency is met, but "first" still holds the only slot: "second" stays queued.
    await expect.poll(() => item('second').getByTestId(`queue-${second}`).innerText()).toBe('Waits for a free slot · priority 3');
    expect(await statusOf('second')).toBe('queued');
    expect(model.requestCount('life-second')).toBe(0);

    // Stopping "first" frees the slot, and "second" starts: its Codex asks the model.
    const firstPid = await pidOf('first');
    await item('first').getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(() => statusOf('first'), { timeout: 20_000 }).toBe('stopped');
    await expect.poll(() => statusOf('second'), { timeout: 30_000 }).toMatch(/starting|working|idle/);
    await expect.poll(() => model.requestCount('life-second'), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(processesOfAgent(first)).toEqual([]);

    // Resume continues the stopped agent's Codex session in a new process.
    await item('first').getByRole('button', { name: 'Resume', exact: true }).click();
    await expect.poll(() => statusOf('first'), { timeout: 30_000 }).toMatch(/starting|working|idle/);
    await expect.poll(() => processesOfAgent(first).length, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await item('first').getByRole('button', { name: 'Resume' }).count()).toBe(0);
    expect(await pidOf('first')).toMatch(/^pid \d+$/);
    expect(await pidOf('first')).not.toBe(firstPid);

    // Stop all, after confirming in the app's dialog, ends both.
    const stopAll = page.locator('.sidebar').getByRole('button', { name: 'Stop all' });
    await stopAll.click();
    const confirm = page.getByRole('dialog', { name: 'Stop all agents' });
    await confirm.getByRole('button', { name: 'Stop all' }).click();
    await confirm.waitFor({ state: 'hidden' });
    for (const name of ['first', 'second']) {
      await expect.poll(() => statusOf(name), { timeout: 30_000 }).toBe('stopped');
    }
    // The button is back (and disabled, nothing is left to stop) once the core verified the stops.
    await expect.poll(async () => (await stopAll.count()) === 1 && (await stopAll.isDisabled()), { timeout: 30_000 }).toBe(true);
    expect(processesOfAgent(first)).toEqual([]);
    expect(processesOfAgent(second)).toEqual([]);
  });
});
