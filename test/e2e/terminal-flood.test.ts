/**
 * One agent prints 50 MB into its terminal as fast as it can, in real Chromium against
 * `switchyard serve` with real Codex agents: the other agent's terminal keeps echoing what is
 * typed, the page keeps answering, the core's memory stays bounded, and a reload gets both
 * screens back from the core's headless mirrors.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MIRROR_SCROLLBACK_LINES } from '../../src/core/terminals/terminal-mirror';
import { chromiumForSuite, startBrowserApp, type BrowserApp } from '../harness/browser-app';
import { FLOOD_CODEX_ARGS, floodTerminalStep, type ModelServer } from '../harness/model-server';
import { waitFor } from '../harness/processes';
import type { ServeProcess } from '../harness/serve-process';
import type { TempRepo } from '../harness/temp-repo';

/** 37.5 MB of random bytes is 50 MB of base64. */
const FLOOD_BYTES = 37_500_000;
const FLOOD_DONE_FILE = 'flood-done';
/**
 * Peak resident memory `switchyard serve` may reach (it measured 133 MB here), far below what
 * buffering a 50 MB flood would take (V8 strings are UTF-16: 100 MB for the text alone).
 */
const SERVE_PEAK_RSS_LIMIT_BYTES = 256 * 1024 * 1024;

const executablePath = chromiumForSuite('terminal flood e2e');

const terminalText = (page: Page, id: string): Promise<string> =>
  page.locator(`[data-testid="terminal-${id}"] .xterm-rows`).innerText();
const squashed = async (page: Page, id: string): Promise<string> => (await terminalText(page, id)).replace(/\s/g, '');

/** Peak resident set of a process, from /proc (Linux). */
function peakRssBytes(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
}

/** Asks the host for an agent's snapshot over its WebSocket, as the CLI would. */
async function snapshotOf(serve: ServeProcess, id: string): Promise<{ data: string; seq: number; cols: number; rows: number }> {
  const token = new URL(serve.url).searchParams.get('token')!;
  const ws = new WebSocket(`ws://127.0.0.1:${serve.port}/ws?token=${token}`);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const answer = new Promise<{ result: { value: { data: string; seq: number; cols: number; rows: number } } }>((resolve) =>
    ws.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as { type: string };
      if (message.type === 'result') resolve(message as never);
    }),
  );
  ws.send(JSON.stringify({ type: 'invoke', id: 1, name: 'terminal.history', input: { id } }));
  const { result } = await answer;
  ws.close();
  return result.value;
}

describe.skipIf(!executablePath)('a 50 MB terminal flood in the browser UI', () => {
  let app: BrowserApp | undefined;
  let model: ModelServer;
  let repo: TempRepo;
  let serve: ServeProcess;
  let page: Page;

  beforeAll(async () => {
    app = await startBrowserApp(executablePath!, { viewport: { width: 1400, height: 860 }, open: false });
    ({ model, repo, serve, page } = app);
  });
  afterAll(async () => {
    await app?.close();
  });

  const launch = async (name: string, scenario: string, extra: string[] = []): Promise<string> => {
    const result = await serve.cli('launch', '--repo', repo.dir, '--name', name, '--task', `Go [scenario:${scenario}]`, '--json', ...extra);
    expect(result.code, result.stderr).toBe(0);
    return (JSON.parse(result.stdout) as { id: string }).id;
  };

  it('keeps the other agent responsive, memory bounded, and restores both screens after a reload', async () => {
    model.script('quiet', [{ kind: 'message', text: 'quiet-agent-ready' }]);
    model.script('flood', [floodTerminalStep(FLOOD_BYTES, FLOOD_DONE_FILE), { kind: 'message', text: 'flood-answered' }]);

    await page.goto(`${serve.url}&renderer=dom`);
    const quiet = await launch('quiet', 'quiet');
    await page.getByRole('button', { name: 'Grid' }).click();
    await expect.poll(() => squashed(page, quiet), { timeout: 60_000 }).toContain('quiet-agent-ready');

    const flood = await launch('flood', 'flood', FLOOD_CODEX_ARGS.map((arg) => `--codex-arg=${arg}`));
    // The flood is on screen: long runs of base64 in the flooding agent's terminal.
    await expect.poll(async () => /[A-Za-z0-9+/]{60}/.test(await squashed(page, flood)), { timeout: 60_000 }).toBe(true);

    // While it floods, typing into the other agent's terminal echoes at once...
    await page.locator(`[data-testid="terminal-${quiet}"] .xterm-helper-textarea`).focus();
    await page.keyboard.type('typed-during-flood');
    await expect.poll(() => squashed(page, quiet), { timeout: 15_000 }).toContain('typed-during-flood');
    // ...and the rest of the page answers too: the new-agent dialog opens and closes.
    await page.keyboard.press('Control+Shift+N');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    // All of that happened during the flood, not after it.
    expect(repo.exists(FLOOD_DONE_FILE)).toBe(false);

    await waitFor(() => repo.exists(FLOOD_DONE_FILE), 'the 50 MB flood to go through', 180_000, 250);

    // The core kept a bounded amount: a bounded snapshot, and a peak far below the flood's size.
    const snapshot = await snapshotOf(serve, flood);
    const maxSnapshotChars = (MIRROR_SCROLLBACK_LINES + snapshot.rows) * (snapshot.cols + 16);
    expect(snapshot.data.length).toBeLessThan(maxSnapshotChars);
    const peak = peakRssBytes(serve.child.pid!);
    console.log(`switchyard serve peak RSS after a 50 MB flood: ${(peak / 1024 / 1024).toFixed(0)} MB`);
    expect(peak).toBeLessThan(SERVE_PEAK_RSS_LIMIT_BYTES);

    // Once both screens are still, a reload shows them again, from the core's mirrors.
    const settledText = async (id: string): Promise<string> => {
      let previous = '';
      return waitFor(async () => {
        const now = await terminalText(page, id);
        const stable = now === previous ? now : null;
        previous = now;
        return stable;
      }, `the terminal of ${id} to settle`, 60_000, 1_000);
    };
    const before = { quiet: await settledText(quiet), flood: await settledText(flood) };
    expect(before.quiet.replace(/\s/g, '')).toContain('typed-during-flood');
    await page.reload();
    // The layout is kept across the reload: the terminals come back at the sizes they had.
    await expect.poll(() => page.getByRole('button', { name: 'Grid' }).getAttribute('aria-pressed'), { timeout: 15_000 }).toBe('true');
    await expect.poll(() => terminalText(page, quiet), { timeout: 15_000 }).toBe(before.quiet);
    await expect.poll(() => terminalText(page, flood), { timeout: 15_000 }).toBe(before.flood);
  });
});
