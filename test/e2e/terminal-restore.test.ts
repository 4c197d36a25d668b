/**
 * Terminals outlive a stop and a restart, in real Chromium against `switchyard serve` with real
 * Codex agents: once Stop ends Codex (which clears its screen on exit), its terminal still shows
 * the conversation above Codex's exit lines; after `serve` is stopped and started again, the page
 * shows that same screen, read back from `.agents/terminals/`, and the terminal of an agent that
 * was still running when serve stopped shows its conversation too.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumForSuite, startBrowserApp, type BrowserApp } from '../harness/browser-app';
import type { ModelServer } from '../harness/model-server';
import { waitFor } from '../harness/processes';
import { startServe, type ServeProcess } from '../harness/serve-process';
import type { TempRepo } from '../harness/temp-repo';

const executablePath = chromiumForSuite('terminal restore e2e');

const REPLY = 'the-conversation-to-keep';
const RUNNING_REPLY = 'still-running-at-the-restart';

const terminalText = (page: Page, id: string): Promise<string> => page.locator(`[data-testid="terminal-${id}"] .xterm-rows`).innerText();

/** The terminal's text once it has stopped changing (a stopped agent's screen is final). */
async function settledText(page: Page, id: string): Promise<string> {
  let previous = '';
  return waitFor(
    async () => {
      const now = await terminalText(page, id);
      const stable = now === previous && now.trim() !== '' ? now : null;
      previous = now;
      return stable;
    },
    `the terminal of ${id} to settle`,
    60_000,
    1_000,
  );
}

describe.skipIf(!executablePath)('terminals after Stop and after a restart of serve', () => {
  let app: BrowserApp | undefined;
  let restarted: ServeProcess | undefined;
  let model: ModelServer;
  let repo: TempRepo;
  let page: Page;

  beforeAll(async () => {
    app = await startBrowserApp(executablePath!, { viewport: { width: 1400, height: 860 } });
    ({ model, repo, page } = app);
  });
  afterAll(async () => {
    await restarted?.stop();
    await app?.close();
  });

  it('keeps the conversation of a stopped agent, and shows the same screens after serve restarts', async () => {
    model.script('keep', [{ kind: 'message', text: REPLY }]);
    model.script('run-on', [{ kind: 'message', text: RUNNING_REPLY }]);
    const launch = async (name: string, scenario: string): Promise<string> => {
      const launched = await app!.serve.cli('launch', '--repo', repo.dir, '--name', name, '--task', `Answer [scenario:${scenario}]`, '--json');
      expect(launched.code, launched.stderr).toBe(0);
      return (JSON.parse(launched.stdout) as { id: string }).id;
    };
    const itemOf = (name: string) => page.getByRole('list', { name: 'Agents' }).getByRole('listitem').filter({ hasText: name });
    const runner = await launch('runner', 'run-on');
    await expect.poll(() => terminalText(page, runner), { timeout: 60_000 }).toContain(RUNNING_REPLY);
    const id = await launch('keeper', 'keep');
    const item = itemOf('keeper');
    const status = (): Promise<string | null> => item.locator('[data-status]').getAttribute('data-status');
    await item.getByRole('button', { name: 'keeper', exact: true }).click();
    await expect.poll(() => terminalText(page, id), { timeout: 60_000 }).toContain(REPLY);
    await expect.poll(status, { timeout: 30_000 }).toBe('finished');

    // Stop ends Codex, which clears its screen on the way out (and prints how to resume, unless
    // the second Ctrl-C cuts that short): its last screen, with the reply, is put back.
    await item.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(status, { timeout: 30_000 }).toBe('stopped');
    await expect.poll(() => terminalText(page, id), { timeout: 15_000 }).toContain('Shutting down');
    const stopped = await settledText(page, id);
    expect(stopped).toContain(REPLY);

    // Restart serve on the same repository (stopping it stops "runner" too): the saved screens are
    // on disk, and the page shows them again.
    const env = app!.serve.env;
    await app!.serve.stop();
    for (const agent of [id, runner]) expect(fs.existsSync(path.join(repo.dir, '.agents', 'terminals', `${agent}.log`))).toBe(true);
    restarted = await startServe(repo.dir, env);
    await page.goto(`${restarted.url}&renderer=dom`);
    await page.getByTestId('repo-path').filter({ hasText: repo.dir }).waitFor();
    await item.getByRole('button', { name: 'keeper', exact: true }).click();
    await expect.poll(() => terminalText(page, id), { timeout: 15_000 }).toContain(REPLY);
    await expect.poll(() => terminalText(page, id), { timeout: 15_000 }).toBe(stopped);
    await itemOf('runner').getByRole('button', { name: 'runner', exact: true }).click();
    await expect.poll(() => terminalText(page, runner), { timeout: 15_000 }).toContain(RUNNING_REPLY);
    await expect.poll(() => terminalText(page, runner), { timeout: 15_000 }).toContain('Shutting down');
  });
});
