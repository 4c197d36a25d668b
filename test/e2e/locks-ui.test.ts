/**
 * Enforced locks as a user sees and drives them in the browser UI of `switchyard serve`, with real
 * Codex agents against the scripted model: claims chosen at launch, the Locks panel (holder, path,
 * mode, live age, fencing token, waiters), the write gate refusing another agent's write, claims
 * for the user, force-release after confirmation, and the write-gate settings.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentListItem, chromiumForSuite, startBrowserApp, type BrowserApp } from '../harness/browser-app';
import { addFileStep, type ModelServer } from '../harness/model-server';
import { processesOfAgent } from '../harness/processes';
import { APP_ROOT, type ServeProcess } from '../harness/serve-process';
import type { TempRepo } from '../harness/temp-repo';

const executablePath = chromiumForSuite('locks UI e2e');

/** The claims table's columns, in order. */
const COLUMNS = ['holder', 'path', 'mode', 'age', 'token', 'state'] as const;
type ClaimCells = Record<(typeof COLUMNS)[number], string>;

describe.skipIf(!executablePath)('locks in the browser UI', () => {
  let app: BrowserApp | undefined;
  let model: ModelServer;
  let repo: TempRepo;
  let serve: ServeProcess;
  let page: Page;

  const item = (name: string): Locator => agentListItem(page, name);
  const locksPanel = (): Locator => page.getByRole('region', { name: 'Locks' });
  const claimRows = (): Locator => locksPanel().getByRole('table', { name: 'Claims' }).getByRole('row');
  const claimRow = (holder: string, shownPath: string): Locator =>
    claimRows().filter({ has: page.getByRole('cell', { name: holder, exact: true }) }).filter({ has: page.getByRole('cell', { name: shownPath, exact: true }) });
  const cellsOf = async (row: Locator): Promise<ClaimCells> => {
    const texts = await row.getByRole('cell').allInnerTexts();
    return Object.fromEntries(COLUMNS.map((column, index) => [column, texts[index]?.trim() ?? ''])) as ClaimCells;
  };
  const cliLocks = async (): Promise<{ claims: Array<{ agentId: string | null; pattern: string }>; mode: string }> =>
    JSON.parse((await serve.cli('locks', '--repo', repo.dir, '--json')).stdout) as { claims: Array<{ agentId: string | null; pattern: string }>; mode: string };

  const launchFromForm = async (fields: { name: string; task: string; claims?: string[]; expectKnownPath?: string }): Promise<string> => {
    await page.getByRole('button', { name: 'New agent' }).click();
    const dialog = page.getByRole('dialog', { name: 'New agent' });
    await dialog.getByLabel('Name').fill(fields.name);
    await dialog.getByLabel('Task').fill(fields.task);
    for (const claim of fields.claims ?? []) {
      await dialog.getByLabel('Files it owns').fill(claim);
      await dialog.getByRole('button', { name: 'Add', exact: true }).click();
      await dialog.getByRole('list', { name: 'Claims it will hold' }).getByRole('listitem').filter({ hasText: claim }).waitFor();
    }
    if (fields.expectKnownPath) {
      // "Choose files…" offers the paths already claimed (there is no command to list the repository's files).
      await dialog.getByRole('button', { name: 'Choose files…' }).click();
      const known = dialog.getByRole('group', { name: 'Paths claimed before' });
      await known.getByRole('checkbox', { name: fields.expectKnownPath, exact: true }).waitFor();
      expect(await known.getByRole('checkbox', { name: fields.expectKnownPath, exact: true }).isChecked()).toBe(false);
    }
    await dialog.getByRole('button', { name: 'Start' }).click();
    await dialog.waitFor({ state: 'detached' });
    await item(fields.name).waitFor();
    return (await item(fields.name).getAttribute('data-agent-id'))!;
  };

  beforeAll(async () => {
    app = await startBrowserApp(executablePath!, { viewport: { width: 1400, height: 900 } });
    ({ model, repo, serve, page } = app);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the owner’s claim with its token, refuses the intruder’s write, queues and force-releases, and saves the gate mode', async () => {
    // The owner only idles (its model answers after a minute); the intruder tries to write the owner's file.
    model.script('lock-owner', [{ kind: 'message', text: 'owner idles', delayMs: 60_000 }]);
    model.script('lock-intruder', [addFileStep('owned.txt', 'the intruder was here'), { kind: 'message', text: 'intruder gave up' }]);

    const owner = await launchFromForm({ name: 'owner', task: 'Hold owned.txt [scenario:lock-owner]', claims: ['owned.txt'] });

    // The Locks panel lists the claim, held by "owner", exclusive, with a fencing token and an age that ticks.
    await page.getByRole('button', { name: 'Locks' }).click();
    const ownerRow = claimRow('owner', 'owned.txt');
    await ownerRow.waitFor({ timeout: 30_000 });
    const cells = await cellsOf(ownerRow);
    expect(cells).toMatchObject({ holder: 'owner', path: 'owned.txt', mode: 'exclusive', state: 'held' });
    expect(cells.token).toMatch(/^\d+$/);
    await expect.poll(async () => (await cellsOf(ownerRow)).age, { timeout: 5_000 }).not.toBe(cells.age);

    // The agent shows its claim too: a lock badge with the count in the list, the path in its pane header.
    expect(await item('owner').getByTestId(`lock-count-${owner}`).innerText()).toMatch(/1/);
    expect(await page.getByRole('list', { name: 'Claims of owner' }).innerText()).toContain('owned.txt');

    // The intruder's apply_patch to owned.txt is refused by the gate, and its model is told why.
    const intruder = await launchFromForm({ name: 'intruder', task: 'Write owned.txt [scenario:lock-intruder]', expectKnownPath: 'owned.txt' });
    await page.getByRole('status').filter({ hasText: 'intruder finished its task' }).waitFor({ timeout: 60_000 });
    expect(model.requestCount('lock-intruder')).toBeGreaterThanOrEqual(2);
    expect(repo.exists('owned.txt')).toBe(false);
    expect(model.lastInput('lock-intruder')).toContain('Switchyard refused this write');

    // A claim for the user on the owner's file is refused, in the form; a shared one on docs/ is granted.
    const userForm = locksPanel().getByRole('form', { name: 'Claim for me' });
    await userForm.getByLabel('Path or glob to claim for you').fill('owned.txt');
    await userForm.getByRole('button', { name: 'Claim for me' }).click();
    await expect.poll(() => userForm.getByRole('alert').innerText()).toContain(`agent "${owner}"`);
    await userForm.getByLabel('Path or glob to claim for you').fill('docs/');
    await userForm.getByLabel('Shared').check();
    await userForm.getByRole('button', { name: 'Claim for me' }).click();
    const userRow = claimRow('you', 'docs/');
    await userRow.waitFor();
    expect(await cellsOf(userRow)).toMatchObject({ holder: 'you', path: 'docs/', mode: 'shared' });
    expect(await userForm.getByRole('alert').count()).toBe(0);

    // The intruder queues for owned.txt (through the CLI, which waits until it is granted).
    const queued = serve.cli('lock', '--repo', repo.dir, '--agent', intruder, '--wait', '90', 'owned.txt');
    const waiterRow = locksPanel().getByRole('table', { name: 'Waiting' }).getByRole('row').filter({ hasText: 'owned.txt' });
    await waiterRow.waitFor({ timeout: 15_000 });
    expect((await waiterRow.getByRole('cell').allInnerTexts()).slice(0, 3)).toEqual(['intruder', 'owned.txt', '0']);

    fs.mkdirSync(path.join(APP_ROOT, 'test-results'), { recursive: true });
    await locksPanel().screenshot({ path: path.join(APP_ROOT, 'test-results', 'locks.png') });

    // Force release asks first, naming the holder and the path; cancelling keeps the claim.
    await ownerRow.getByRole('button', { name: 'Force release owned.txt held by owner' }).click();
    const confirm = page.getByRole('dialog', { name: 'Force release' });
    expect(await confirm.innerText()).toMatch(/owned\.txt[\s\S]*owner/);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(await ownerRow.count()).toBe(1);

    await ownerRow.getByRole('button', { name: 'Force release owned.txt held by owner' }).click();
    await confirm.getByRole('button', { name: 'Force release', exact: true }).click();
    await confirm.waitFor({ state: 'hidden' });
    await expect.poll(() => ownerRow.count()).toBe(0);
    expect(await item('owner').getByTestId(`lock-count-${owner}`).count()).toBe(0);
    // The freed file goes to the waiter.
    await claimRow('intruder', 'owned.txt').waitFor();
    expect(await waiterRow.count()).toBe(0);
    const granted = await queued;
    expect(granted.code).toBe(0);
    expect(granted.stdout).toContain('granted owned.txt');

    // The user's directory claim is released by the path as shown, trailing slash and all.
    await userRow.getByRole('button', { name: 'Force release docs/ held by you' }).click();
    await confirm.getByRole('button', { name: 'Force release', exact: true }).click();
    await expect.poll(() => userRow.count()).toBe(0);
    expect((await cliLocks()).claims).toEqual([expect.objectContaining({ agentId: intruder, pattern: 'owned.txt' })]);

    // The write gate set to advise (and claim on write off) is saved: the panel says so, and so does the reopened dialog.
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('Write gate').selectOption('advise');
    await settings.getByLabel('Claim files on write').uncheck();
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.waitFor({ state: 'hidden' });
    await expect.poll(() => locksPanel().innerText()).toContain('write gate: advise');
    expect((await cliLocks()).mode).toBe('advise');
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect.poll(() => settings.getByLabel('Write gate').inputValue()).toBe('advise');
    expect(await settings.getByLabel('Claim files on write').isChecked()).toBe(false);
    await settings.getByRole('button', { name: 'Cancel' }).click();
    await settings.waitFor({ state: 'hidden' });

    for (const id of [owner, intruder]) expect((await serve.cli('stop', '--repo', repo.dir, id)).code).toBe(0);
    for (const id of [owner, intruder]) await expect.poll(() => processesOfAgent(id), { timeout: 20_000 }).toEqual([]);
  });
});
