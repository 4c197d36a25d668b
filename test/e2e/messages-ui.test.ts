/**
 * Messages as the user sees and sends them in the browser UI of `switchyard serve`, with real
 * Codex agents: one agent's model messages another (the MCP tool send_message), the Messages dialog
 * opened from the receiver's pane shows the thread, the user answers with "type it now", the idle
 * receiver gets it at its prompt (its model sees it), deliveries update live, and the CLI's
 * `message --all` / `messages --json` see and feed the same threads.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentStatusInList, chromiumForSuite, saveScreenshot, startBrowserApp, type BrowserApp } from '../harness/browser-app';
import { mcpToolStep } from '../harness/model-server';
import { waitFor } from '../harness/processes';

const executablePath = chromiumForSuite('messages UI e2e');

describe.skipIf(!executablePath)('messages in the browser UI', () => {
  let app: BrowserApp | undefined;
  let page: Page;

  const dialog = (): Locator => page.getByRole('dialog', { name: /^Messages — / });
  const thread = (): Locator => dialog().getByRole('list', { name: 'Message thread' }).getByRole('listitem');
  const itemWith = (text: string): Locator => thread().filter({ hasText: text });
  const launch = async (name: string, scenario: string): Promise<string> => {
    const result = await app!.serve.cli('launch', '--repo', app!.repo.dir, '--name', name, '--task', `${name} [scenario:${scenario}]`, '--json');
    expect(result.code, result.stderr).toBe(0);
    return (JSON.parse(result.stdout) as { id: string }).id;
  };

  beforeAll(async () => {
    app = await startBrowserApp(executablePath!);
    ({ page } = app);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the message one agent sent another, and the user’s answer reaches the idle agent at its prompt', async () => {
    const { model, serve, repo } = app!;
    model.script('hearer', [{ kind: 'message', text: 'listening' }]);
    model.script('talker', [mcpToolStep('send_message', { to: 'hearer', text: 'talker-says-hi: I take src/a.ts' }), { kind: 'message', text: 'told hearer' }]);

    await launch('hearer', 'hearer');
    await waitFor(async () => (await agentStatusInList(page, 'hearer')) === 'finished', 'the hearer to finish its first turn', 60_000);
    await launch('talker', 'talker');
    await waitFor(async () => (await agentStatusInList(page, 'talker')) === 'finished', 'the talker to send and finish', 60_000);

    // From the hearer's pane: its thread holds the talker's message, not delivered (the hearer idles; the setting is off).
    await page.locator('.sidebar').getByRole('button', { name: 'hearer', exact: true }).click();
    await page.getByRole('region', { name: 'Terminal of hearer' }).getByRole('button', { name: 'Messages of hearer' }).click();
    await dialog().waitFor();
    expect(await dialog().getByRole('heading').first().innerText()).toBe('Messages — hearer');
    await itemWith('talker-says-hi: I take src/a.ts').waitFor();
    expect(await itemWith('talker-says-hi').innerText()).toContain('talker → hearer');
    expect(await itemWith('talker-says-hi').innerText()).toContain('not delivered yet');

    // The user answers, asking for it to be typed now.
    await dialog().getByLabel('Message to hearer').fill('user-says-go-ahead');
    await dialog().getByLabel('Type it at the prompt of an idle agent now').check();
    await dialog().getByRole('button', { name: 'Send', exact: true }).click();
    await itemWith('user-says-go-ahead').filter({ hasText: 'delivered to hearer (typed at its prompt)' }).waitFor({ timeout: 30_000 });
    expect(await itemWith('user-says-go-ahead').innerText()).toContain('you → hearer');
    // The typed prompt started a turn: its model saw the user's message, and the talker's came with it as context.
    await waitFor(() => model.lastInput('hearer').includes('user-says-go-ahead'), "the hearer's model to get the user's message", 60_000);
    await itemWith('talker-says-hi').filter({ hasText: 'delivered to hearer (while working)' }).waitFor({ timeout: 30_000 });
    expect(model.lastInput('hearer')).toContain('talker-says-hi');
    await saveScreenshot(dialog(), 'messages-dialog.png');

    // A message to all agents from the CLI appears in the repository-wide thread; `messages --json` lists the hearer's thread.
    const sent = await serve.cli('message', '--repo', repo.dir, '--all', 'cli-says-wrap-up');
    expect(sent.code, sent.stderr).toBe(0);
    await dialog().getByRole('navigation', { name: 'Threads' }).getByRole('button', { name: 'All agents' }).click();
    await itemWith('cli-says-wrap-up').waitFor();
    expect(await thread().count()).toBe(3);
    const listed = await serve.cli('messages', '--repo', repo.dir, 'hearer', '--json');
    expect(listed.code, listed.stderr).toBe(0);
    const texts = (JSON.parse(listed.stdout) as { messages: Array<{ text: string }> }).messages.map((m) => m.text);
    expect(texts).toEqual(['talker-says-hi: I take src/a.ts', 'user-says-go-ahead', 'cli-says-wrap-up']);
    await dialog().getByRole('button', { name: 'Close', exact: true }).click();
    await dialog().waitFor({ state: 'hidden' });
  });

  it('“Tell …” on a conflict in the map sends the agent a message (not keystrokes into its terminal)', async () => {
    const { model, serve, repo } = app!;
    model.script('owner', [{ kind: 'message', text: 'owner idles' }]);
    model.script('intruder', [{ kind: 'exec', cmd: 'echo mine > owned.txt', login: false }, { kind: 'message', text: 'refused' }]);
    const launchWithClaim = await serve.cli('launch', '--repo', repo.dir, '--name', 'owner', '--task', 'owner [scenario:owner]', '--claim', 'owned.txt');
    expect(launchWithClaim.code, launchWithClaim.stderr).toBe(0);
    await launch('intruder', 'intruder');
    await waitFor(async () => (await agentStatusInList(page, 'intruder')) === 'finished', 'the intruder’s refused write', 60_000);

    await page.getByRole('button', { name: 'Map' }).click();
    const violation = page.getByRole('region', { name: 'Conflicts' }).locator('[data-kind="violation"]');
    await violation.waitFor({ timeout: 30_000 });
    await violation.getByRole('button', { name: 'Tell agent "intruder"' }).click();
    const form = violation.getByRole('form', { name: 'Message to intruder' });
    await form.getByRole('textbox').fill('map-says-leave-owned-txt');
    await form.getByRole('button', { name: 'Send' }).click();
    await form.waitFor({ state: 'detached' });

    // It is a message in the intruder's thread (kept, delivered by Switchyard), opened from the map.
    await page.getByRole('button', { name: 'Messages between the agents' }).click();
    await dialog().getByRole('navigation', { name: 'Threads' }).getByRole('button', { name: 'intruder' }).click();
    await itemWith('map-says-leave-owned-txt').waitFor();
    expect(await itemWith('map-says-leave-owned-txt').innerText()).toContain('you → intruder');
    const listed = JSON.parse((await serve.cli('messages', '--repo', repo.dir, 'intruder', '--json')).stdout) as { messages: Array<{ text: string; from: string | null }> };
    expect(listed.messages.at(-1)).toEqual(expect.objectContaining({ from: null, text: 'map-says-leave-owned-txt' }));
  });
});
