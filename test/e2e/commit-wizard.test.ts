/**
 * The commit wizard as a user drives it in the browser UI of `switchyard serve`: two real Codex
 * agents (against the scripted model) each change a file while the user has an unrelated change
 * staged; the wizard shows one group per agent, the first file's diff at once, short drafted
 * messages (even from a 5,871-character task), an edited message, commits per agent from a Commit
 * button that stays where Next was, and lists the new commits. Real git then proves each commit holds exactly its agent's files and the
 * user's staged change is still staged. Needs `npm run build`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { agentListItem, chromiumForSuite, saveScreenshot, startBrowserApp, type BrowserApp } from '../harness/browser-app';
import { addFileStep, updateFileStep, type ModelServer } from '../harness/model-server';
import type { TempRepo } from '../harness/temp-repo';

const executablePath = chromiumForSuite('commit wizard e2e');

describe.skipIf(!executablePath)('the commit wizard in the browser UI', () => {
  let app: BrowserApp | undefined;
  let model: ModelServer;
  let repo: TempRepo;
  let page: Page;

  const wizard = (): Locator => page.getByRole('dialog', { name: 'Commit the agents’ work' });
  /** Where the footer's last button ends: the step's main action (Next, Commit, Done) must stay there. */
  const rightEdgeOf = async (button: Locator): Promise<number> => {
    const box = (await button.boundingBox())!;
    return Math.round(box.x + box.width);
  };
  /** A brief as long as the one issue 17 quotes: a first line that says what to do, then pages of detail. */
  const longTask = (firstLine: string): string => {
    const detail = Array.from({ length: 80 }, (_, i) => `- Detail ${i + 1}: keep the README tidy, and test and fix whatever the edit breaks.`).join('\n');
    return `${firstLine}\n\n${detail}`.slice(0, 5_871);
  };

  const launchFromForm = async (name: string, task: string): Promise<void> => {
    await page.getByRole('button', { name: 'New agent' }).click();
    const dialog = page.getByRole('dialog', { name: 'New agent' });
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByLabel('Task').fill(task);
    await dialog.getByRole('button', { name: 'Start' }).click();
    await dialog.waitFor({ state: 'detached' });
    const item = agentListItem(page, name);
    await item.waitFor();
  };

  beforeAll(async () => {
    app = await startBrowserApp(executablePath!, { viewport: { width: 1400, height: 900 } });
    ({ model, repo, page } = app);
  });
  // A failed test must not leave the wizard covering the page for the next one.
  afterEach(async () => {
    if (await wizard().isVisible()) await page.keyboard.press('Escape');
    await wizard().waitFor({ state: 'hidden', timeout: 60_000 });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('says there is nothing to commit in a clean working tree (opened with Ctrl+Shift+G)', async () => {
    await page.locator('body').press('Control+Shift+G');
    await wizard().getByTestId('commit-nothing').waitFor({ timeout: 30_000 });
    expect(await wizard().getByTestId('commit-nothing').innerText()).toContain('Nothing to commit');
    await wizard().getByRole('button', { name: 'Close' }).click();
    await wizard().waitFor({ state: 'hidden' });
  });

  it('commits each agent’s files as its own commit, with the edited message, and keeps the user’s staged change staged', async () => {
    // The user's own work in progress, staged before any agent runs: not the agents' to commit.
    repo.write('user-notes.txt', 'the user’s own staged change\n');
    repo.git('add', 'user-notes.txt');

    model.script('commit-alpha', [addFileStep('src/alpha.txt', 'written by alpha'), { kind: 'message', text: 'alpha done' }]);
    model.script('commit-beta', [updateFileStep('README.md', '# test repository', ['# test repository', '', 'Edited by beta.']), { kind: 'message', text: 'beta done' }]);
    await launchFromForm('alpha', 'Add src/alpha.txt [scenario:commit-alpha]');
    await page.getByRole('status').filter({ hasText: 'alpha finished its task' }).waitFor({ timeout: 90_000 });
    const betaTask = longTask('Edit the README [scenario:commit-beta]. It needs one more line.');
    expect(betaTask.length).toBe(5_871);
    await launchFromForm('beta', betaTask);
    await page.getByRole('status').filter({ hasText: 'beta finished its task' }).waitFor({ timeout: 90_000 });
    expect(repo.read('src/alpha.txt')).toBe('written by alpha\n');
    expect(repo.read('README.md')).toContain('Edited by beta.');

    // 1. Plan: one group per agent, and a warning that the user's staged file stays out.
    await page.getByRole('button', { name: 'Commit…' }).click();
    const groups = wizard().getByRole('list', { name: 'Commit groups' });
    const groupsWithFiles = (): Promise<string[]> =>
      groups.locator('li[data-files]:not([data-files="0"])').evaluateAll((cards) => cards.map((card) => card.getAttribute('aria-label') ?? '').sort());
    // Attribution settles a moment after a write (the rollout's FileChange): draft again until both agents have their group.
    await expect
      .poll(
        async () => {
          const shown = await groupsWithFiles();
          if (shown.join() !== 'alpha,beta') await wizard().getByRole('button', { name: 'Check again' }).click();
          return shown;
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toEqual(['alpha', 'beta']);
    expect(await wizard().getByRole('list', { name: 'Warnings' }).innerText()).toContain('user-notes.txt');
    await screenshot('commit-plan.png');
    const footer = wizard().locator('footer');
    const mainActionEdge = await rightEdgeOf(footer.getByRole('button', { name: 'Next: Review' }));

    // 2. Review: each agent's file is in its group; the first file's diff shows without a click,
    // unified then split; another file's diff replaces it when clicked.
    await wizard().getByRole('button', { name: 'Next: Review' }).click();
    const alphaFiles = wizard().getByRole('region', { name: 'Files of alpha' });
    const betaFiles = wizard().getByRole('region', { name: 'Files of beta' });
    expect(await betaFiles.getByRole('button', { name: 'README.md', exact: true }).count()).toBe(1);
    const diff = wizard().getByTestId('diff-viewer');
    await expect.poll(() => diff.innerText()).toContain('written by alpha');
    expect(await alphaFiles.getByRole('button', { name: 'src/alpha.txt', exact: true }).getAttribute('aria-pressed')).toBe('true');
    expect(await diff.getAttribute('data-mode')).toBe('unified');
    expect(await diff.locator('.diff-added').filter({ hasText: 'written by alpha' }).count()).toBeGreaterThan(0);
    await diff.getByRole('button', { name: 'Split' }).click();
    await expect.poll(() => diff.getAttribute('data-mode')).toBe('split');
    await screenshot('commit-review.png', 'commit-wizard.png');
    await betaFiles.getByRole('button', { name: 'README.md', exact: true }).click();
    await expect.poll(() => diff.innerText()).toContain('Edited by beta.');
    expect(await rightEdgeOf(footer.getByRole('button', { name: 'Next: Messages' }))).toBe(mainActionEdge);

    // 3. Messages: drafts from the tasks, short even for beta's 5,871-character brief; alpha's is
    // replaced by the user's.
    await wizard().getByRole('button', { name: 'Next: Messages' }).click();
    const alphaMessage = wizard().getByLabel('Message for alpha');
    expect((await alphaMessage.inputValue()).split('\n')[0]).toBe('Add src/alpha.txt [scenario:commit-alpha]');
    const betaDraft = await wizard().getByLabel('Message for beta').inputValue();
    expect(betaDraft.split('\n')[0]).toBe('Edit the README [scenario:commit-beta]');
    expect(betaDraft.length).toBeLessThan(500);
    expect(betaDraft.trimEnd().split('\n').length).toBeLessThanOrEqual(8);
    for (const line of betaDraft.split('\n')) expect(line.length).toBeLessThanOrEqual(72);
    expect(await rightEdgeOf(footer.getByRole('button', { name: 'Next: Strategy' }))).toBe(mainActionEdge);
    await alphaMessage.fill('Add alpha.txt\n\nWritten by the alpha agent, reviewed in the wizard.');
    // 4. Strategy: one commit per agent, then Commit, in the footer where Next was.
    await wizard().getByRole('button', { name: 'Next: Strategy' }).click();
    expect(await wizard().getByRole('radio', { name: 'One commit per agent' }).isChecked()).toBe(true);
    const preview = await wizard().getByRole('list', { name: 'Commits to make' }).getByRole('listitem').allInnerTexts();
    expect(preview).toContain('Add alpha.txt');
    expect(preview).toHaveLength(2);
    const commitButton = footer.getByRole('button', { name: 'Commit', exact: true });
    expect(await wizard().getByRole('button', { name: 'Commit', exact: true }).count()).toBe(1);
    expect(await rightEdgeOf(commitButton)).toBe(mainActionEdge);
    await commitButton.click();

    // 5. Summary: two new commits, named by their ids.
    const summary = wizard().getByTestId('commit-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.getAttribute('data-status')).toBe('completed');
    const made = summary.getByRole('list', { name: 'New commits' }).getByRole('listitem');
    expect(await made.count()).toBe(2);
    const shas = (await Promise.all((await made.all()).map((item) => item.getAttribute('data-sha')))).map((sha) => sha!);
    await screenshot('commit-summary.png');

    // Real git: the two commits on top of main are the ones shown, each with exactly its agent's file.
    const log = repo.git('log', '--format=%H', '-3', 'main').trim().split('\n');
    expect(log.slice(0, 2).sort()).toEqual([...shas].sort());
    expect(repo.git('rev-list', '--count', 'main').trim()).toBe('3');
    const filesOf = (sha: string): string[] => repo.git('show', '--name-only', '--format=', sha).trim().split('\n');
    const subjectOf = (sha: string): string => repo.git('log', '-1', '--format=%s', sha).trim();
    const bySubject = new Map(shas.map((sha) => [subjectOf(sha), sha]));
    const alphaSha = bySubject.get('Add alpha.txt');
    expect(alphaSha, `subjects: ${[...bySubject.keys()].join(' | ')}`).toBeDefined();
    expect(filesOf(alphaSha!)).toEqual(['src/alpha.txt']);
    const betaSha = shas.find((sha) => sha !== alphaSha)!;
    expect(filesOf(betaSha)).toEqual(['README.md']);
    expect(repo.git('log', '-1', '--format=%B', alphaSha!)).toContain('Written by the alpha agent, reviewed in the wizard.');
    expect(repo.git('log', '-1', '--format=%B', betaSha).trimEnd()).toBe(betaDraft.trimEnd());

    // The user's change is still staged, exactly, and nothing else is.
    expect(repo.git('diff', '--cached', '--name-only').trim()).toBe('user-notes.txt');
    expect(repo.git('show', ':user-notes.txt')).toBe('the user’s own staged change\n');
    // The agents' files are committed as they are on disk: no difference left for them.
    expect(repo.git('status', '--porcelain', '--', 'src/alpha.txt', 'README.md').trim()).toBe('');

    // One way out of the finished wizard, where the main action was.
    expect(await wizard().getByRole('button', { name: /^(Done|Close)$/ }).allInnerTexts()).toEqual(['Done']);
    expect(await rightEdgeOf(footer.getByRole('button', { name: 'Done' }))).toBe(mainActionEdge);
    await footer.getByRole('button', { name: 'Done' }).click();
    await wizard().waitFor({ state: 'hidden' });
  });

  it('runs the test command from Settings with live progress, leaves an excluded file out, stops on a refusing hook and continues once it is fixed', async () => {
    // A hook that refuses while a marker file exists: the user "fixes the lint" by removing it.
    const marker = path.join(repo.dir, '.git', 'refuse-commits');
    fs.writeFileSync(marker, '');
    const hook = path.join(repo.dir, '.git', 'hooks', 'pre-commit');
    fs.writeFileSync(hook, `#!/bin/sh\nif [ -e '${marker}' ]; then echo 'lint failed: loose.txt is not formatted' >&2; exit 1; fi\n`, { mode: 0o755 });
    repo.write('loose.txt', 'a change no agent made\n');
    repo.write('scratch.txt', 'not for committing\n');
    const head = repo.git('rev-parse', 'HEAD').trim();
    const stagedBefore = repo.git('diff', '--cached');

    // The test command comes from the repository's settings; it takes a moment, so its progress shows.
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('Test command before committing').fill('sleep 2; echo tests passed');
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Commit…' }).click();
    await expect
      .poll(() => wizard().getByRole('list', { name: 'Commit groups' }).locator('li[data-files]:not([data-files="0"])').evaluateAll((cards) => cards.map((c) => c.getAttribute('aria-label'))))
      .toEqual(['Unattributed changes']);
    // The group is named once, not "Unattributed changes (Unattributed)".
    const unattributedCard = wizard().getByRole('list', { name: 'Commit groups' }).getByRole('listitem', { name: 'Unattributed changes' });
    expect(await unattributedCard.locator('.commit-group-title').innerText()).toBe('Unattributed changes');
    await wizard().getByRole('button', { name: 'Next: Review' }).click();
    const unattributed = wizard().getByRole('region', { name: 'Files of Unattributed changes' });
    await unattributed.getByRole('button', { name: 'Exclude scratch.txt' }).click();
    await unattributed.locator('.commit-file.excluded').filter({ hasText: 'scratch.txt' }).waitFor();
    expect(await unattributed.getByRole('button', { name: 'loose.txt', exact: true }).count()).toBe(1);
    for (const next of ['Next: Messages', 'Next: Strategy']) await wizard().getByRole('button', { name: next }).click();
    expect(await wizard().getByRole('checkbox', { name: /Skip the repository’s hooks/ }).isChecked()).toBe(false);
    const runTests = wizard().getByRole('checkbox', { name: 'Run the test command first and stop if it fails' });
    await expect.poll(() => runTests.isEnabled()).toBe(true);
    expect(await runTests.isChecked()).toBe(true);
    expect(await wizard().innerText()).toContain('sleep 2; echo tests passed');
    await wizard().getByRole('button', { name: 'Commit', exact: true }).click();
    await wizard().getByTestId('commit-progress').filter({ hasText: 'Running the test command' }).waitFor({ timeout: 60_000 });

    const summary = wizard().getByTestId('commit-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.getAttribute('data-status')).toBe('stopped');
    expect(await summary.getByRole('alert').innerText()).toMatch(/hook-failed/);
    expect(await summary.getByLabel('Hook output').innerText()).toContain('lint failed: loose.txt is not formatted');
    expect(await summary.getByRole('list', { name: 'Left uncommitted' }).innerText()).toContain('loose.txt');
    await screenshot('commit-stopped.png');
    // Nothing moved: no commit, the file still only in the working tree.
    expect(repo.git('rev-parse', 'HEAD').trim()).toBe(head);
    expect(repo.git('status', '--porcelain', '--', 'loose.txt').trim()).toBe('?? loose.txt');

    fs.rmSync(marker);
    await summary.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => wizard().getByTestId('commit-summary').getAttribute('data-status'), { timeout: 60_000 }).toBe('completed');
    const made = wizard().getByRole('list', { name: 'New commits' }).getByRole('listitem');
    expect(await made.count()).toBe(1);
    const sha = (await made.first().getAttribute('data-sha'))!;
    expect(repo.git('rev-parse', 'HEAD').trim()).toBe(sha);
    expect(repo.git('rev-parse', `${sha}^`).trim()).toBe(head);
    expect(repo.git('show', '--name-only', '--format=', sha).trim()).toBe('loose.txt');
    expect(repo.git('diff', '--cached')).toBe(stagedBefore);
    expect(await wizard().getByRole('list', { name: 'Left uncommitted' }).innerText()).toMatch(/scratch\.txt\s+excluded/);
    expect(repo.git('status', '--porcelain', '--', 'scratch.txt').trim()).toBe('?? scratch.txt');
    await wizard().getByRole('button', { name: 'Done' }).click();
    fs.rmSync(path.join(repo.dir, 'scratch.txt'));
  });

  it('asks which group gets a file two agents changed, and commits it with the chosen one', async () => {
    // The write gate only observes here, so the second agent may change the file the first wrote.
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('Write gate').selectOption('observe');
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.waitFor({ state: 'hidden' });

    // Each also writes a file of its own: the core offers only existing groups for an undecided file.
    model.script('commit-gamma', [addFileStep('shared.txt', 'gamma wrote this'), addFileStep('gamma.txt', 'gamma'), { kind: 'message', text: 'gamma done' }]);
    model.script('commit-delta', [
      updateFileStep('shared.txt', 'gamma wrote this', ['gamma wrote this', 'delta added this']),
      addFileStep('delta.txt', 'delta'),
      { kind: 'message', text: 'delta done' },
    ]);
    await launchFromForm('gamma', 'Start shared.txt [scenario:commit-gamma]');
    await page.getByRole('status').filter({ hasText: 'gamma finished its task' }).waitFor({ timeout: 90_000 });
    await launchFromForm('delta', 'Extend shared.txt [scenario:commit-delta]');
    await page.getByRole('status').filter({ hasText: 'delta finished its task' }).waitFor({ timeout: 90_000 });
    expect(repo.read('shared.txt')).toBe('gamma wrote this\ndelta added this\n');
    const head = repo.git('rev-parse', 'HEAD').trim();

    await page.getByRole('button', { name: 'Commit…' }).click();
    const undecided = wizard().getByRole('region', { name: 'Undecided files' });
    await expect
      .poll(
        async () => {
          if ((await undecided.count()) === 0) await wizard().getByRole('button', { name: 'Check again' }).click();
          return undecided.count();
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(1);
    expect(await undecided.innerText()).toContain('shared.txt');
    const choice = undecided.getByRole('combobox', { name: 'Group for shared.txt' });
    const delta = await choice.locator('option', { hasText: 'Commit with delta' }).getAttribute('value');
    await choice.selectOption(delta!);
    await undecided.waitFor({ state: 'detached' });
    const deltaCard = wizard().getByRole('list', { name: 'Commit groups' }).getByRole('listitem', { name: 'delta' });
    await expect.poll(() => deltaCard.getAttribute('data-files')).toBe('2');

    for (const next of ['Next: Review', 'Next: Messages', 'Next: Strategy']) await wizard().getByRole('button', { name: next }).click();
    await wizard().getByRole('button', { name: 'Commit', exact: true }).click();
    await expect.poll(() => wizard().getByTestId('commit-summary').getAttribute('data-status'), { timeout: 60_000 }).toBe('completed');
    const made = wizard().getByRole('list', { name: 'New commits' }).getByRole('listitem');
    expect(await made.count()).toBe(2);
    const shas = await made.evaluateAll((items) => items.map((item) => item.getAttribute('data-sha')!));
    expect(repo.git('log', '--format=%H', `${head}..HEAD`).trim().split('\n').sort()).toEqual([...shas].sort());
    const filesOf = (sha: string): string => repo.git('show', '--name-only', '--format=', sha).trim().split('\n').sort().join(',');
    expect(shas.map(filesOf).sort()).toEqual(['delta.txt,shared.txt', 'gamma.txt']);
    const deltaSha = shas.find((sha) => filesOf(sha) === 'delta.txt,shared.txt')!;
    expect(repo.git('show', `${deltaSha}:shared.txt`)).toBe('gamma wrote this\ndelta added this\n');
    await wizard().getByRole('button', { name: 'Done' }).click();
  });

  async function screenshot(name: string, readmeName?: string): Promise<void> {
    await saveScreenshot(wizard(), name, readmeName);
  }
});
