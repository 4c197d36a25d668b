/**
 * What a user does in the browser UI of `switchyard serve`, in real Chromium: create an agent,
 * watch Codex's TUI in its terminal, see its file appear, type into it, stop it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumForSuite, saveScreenshot, startBrowserApp, type BrowserApp } from '../harness/browser-app';
import { connectWs } from '../harness/host-clients';
import { addFileStep, type ModelServer } from '../harness/model-server';
import { processesOfAgent, waitFor } from '../harness/processes';
import { APP_ROOT, type ServeProcess } from '../harness/serve-process';
import type { TempRepo } from '../harness/temp-repo';

const executablePath = chromiumForSuite('browser e2e');

/** The agent's terminal size as the core knows it, asked over the host's own WebSocket. */
async function agentSize(serve: ServeProcess, id: string): Promise<{ cols: number; rows: number }> {
  const client = await connectWs(serve);
  try {
    const result = (await client.invoke('agents.list', {})) as { value: { agents: Array<{ id: string; cols: number; rows: number }> } };
    const agent = result.value.agents.find((a) => a.id === id)!;
    return { cols: agent.cols, rows: agent.rows };
  } finally {
    client.close();
  }
}

const terminalText = (page: Page, id: string): Promise<string> =>
  page.locator(`[data-testid="terminal-${id}"] .xterm-rows`).innerText();

describe.skipIf(!executablePath)('browser UI against switchyard serve', () => {
  let app: BrowserApp | undefined;
  let model: ModelServer;
  let repo: TempRepo;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startBrowserApp(executablePath!, { viewport: { width: 1400, height: 860 }, open: false, permissions: ['clipboard-read', 'clipboard-write'] });
    ({ model, repo, serve, browser, page } = app);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('without the token the page says how to get in, and the socket is refused', async () => {
    const bare = await browser.newPage();
    await bare.goto(`http://127.0.0.1:${serve.port}/`);
    await expect.poll(() => bare.locator('body').innerText()).toContain('switchyard serve');
    await bare.close();
  });

  it('creates an agent whose Codex TUI runs live in the terminal and edits the repository', async () => {
    model.script('ui-agent', [
      addFileStep('from-ui.txt', 'written by the ui agent', 1500),
      { kind: 'message', text: 'ui-agent-finished' },
    ]);
    await page.goto(`${serve.url}&renderer=dom`);
    await expect.poll(() => page.locator('header').innerText()).toContain(repo.dir);

    await page.getByRole('button', { name: 'New agent' }).click();
    await page.getByLabel('Name').fill('ui agent');
    await page.getByLabel('Task').fill('Write the file [scenario:ui-agent]');
    await page.getByRole('button', { name: 'Start' }).click();

    const item = page.getByRole('list', { name: 'Agents' }).getByRole('listitem').filter({ hasText: 'ui agent' });
    await item.waitFor();
    const status = await serve.cli('status', '--repo', repo.dir, '--json');
    const { agents } = JSON.parse(status.stdout) as { agents: Array<{ id: string; pid: number }> };
    const id = agents[0]!.id;
    await expect.poll(() => item.innerText(), { timeout: 10_000 }).toContain(String(agents[0]!.pid));

    // Codex's own TUI text, rendered by xterm in the page.
    await expect.poll(() => terminalText(page, id), { timeout: 30_000 }).toContain('OpenAI Codex');
    // apply_patch creates the file, then fills it: wait for the content, not the name.
    await waitFor(() => repo.exists('from-ui.txt') && repo.read('from-ui.txt') === 'written by the ui agent\n', 'the agent to write from-ui.txt');
    await expect
      .poll(async () => (await terminalText(page, id)).replace(/\s/g, ''), { timeout: 30_000 })
      .toContain('ui-agent-finished');
    await expect.poll(() => item.locator('[data-status]').getAttribute('data-status'), { timeout: 20_000 }).toBe('finished');

    // Typing reaches Codex: its composer echoes the keys.
    await page.locator(`[data-testid="terminal-${id}"] .xterm-helper-textarea`).focus();
    await page.keyboard.type('typed-from-the-browser');
    await expect
      .poll(async () => (await terminalText(page, id)).replace(/\s/g, ''), { timeout: 15_000 })
      .toContain('typed-from-the-browser');

    // Paste (Ctrl+Shift+V) reaches Codex too.
    await page.evaluate(() => navigator.clipboard.writeText('-pasted-text'));
    await page.keyboard.press('Control+Shift+V');
    await expect
      .poll(async () => (await terminalText(page, id)).replace(/\s/g, ''), { timeout: 15_000 })
      .toContain('typed-from-the-browser-pasted-text');

    // Resizing the window resizes Codex's pseudo-terminal.
    const sizeBefore = await agentSize(serve, id);
    await page.setViewportSize({ width: 1000, height: 600 });
    await expect.poll(() => agentSize(serve, id), { timeout: 10_000 }).not.toEqual(sizeBefore);
    const sizeAfter = await agentSize(serve, id);
    expect(sizeAfter.cols).toBeLessThan(sizeBefore.cols);
    expect(sizeAfter.rows).toBeLessThan(sizeBefore.rows);
    await page.setViewportSize({ width: 1400, height: 860 });

    fs.mkdirSync(path.join(APP_ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(APP_ROOT, 'test-results', 'switchyard.png') });

    await item.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => item.locator('[data-status]').getAttribute('data-status'), { timeout: 20_000 }).toBe('stopped');
    expect(processesOfAgent(id)).toEqual([]);
  });

  it('runs several agents side by side: select one to see its terminal, grid shows them all', async () => {
    model.script('side-a', [{ kind: 'message', text: 'reply-from-side-a' }]);
    model.script('side-b', [{ kind: 'message', text: 'reply-from-side-b' }]);
    const idOf = async (name: string): Promise<string> => {
      const { agents } = JSON.parse((await serve.cli('status', '--repo', repo.dir, '--json')).stdout) as {
        agents: Array<{ id: string; name: string }>;
      };
      return agents.find((a) => a.name === name)!.id;
    };
    for (const name of ['side a', 'side b']) {
      await page.keyboard.press('Control+Shift+N');
      await page.getByLabel('Name').fill(name);
      await page.getByLabel('Task').fill(`Answer [scenario:${name.replace(' ', '-')}]`);
      await page.getByRole('button', { name: 'Start' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    }
    const [a, b] = [await idOf('side a'), await idOf('side b')];
    const squashed = async (id: string): Promise<string> => (await terminalText(page, id)).replace(/\s/g, '');

    // The newest agent is selected; its terminal shows its own reply, not the other's.
    await expect.poll(() => squashed(b), { timeout: 30_000 }).toContain('reply-from-side-b');
    expect(await page.locator(`[data-testid="terminal-${a}"]`).isVisible()).toBe(false);
    const list = page.getByRole('list', { name: 'Agents' });
    await list.getByRole('listitem').filter({ hasText: 'side a' }).getByRole('button', { name: 'side a' }).click();
    await expect.poll(() => squashed(a), { timeout: 30_000 }).toContain('reply-from-side-a');
    expect(await squashed(a)).not.toContain('reply-from-side-b');

    await page.getByRole('button', { name: 'Grid' }).click();
    await expect.poll(() => page.locator(`[data-testid="terminal-${b}"]`).isVisible()).toBe(true);
    expect(await page.locator(`[data-testid="terminal-${a}"]`).isVisible()).toBe(true);
    // The README's first screenshot is this view.
    await saveScreenshot(page, 'switchyard-grid.png', 'screenshot.png');

    for (const id of [a, b]) expect((await serve.cli('stop', '--repo', repo.dir, id)).code).toBe(0);
    await expect.poll(() => page.locator('[data-status="stopped"]').count(), { timeout: 20_000 }).toBe(3);
  });
});
