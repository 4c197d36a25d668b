/**
 * A remote Switchyard as a user reaches it, in real Chromium: the window's Add connection dialog
 * takes an SSH host (an alias of a real sshd on 127.0.0.1, harness/remote-host.ts) and a
 * repository there (its own temp folder, "the remote"); the switcher shows it connected, the
 * window the remote repository; an agent launched from the form runs the real Codex there against
 * the scripted model and finishes in its terminal. The tunnel's ssh is then killed: the banner
 * says the connection dropped, the link reconnects by itself, and the window works again.
 * Needs `npm run build` (the remote side runs out/main/cli.js).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentListItem, agentStatusInList, chromiumForSuite, saveScreenshot, startBrowserApp, type BrowserApp } from '../harness/browser-app';
import { processesOfAgent } from '../harness/processes';
import { startRemoteHost, type RemoteHost } from '../harness/remote-host';
import { runCli } from '../harness/serve-process';
import { sshdMissingForSuite } from '../harness/sshd';
import { makeTempRepo, type TempRepo } from '../harness/temp-repo';

const executablePath = chromiumForSuite('remote connection e2e');
const sshdMissing = executablePath ? sshdMissingForSuite('remote connection e2e') : 'no Chromium';

const terminalText = async (page: Page, id: string): Promise<string> =>
  (await page.locator(`[data-testid="terminal-${id}"] .xterm-rows`).innerText()).replace(/\s/g, '');

describe.skipIf(sshdMissing !== null)('a window on a remote Switchyard over SSH', { timeout: 240_000 }, () => {
  let app: BrowserApp | undefined;
  let remote: RemoteHost | undefined;
  let remoteRepo: TempRepo | undefined;
  let page: Page;

  const switcher = () => page.getByTestId('connection-switcher');
  const repoPath = () => page.getByTestId('repo-path');
  const label = () => `build1:${remoteRepo!.dir}`;
  /** The ssh processes holding this window's tunnels: their argv names the link's socket in its runtime dir. */
  const tunnelPids = (): number[] => {
    const links = path.join(app!.serve.env.SWITCHYARD_RUNTIME_DIR!, `switchyard-${process.getuid!()}`, 'links');
    try {
      return execFileSync('pgrep', ['-f', `${links}/remote-`], { encoding: 'utf8' }).trim().split('\n').map(Number);
    } catch {
      return [];
    }
  };
  /** The id of the remote agent called `name`, asked of the remote Switchyard as its user would. */
  const remoteAgentId = async (name: string): Promise<string> => {
    const status = await runCli({ ...process.env, SWITCHYARD_RUNTIME_DIR: remote!.runtimeDir }, ['status', '--repo', remoteRepo!.dir, '--json']);
    expect(status.stderr).toBe('');
    const { agents } = JSON.parse(status.stdout) as { agents: Array<{ id: string; name: string }> };
    return agents.find((agent) => agent.name === name)!.id;
  };
  /** Launches an agent from the form and waits for its reply in its terminal and its `finished` badge. */
  const launchAndFinish = async (name: string, scenario: string, reply: string): Promise<string> => {
    app!.model.script(scenario, [{ kind: 'message', text: reply }]);
    await page.getByRole('button', { name: 'New agent' }).click();
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Task').fill(`Answer [scenario:${scenario}]`);
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await agentListItem(page, name).waitFor();
    const id = await remoteAgentId(name);
    await expect.poll(() => terminalText(page, id), { timeout: 60_000 }).toContain(reply);
    await expect.poll(() => agentStatusInList(page, name), { timeout: 30_000 }).toBe('finished');
    return id;
  };

  beforeAll(async () => {
    remoteRepo = makeTempRepo();
    app = await startBrowserApp(executablePath!, {
      viewport: { width: 1300, height: 760 },
      // The remote user's Codex talks to the same scripted model; the serve here gets the SSH variables.
      serveEnv: async ({ home }) => {
        remote = await startRemoteHost(home);
        return remote.localEnv;
      },
    });
    page = app.page;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    // The remote serve outlives the window's link by design: stop it as its user would.
    await remote?.stop(remoteRepo ? [remoteRepo.dir] : []);
    remoteRepo?.remove();
  });

  it('adds the SSH host and a repository there from the Add connection dialog, and shows that repository', async () => {
    await switcher().click();
    await page.locator('.connection-popup').getByRole('button', { name: 'Add connection…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add connection' });
    await dialog.getByLabel('On another machine, over SSH').check();
    await dialog.getByLabel('SSH host').fill('build1');
    await dialog.getByLabel('Repository path on that host').fill(remoteRepo!.dir);
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await repoPath().filter({ hasText: remoteRepo!.dir }).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('connection-link-down').count()).toBe(0);
    expect(await switcher().innerText()).toContain(`build1:${path.basename(remoteRepo!.dir)}`);
    await switcher().click();
    expect(await page.getByRole('listbox', { name: 'Connections' }).getByRole('option').allInnerTexts()).toEqual([
      `This window’s core\n${app!.repo.dir}`,
      `${label()}\nover SSH`,
    ]);
    await page.keyboard.press('Escape');
    // The Switchyard over there serves the repository; this machine's does not.
    expect(remote!.instance(remoteRepo!.dir)).not.toBeNull();
    expect(new URL(page.url()).searchParams.get('connection')).toBe('c1');
  });

  it('runs an agent there from the launch form: its Codex answers in the terminal and finishes, and Stop stops it', async () => {
    const id = await launchAndFinish('remote agent', 'remote-agent', 'hello-from-the-remote-agent');
    await agentListItem(page, 'remote agent').getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => agentStatusInList(page, 'remote agent'), { timeout: 30_000 }).toBe('stopped');
    expect(processesOfAgent(id)).toEqual([]);

    // The README's picture: the switcher open on this window's core and the remote one.
    await switcher().click();
    await page.getByTestId('connection-option-c1').hover();
    await saveScreenshot(page, 'connections.png', 'connections.png');
    await page.keyboard.press('Escape');
  });

  it('says the connection dropped when the tunnel’s ssh is killed, reconnects by itself, and works again', async () => {
    const [sshPid, ...others] = tunnelPids();
    expect(others).toEqual([]);
    process.kill(sshPid!, 'SIGKILL');

    const banner = page.getByTestId('connection-link-down');
    await expect.poll(() => banner.count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => banner.innerText(), { timeout: 30_000 }).toContain(`Lost the connection to ${label()} — reconnecting…`);
    expect(await banner.innerText()).toContain('The SSH connection to build1 dropped (ssh was ended by SIGKILL)');
    await expect.poll(() => banner.count(), { timeout: 60_000 }).toBe(0);
    const [newPid, ...more] = tunnelPids();
    expect(more).toEqual([]);
    expect(newPid).not.toBe(sshPid);

    // The same remote serve, freshly asked: the agent's record is back, and a new agent runs there.
    await repoPath().filter({ hasText: remoteRepo!.dir }).waitFor();
    await expect.poll(() => agentStatusInList(page, 'remote agent'), { timeout: 30_000 }).toBe('stopped');
    await launchAndFinish('after reconnect', 'after-reconnect', 'hello-after-the-reconnect');
  });
});
