/**
 * The agent lifecycle as a user drives it in the browser UI of `switchyard serve`, with real Codex
 * agents against the scripted model: the queue (Settings' max concurrent, "Waits for", what counts
 * against the limit, why an agent waits), the "finished" notification as a toast, Resume of a
 * stopped agent behind the limit, and Stop all.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentListItem, agentStatusInList, chromiumForSuite, startBrowserApp, type BrowserApp } from '../harness/browser-app';
import { addFileStep, type ModelServer } from '../harness/model-server';
import { processesOfAgent } from '../harness/processes';
import type { TempRepo } from '../harness/temp-repo';

const executablePath = chromiumForSuite('lifecycle UI e2e');

describe.skipIf(!executablePath)('agent lifecycle in the browser UI', () => {
  let app: BrowserApp | undefined;
  let model: ModelServer;
  let repo: TempRepo;
  let page: Page;

  const item = (name: string): Locator => agentListItem(page, name);
  const statusOf = (name: string): Promise<string | null> => agentStatusInList(page, name);
  const pidOf = (name: string): Promise<string> => item(name).locator('.agent-pid').innerText();
  /** The line above an agent's terminal (why it waits, failed or stopped), with that agent shown; '' when there is none. */
  const paneDetail = async (name: string): Promise<string> => {
    await item(name).getByRole('button', { name, exact: true }).click();
    return (await page.getByRole('region', { name: `Terminal of ${name}` }).locator('.agent-pane-detail').allInnerTexts()).join('');
  };

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

  it('queues a dependant, says in its pane why it waits, starts the next once the limit\'s agents finished, and queues a resume behind the limit', async () => {
    // The first answer comes late, so the dependant is launched while "first" still works on its task.
    model.script('life-first', [addFileStep('first.txt', 'by first', 4000), { kind: 'message', text: 'first-finished' }]);
    // "second" keeps working (its model answers late) and so keeps the only slot.
    model.script('life-second', [{ kind: 'message', text: 'second-finished', delayMs: 120_000 }]);
    model.script('life-third', [{ kind: 'message', text: 'third-finished' }]);

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
    await expect.poll(() => statusOf('first'), { timeout: 30_000 }).toMatch(/starting|ready|working/);
    const second = await launchFromForm({ name: 'second', task: 'Answer late [scenario:life-second]', waitsFor: 'first', priority: '3' });

    // Queued behind "first": its pane says what it waits for, by name; the list keeps its priority.
    expect(await statusOf('second')).toBe('queued');
    await expect.poll(() => paneDetail('second')).toBe(`Waiting for first (${first}) to finish its task.`);
    expect(await item('second').getByTestId(`queue-${second}`).innerText()).toBe('Priority 3');

    // "first" finishes its task (Codex's Stop hook): a toast says so, styled as news, not an error.
    const finished = page.getByRole('status').filter({ hasText: 'first finished its task' });
    await finished.waitFor({ timeout: 60_000 });
    expect(await finished.getAttribute('data-tone')).toBe('info');
    expect(repo.read('first.txt')).toBe('by first\n');

    // Finished, Codex still open: "first" no longer counts against the limit of 1, so "second" starts.
    await expect.poll(() => statusOf('first'), { timeout: 30_000 }).toBe('finished');
    await expect.poll(() => model.requestCount('life-second'), { timeout: 60_000 }).toBeGreaterThan(0);
    await expect.poll(() => statusOf('second'), { timeout: 30_000 }).toBe('working');
    expect(processesOfAgent(first).length).toBeGreaterThan(0);

    // "second" works and holds the slot: a third agent waits, and its pane says why.
    const third = await launchFromForm({ name: 'third', task: 'Answer [scenario:life-third]' });
    expect(await statusOf('third')).toBe('queued');
    await expect.poll(() => paneDetail('third')).toBe('Waiting: 1 of 1 agents working (limit in Settings).');
    expect(model.requestCount('life-third')).toBe(0);

    // Resume of a stopped agent obeys the same limit: it queues (behind "third") instead of starting.
    const firstPid = await pidOf('first');
    await item('first').getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(() => statusOf('first'), { timeout: 20_000 }).toBe('stopped');
    expect(processesOfAgent(first)).toEqual([]);
    await item('first').getByRole('button', { name: 'Resume', exact: true }).click();
    await expect.poll(() => statusOf('first'), { timeout: 10_000 }).toBe('queued');
    await expect.poll(() => paneDetail('first')).toBe('Waiting: 1 of 1 agents working (limit in Settings).');
    expect(processesOfAgent(first)).toEqual([]);
    expect(await item('first').getByRole('button', { name: 'Resume' }).count()).toBe(0);

    // Stopping "second" frees the slot: "third" starts and finishes, then "first" continues its session.
    await item('second').getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(() => statusOf('second'), { timeout: 20_000 }).toBe('stopped');
    await expect.poll(() => statusOf('third'), { timeout: 60_000 }).toBe('finished');
    expect(model.requestCount('life-third')).toBeGreaterThan(0);
    await expect.poll(() => processesOfAgent(first).length, { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => statusOf('first'), { timeout: 30_000 }).toMatch(/starting|ready|working|finished/);
    expect(await pidOf('first')).toMatch(/^pid \d+$/);
    expect(await pidOf('first')).not.toBe(firstPid);

    // Stop all, after confirming in the app's dialog, ends the two still open.
    const stopAll = page.locator('.sidebar').getByRole('button', { name: 'Stop all' });
    await stopAll.click();
    const confirm = page.getByRole('dialog', { name: 'Stop all agents' });
    await confirm.getByRole('button', { name: 'Stop all' }).click();
    await confirm.waitFor({ state: 'hidden' });
    for (const name of ['first', 'third']) {
      await expect.poll(() => statusOf(name), { timeout: 30_000 }).toBe('stopped');
    }
    // The button is back (and disabled, nothing is left to stop) once the core verified the stops.
    await expect.poll(async () => (await stopAll.count()) === 1 && (await stopAll.isDisabled()), { timeout: 30_000 }).toBe(true);
    for (const id of [first, second, third]) expect(processesOfAgent(id)).toEqual([]);
  });
});
